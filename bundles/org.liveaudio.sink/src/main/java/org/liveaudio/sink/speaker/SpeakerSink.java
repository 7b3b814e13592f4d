package org.liveaudio.sink.speaker;

import java.io.IOException;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.api.audio.AudioSink;
import org.liveaudio.api.audio.SinkSettings;
import org.osgi.service.component.annotations.Component;

/** Plays on the sound card through javax.sound's default playback line. */
@Component(service = AudioSink.class, property = AudioSink.TYPE + "=" + SpeakerSink.TYPE)
public final class SpeakerSink implements AudioSink {
    static final String TYPE = "speaker";
    /** The device's buffer: long enough to ride out a playout thread descheduled for a moment. */
    private static final int LINE_BUFFER_MILLIS = 100;
    /**
     * The silence a device that ran dry is given before audio again: half its buffer, for it to play on while the
     * next frames come, with as much room above it. (A device that keeps its buffer full, as PulseAudio does, fills
     * it from there.)
     */
    private static final int WORKING_DEPTH_MILLIS = LINE_BUFFER_MILLIS / 2;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public AudioOutput open(SinkSettings settings, AudioFormat format) throws IOException {
        javax.sound.sampled.AudioFormat javaFormat =
                new javax.sound.sampled.AudioFormat(format.sampleRate(), Short.SIZE, format.channels(), true, false);
        SourceDataLine line;
        try {
            line = AudioSystem.getSourceDataLine(javaFormat);
            line.open(javaFormat, bytes(format, LINE_BUFFER_MILLIS));
        } catch (IllegalArgumentException | LineUnavailableException e) {
            throw new IOException("no sound card: " + e.getMessage(), e);
        }
        line.start();
        return new SpeakerOutput(line, mixerName(new DataLine.Info(SourceDataLine.class, javaFormat)), format,
                bytes(format, WORKING_DEPTH_MILLIS));
    }

    /** The bytes of {@code millis} of audio, in whole samples. */
    private static int bytes(AudioFormat format, int millis) {
        return format.sampleRate() * millis / 1000 * format.bytesPerSample();
    }

    /** The first mixer that offers such a line: the one javax.sound picks unless a default mixer is configured. */
    private static String mixerName(DataLine.Info line) {
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (AudioSystem.getMixer(info).isLineSupported(line)) {
                return info.getName();
            }
        }
        return "default";
    }
}
