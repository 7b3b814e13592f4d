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
    private byte[] next = new byte[0];
    private int nextLength;

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

    /** Copies the payload that follows a lost frame, which may carry a copy of it. */
    void lookAhead(byte[] source, int sourceLength) {
        if (next.length < sourceLength) {
            next = new byte[sourceLength];
        }
        System.arraycopy(source, 0, next, 0, sourceLength);
        nextLength = sourceLength;
    }

    private void set(int frameSamples, int rate, long extendedSequence) {
        samples = frameSamples;
        sampleRate = rate;
        sequence = extendedSequence;
        nextLength = 0;
    }

    /** The payload bytes, valid from 0 to {@link #length()}; empty for concealment and silence. */
    public byte[] payload() {
        return payload;
    }

    public int length() {
        return length;
    }

    /** For a lost frame, the payload of the frame after it if that was there, valid to {@link #nextLength()}. */
    public byte[] next() {
        return next;
    }

    /** 0 unless this is a lost frame whose successor was there. */
    public int nextLength() {
        return nextLength;
    }

    public int samples() {
        return samples;
    }

    /** The RTP clock rate, in which {@link #samples()} counts. */
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
