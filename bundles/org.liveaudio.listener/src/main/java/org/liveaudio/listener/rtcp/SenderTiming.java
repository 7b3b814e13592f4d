package org.liveaudio.listener.rtcp;

import org.liveaudio.api.net.NtpTime;

/**
 * When one sender report was sent and when it arrived: what a receiver report echoes as LSR and DLSR.
 *
 * @param ntpTimestamp the sender's wall clock, 64-bit NTP format
 * @param receivedNanos {@link System#nanoTime()} when the report arrived
 */
public record SenderTiming(long ssrc, long ntpTimestamp, long receivedNanos) {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MAX_DELAY_UNITS = 0xFFFF_FFFFL;

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
}
