package org.liveaudio.listener.rtcp;

import org.liveaudio.api.net.NtpTime;

/**
 * What one sender report says: the sender's wall clock at one RTP timestamp, which places every frame of the
 * stream on the sender's clock, since timestamps advance with real time.
 *
 * @param ntpTimestamp the sender's wall clock, 64-bit NTP format
 * @param rtpTimestamp the RTP timestamp of the same instant
 * @param clockRate RTP timestamp units per second
 * @param receivedNanos {@link System#nanoTime()} when the report arrived
 */
public record SenderTiming(long ssrc, long ntpTimestamp, long rtpTimestamp, int clockRate, long receivedNanos) {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MAX_DELAY_UNITS = 0xFFFF_FFFFL;

    /**
     * The sender's time of the frame with RTP timestamp {@code timestamp}, in ns since the Unix epoch. The
     * timestamp is taken as the nearest one to the report's (within 2^31 units either way), so it may wrap.
     */
    public long senderEpochNanos(long timestamp) {
        long units = (int) (timestamp - rtpTimestamp);
        return NtpTime.toEpochNanos(ntpTimestamp) + units * NANOS_PER_SECOND / clockRate;
    }

    /** LSR: the middle 32 bits of the report's NTP timestamp. */
    public long lastSenderReport() {
        return NtpTime.middle32(ntpTimestamp);
    }

    /** DLSR: the time since the report arrived, in units of 1/65536 s. */
    public long delaySinceReport(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - receivedNanos);
        long units = (elapsed / NANOS_PER_SECOND << 16) + (elapsed % NANOS_PER_SECOND << 16) / NANOS_PER_SECOND;
        return Math.min(units, MAX_DELAY_UNITS);
    }

    SenderTiming withClockRate(int newClockRate) {
        return new SenderTiming(ssrc, ntpTimestamp, rtpTimestamp, newClockRate, receivedNanos);
    }
}
