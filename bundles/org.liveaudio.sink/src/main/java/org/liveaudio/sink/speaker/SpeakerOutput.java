package org.liveaudio.sink.speaker;

import javax.sound.sampled.SourceDataLine;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.sink.pcm.LittleEndianPcm;

/**
 * An open, started playback line fed by a thread of its own, so that {@link #write} never waits for the device.
 *
 * <p>A device takes audio at its own pace and in its own chunks: ALSA's PulseAudio plugin takes it a period
 * (20 ms) at a time and keeps its buffer full, and Java Sound looks for room a quarter of the buffer (25 ms) at a
 * time, so a write may wait that long although audio comes exactly in real time. The listener hands each frame over
 * at its instant; a write that waited would make it miss the next ones. So {@link #write} puts the frame in a ring,
 * and the line's own thread writes from there, waiting for the device as long as it needs. The ring holds as much
 * as the device's buffer; a frame that finds it full (a device that stopped taking audio) is dropped.
 *
 * <p>A device that has run dry (just started, the stream paused) would start again from one frame and run dry at
 * once, so before audio goes to a device holding nothing, silence puts it back at a working depth. The queue the
 * listener steers, {@link #queuedSamples}, is all that waits to be heard: the ring, the chunk being written, the
 * device's buffer.
 */
final class SpeakerOutput implements AudioOutput {
    static final String THREAD_PREFIX = "liveaudio-speaker-";
    /** The most the line's thread writes at once: what it has taken but the device not yet, counts twice. */
    private static final int CHUNK_MILLIS = 5;
    private static final long STOP_MILLIS = 2_000;

    private final SourceDataLine line;
    private final String description;
    private final int channels;
    private final int bytesPerSample;
    private final byte[] silence;
    private final ByteRing ring;
    private final Thread feeder;
    private byte[] bytes = new byte[0];
    private long samplesWritten;
    /** Bytes the line's thread has taken from the ring and is writing; written by that thread only. */
    private volatile int writing;

    /** @param workingDepthBytes what a device that ran dry is given before more audio: whole samples */
    SpeakerOutput(SourceDataLine line, String mixerName, AudioFormat format, int workingDepthBytes) {
        this.line = line;
        this.description = "speaker " + mixerName;
        this.channels = format.channels();
        this.bytesPerSample = format.bytesPerSample();
        this.silence = new byte[workingDepthBytes];
        this.ring = new ByteRing(line.getBufferSize());
        byte[] chunk = new byte[format.sampleRate() * CHUNK_MILLIS / 1000 * bytesPerSample];
        this.feeder = new Thread(() -> feed(chunk), THREAD_PREFIX + mixerName);
        feeder.setDaemon(true);
        feeder.start();
    }

    @Override
    public String description() {
        return description;
    }

    /** Hands the samples to the line's thread; drops them when the device has stopped taking audio. */
    @Override
    public void write(short[] pcm, int samples) {
        int length = samples * bytesPerSample;
        if (bytes.length < length) {
            bytes = new byte[length];
        }
        LittleEndianPcm.toBytes(pcm, samples * channels, bytes);
        if (ring.offer(bytes, length)) {
            samplesWritten += samples;
        }
    }

    /** The line's thread: writes what the ring holds, waiting for the device as long as it takes. */
    private void feed(byte[] chunk) {
        int length;
        while ((length = ring.take(chunk)) != ByteRing.CLOSED) {
            writing = length;
            refillIfDry();
            line.write(chunk, 0, length);
            writing = 0;
        }
    }

    /**
     * Writes silence up to the working depth into a device that holds nothing; one that played past what it was
     * given (the plugin's count runs on while it starves, so it reports more room than its buffer) gets that much
     * more, so that the audio still lands at the working depth.
     */
    private void refillIfDry() {
        int queued = deviceQueuedBytes();
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

    /** Samples accepted, not counting those dropped because the device had stopped taking audio. */
    @Override
    public long samplesWritten() {
        return samplesWritten;
    }

    /** What waits to be heard, in whole samples: the ring, the chunk being written, the device's buffer. */
    @Override
    public long queuedSamples() {
        return (ring.size() + writing + Math.max(0, deviceQueuedBytes())) / bytesPerSample;
    }

    /** The line's buffer less the room it has; negative when the device has played past what it was given. */
    private int deviceQueuedBytes() {
        return line.getBufferSize() - line.available();
    }

    /**
     * Stops at once rather than draining: a reconfigured listener should not wait for old audio. Stopping the line
     * ends a write its thread is waiting in.
     */
    @Override
    public void close() {
        ring.close();
        line.stop();
        line.flush();
        try {
            feeder.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        line.close();
    }
}
