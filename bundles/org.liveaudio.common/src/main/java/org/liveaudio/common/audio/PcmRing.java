package org.liveaudio.common.audio;

import org.liveaudio.api.audio.AudioFormat;

/**
 * Hands frames from the sender's clock thread (the one producer) to a tap's own thread (the one consumer) without
 * a lock: interleaved samples in a ring, positions as running totals. The producer never waits: a frame that does
 * not fit, or one of a format the consumer has not taken up yet, is dropped whole and counted.
 */
public final class PcmRing {
    private final short[] samples;
    private volatile long written;
    private volatile long read;
    private volatile long dropped;
    /** The format the producer last saw, which the consumer takes up with {@link #adopt}. */
    private volatile AudioFormat offered;
    private volatile AudioFormat adopted;

    public PcmRing(int capacitySamples) {
        samples = new short[capacitySamples];
    }

    /** Producer: copies the frame in, or drops it. */
    public void offer(short[] pcm, int count, AudioFormat format) {
        if (!format.equals(adopted)) {
            offered = format;
            dropped++;
            return;
        }
        long at = written;
        if (samples.length - (at - read) < count) {
            dropped++;
            return;
        }
        int start = (int) (at % samples.length);
        int first = Math.min(count, samples.length - start);
        System.arraycopy(pcm, 0, samples, start, first);
        System.arraycopy(pcm, first, samples, 0, count - first);
        written = at + count;
    }

    /** Consumer: a format offered and not yet taken up, or {@code null}. */
    public AudioFormat offeredFormat() {
        AudioFormat format = offered;
        return format == null || format.equals(adopted) ? null : format;
    }

    /** Consumer: takes up {@code format} and drops what the ring held, which was of the format before. */
    public void adopt(AudioFormat format) {
        adopted = format;
        read = written;
    }

    /** Consumer: drops what the ring holds (a relay that lost its server, or a stream that lost its last client, starts afresh). */
    public void clear() {
        read = written;
    }

    /** Consumer: samples ready to take. */
    public int available() {
        return (int) (written - read);
    }

    /** Consumer: moves {@code count} samples, which must be {@link #available}, into {@code into}. */
    public void take(short[] into, int count) {
        long at = read;
        int start = (int) (at % samples.length);
        int first = Math.min(count, samples.length - start);
        System.arraycopy(samples, start, into, 0, first);
        System.arraycopy(samples, 0, into, first, count - first);
        read = at + count;
    }

    /** Frames dropped so far: no room, or a format not taken up yet. */
    public long dropped() {
        return dropped;
    }
}
