package org.liveaudio.listener.sync;

import org.liveaudio.api.net.NtpTime;

/**
 * The line on which a sender places every frame of its stream: timestamp {@code rtp} at {@code epochNanos} on the
 * sender's clock, and timestamps advancing at {@code clockRate} per second, as sender reports and time responses
 * give it (RFC 3550 section 6.4.1).
 */
public record Timeline(long ssrc, long epochNanos, long rtp, int clockRate) {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    static Timeline of(long ssrc, long ntpTimestamp, long rtpTimestamp, int clockRate) {
        return new Timeline(ssrc, NtpTime.toEpochNanos(ntpTimestamp), rtpTimestamp, clockRate);
    }

    /**
     * The sender's time of the frame with RTP timestamp {@code timestamp}, in ns since the epoch. The timestamp is
     * taken as the nearest one to the line's point (within 2^31 units either way), so it may wrap.
     */
    public long epochNanos(long timestamp) {
        long units = (int) (timestamp - rtp);
        return epochNanos + units * NANOS_PER_SECOND / clockRate;
    }

    Timeline withClockRate(int newClockRate) {
        return new Timeline(ssrc, epochNanos, rtp, newClockRate);
    }
}
