package org.liveaudio.sink.speaker;

import javax.sound.sampled.SourceDataLine;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.sink.pcm.LittleEndianPcm;

/** An open, started playback line; {@link #write} blocks while the device's buffer is full. */
final class SpeakerOutput implements AudioOutput {
    private final SourceDataLine line;
    private final String description;
    private final int channels;
    private final int bytesPerSample;
    private byte[] bytes = new byte[0];
    private long samplesWritten;

    SpeakerOutput(SourceDataLine line, String mixerName, AudioFormat format) {
        this.line = line;
        this.description = "speaker " + mixerName;
        this.channels = format.channels();
        this.bytesPerSample = format.bytesPerSample();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void write(short[] pcm, int samples) {
        int length = samples * bytesPerSample;
        if (bytes.length < length) {
            bytes = new byte[length];
        }
        LittleEndianPcm.toBytes(pcm, samples * channels, bytes);
        line.write(bytes, 0, length);
        samplesWritten += samples;
    }

    @Override
    public long samplesWritten() {
        return samplesWritten;
    }

    /** What the line holds: its buffer less the room it has, in whole samples. */
    @Override
    public long queuedSamples() {
        return (line.getBufferSize() - line.available()) / bytesPerSample;
    }

    /** Stops at once rather than draining: a reconfigured listener should not wait for old audio. */
    @Override
    public void close() {
        line.stop();
        line.flush();
        line.close();
    }
}
