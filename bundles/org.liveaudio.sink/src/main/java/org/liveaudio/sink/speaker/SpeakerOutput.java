package org.liveaudio.sink.speaker;

import javax.sound.sampled.SourceDataLine;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.sink.pcm.LittleEndianPcm;

/**
 * An open, started playback line, kept at a working depth: {@link #write} blocks only while the device's buffer is
 * full, which a listener writing in real time never lets it be.
 *
 * <p>A device that has run dry (just started, the stream paused, the playout thread held up) starts again as soon
 * as anything is written: with one frame in it, it would run dry again at once, and on ALSA's PulseAudio plugin the
 * frames written after that land behind what the device has already played, or wait for the whole buffer to fill.
 * So before a frame goes to a device holding nothing, silence puts the queue back at its working depth: that depth
 * is what the device plays on while the next frame comes, and what the listener's drift control steers to.
 */
final class SpeakerOutput implements AudioOutput {
    private final SourceDataLine line;
    private final String description;
    private final int channels;
    private final int bytesPerSample;
    private final byte[] silence;
    private byte[] bytes = new byte[0];
    private long samplesWritten;

    /** @param workingDepthBytes what a device that ran dry is given before the next frame: whole samples */
    SpeakerOutput(SourceDataLine line, String mixerName, AudioFormat format, int workingDepthBytes) {
        this.line = line;
        this.description = "speaker " + mixerName;
        this.channels = format.channels();
        this.bytesPerSample = format.bytesPerSample();
        this.silence = new byte[workingDepthBytes];
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void write(short[] pcm, int samples) {
        refillIfDry();
        int length = samples * bytesPerSample;
        if (bytes.length < length) {
            bytes = new byte[length];
        }
        LittleEndianPcm.toBytes(pcm, samples * channels, bytes);
        line.write(bytes, 0, length);
        samplesWritten += samples;
    }

    /**
     * Writes silence up to the working depth into a device that holds nothing; one that played past what it was
     * given (the plugin's count runs on while it starves, so it reports more room than its buffer) gets that much
     * more, so that the next frame still lands at the working depth.
     */
    private void refillIfDry() {
        int queued = queuedBytes();
        if (queued > 0) {
            return;
        }
        int missing = silence.length - queued;
        while (missing > 0) {
            int length = Math.min(missing, silence.length);
            line.write(silence, 0, length);
            missing -= length;
        }
    }

    @Override
    public long samplesWritten() {
        return samplesWritten;
    }

    /** What the line holds: its buffer less the room it has, in whole samples; none when it has run dry. */
    @Override
    public long queuedSamples() {
        return Math.max(0, queuedBytes()) / bytesPerSample;
    }

    /** Negative when the device has played past what it was given. */
    private int queuedBytes() {
        return line.getBufferSize() - line.available();
    }

    /** Stops at once rather than draining: a reconfigured listener should not wait for old audio. */
    @Override
    public void close() {
        line.stop();
        line.flush();
        line.close();
    }
}
