package org.liveaudio.source.pcm;

import java.util.Arrays;
import org.liveaudio.api.audio.AudioFormat;

/**
 * The sender's clock thread's side of a live source (a capture line, a pipe): a thread of the source's own fills
 * the ring as audio comes; each frame takes what is there and pads the rest with silence, so the clock never
 * waits for the writer. Allocates nothing per frame.
 */
public final class LiveFeed {
    private final SampleRing ring;
    private final int channels;
    private long position;

    /** @param bufferMillis how much audio the ring holds ahead of the clock */
    public LiveFeed(AudioFormat format, int bufferMillis, long startSample) {
        this.channels = format.channels();
        this.ring = new SampleRing(format.sampleRate() * bufferMillis / 1000 * channels);
        this.position = startSample;
    }

    /** Where the source's own thread puts what it reads. */
    public SampleRing ring() {
        return ring;
    }

    /** As {@code AudioInput.read}: the samples that came from the source; the rest of the frame is silence. */
    public int read(short[] pcm, int samples) {
        int values = samples * channels;
        int taken = ring.take(pcm, values);
        Arrays.fill(pcm, taken, values, (short) 0);
        position += samples;
        return taken / channels;
    }

    /** Samples delivered since the stream began, counting the start sample. */
    public long position() {
        return position;
    }
}
