package org.liveaudio.listener.buffer;

/**
 * The frame the playout thread handles in one period: a copy of a payload taken from the jitter buffer,
 * or just a length for concealment and silence. One instance per playout thread, reused every period.
 */
public final class Frame {
    private byte[] payload;
    private int length;
    private int samples;
    private int sampleRate;
    private long sequence;
    private long senderNanos;

    public Frame(int initialPayloadBytes) {
        payload = new byte[initialPayloadBytes];
    }

    void take(byte[] source, int sourceLength, int frameSamples, int rate, long extendedSequence,
            long senderTime) {
        if (payload.length < sourceLength) {
            payload = new byte[sourceLength];
        }
        System.arraycopy(source, 0, payload, 0, sourceLength);
        length = sourceLength;
        senderNanos = senderTime;
        set(frameSamples, rate, extendedSequence);
    }

    void fill(int frameSamples, int rate, long extendedSequence) {
        length = 0;
        set(frameSamples, rate, extendedSequence);
    }

    private void set(int frameSamples, int rate, long extendedSequence) {
        samples = frameSamples;
        sampleRate = rate;
        sequence = extendedSequence;
    }

    /** The payload bytes, valid from 0 to {@link #length()}; empty for concealment and silence. */
    public byte[] payload() {
        return payload;
    }

    public int length() {
        return length;
    }

    public int samples() {
        return samples;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** The extended (never wrapping) sequence number of the frame played or concealed. */
    public long sequence() {
        return sequence;
    }

    /** For a received frame, the sender time its packet was filed with (see {@link JitterBuffer#insert}). */
    public long senderNanos() {
        return senderNanos;
    }
}
