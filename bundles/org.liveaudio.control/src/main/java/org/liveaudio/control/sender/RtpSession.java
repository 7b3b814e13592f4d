package org.liveaudio.control.sender;

import java.util.Random;

/**
 * The numbering of one RTP session (RFC 3550): its SSRC, the next sequence number, and the timestamp of
 * each slot of the frame grid. Sequence numbers count packets sent; timestamps count slots, so a pause or
 * a skip moves the timestamp and not the sequence, and a listener can tell it from loss.
 */
final class RtpSession {
    static final long TIMESTAMP_MASK = 0xFFFF_FFFFL;
    static final int SEQUENCE_MASK = 0xFFFF;

    private final long ssrc;
    private final long timestampAtSlotZero;
    private final int ticksPerFrame;
    private int nextSequence;
    /**
     * How often the sequence number wrapped: SRTP's rollover counter (RFC 3711 3.3.1), which with the sequence
     * number makes the packet index that keeps the keystream unique, also across a sender restarted in the session.
     */
    private int rollovers;
    private boolean marker;

    /** A session whose first packet carries the marker bit. */
    RtpSession(long ssrc, int nextSequence, long timestampAtSlotZero, int ticksPerFrame) {
        this(ssrc, nextSequence, 0, timestampAtSlotZero, ticksPerFrame);
    }

    RtpSession(long ssrc, int nextSequence, int rollovers, long timestampAtSlotZero, int ticksPerFrame) {
        this(ssrc, nextSequence, rollovers, timestampAtSlotZero, ticksPerFrame, true);
    }

    /** @param marker whether the first packet carries the marker bit: not when it goes on without a gap */
    RtpSession(long ssrc, int nextSequence, int rollovers, long timestampAtSlotZero, int ticksPerFrame,
            boolean marker) {
        this.marker = marker;
        this.ssrc = ssrc & TIMESTAMP_MASK;
        this.rollovers = rollovers;
        this.nextSequence = nextSequence & SEQUENCE_MASK;
        this.timestampAtSlotZero = timestampAtSlotZero & TIMESTAMP_MASK;
        this.ticksPerFrame = ticksPerFrame;
    }

    /** A new session with a random SSRC, initial sequence number and timestamp, as RFC 3550 asks. */
    static RtpSession random(Random random, int ticksPerFrame) {
        return new RtpSession(random.nextInt() & TIMESTAMP_MASK, random.nextInt(SEQUENCE_MASK + 1),
                random.nextInt() & TIMESTAMP_MASK, ticksPerFrame);
    }

    long ssrc() {
        return ssrc;
    }

    int nextSequence() {
        return nextSequence;
    }

    int takeSequence() {
        int sequence = nextSequence;
        nextSequence = (sequence + 1) & SEQUENCE_MASK;
        if (nextSequence == 0) {
            rollovers++;
        }
        return sequence;
    }

    /** The next sequence number with the wraps before it in the bits above the 16th, as RtpSender takes it. */
    int takeExtendedSequence() {
        int wraps = rollovers;
        return wraps << 16 | takeSequence();
    }

    int rollovers() {
        return rollovers;
    }

    long timestamp(long slot) {
        return (timestampAtSlotZero + slot * ticksPerFrame) & TIMESTAMP_MASK;
    }

    /** The next packet starts anew after a gap in time (pause, wait, skip) and carries the marker bit. */
    void markDiscontinuity() {
        marker = true;
    }

    boolean takeMarker() {
        boolean set = marker;
        marker = false;
        return set;
    }
}
