package org.liveaudio.source.linein;

import java.io.IOException;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.api.audio.AudioSource;
import org.liveaudio.api.audio.SourceSettings;
import org.liveaudio.source.pcm.JavaSoundFormat;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/** The sound card's capture input (javax.sound's default capture line), in the stream format. */
@Component(service = AudioSource.class, property = AudioSource.TYPE + "=" + LineInSource.TYPE)
public final class LineInSource implements AudioSource {
    static final String TYPE = "line-in";
    /** The device's own buffer: long enough to ride out a capture thread descheduled for a while. */
    private static final int LINE_BUFFER_MILLIS = 100;

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public AudioInput open(SourceSettings settings, AudioFormat format, long startSample) throws IOException {
        return LineInInput.start(openLine(format), format, startSample, log);
    }

    static TargetDataLine openLine(AudioFormat format) throws IOException {
        javax.sound.sampled.AudioFormat javaFormat = JavaSoundFormat.of(format);
        TargetDataLine line;
        try {
            line = AudioSystem.getTargetDataLine(javaFormat);
        } catch (IllegalArgumentException e) {
            throw new IOException("no audio capture device (line-in) on this machine", e);
        } catch (LineUnavailableException e) {
            throw new IOException("line-in unavailable: " + e.getMessage(), e);
        }
        try {
            line.open(javaFormat, format.sampleRate() * LINE_BUFFER_MILLIS / 1000 * format.bytesPerSample());
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new IOException("line-in cannot capture " + format + ": " + e.getMessage(), e);
        }
        return line;
    }
}
