package org.liveaudio.api.net;

/**
 * The 64-bit NTP timestamp format of RTCP (RFC 3550, section 4): seconds since 1900 in the high 32 bits, the
 * fraction of a second in the low 32 bits.
 */
public final class NtpTime {
    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (the Unix epoch). */
    static final long EPOCH_OFFSET_SECONDS = 2_208_988_800L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private NtpTime() {
    }

    public static long fromEpochNanos(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND) + EPOCH_OFFSET_SECONDS;
        long nanos = Math.floorMod(epochNanos, NANOS_PER_SECOND);
        return (seconds << 32) | ((nanos << 32) / NANOS_PER_SECOND);
    }

    public static long toEpochNanos(long ntp) {
        long seconds = (ntp >>> 32) - EPOCH_OFFSET_SECONDS;
        long fraction = ntp & 0xFFFF_FFFFL;
        return seconds * NANOS_PER_SECOND + ((fraction * NANOS_PER_SECOND) >>> 32);
    }

    /** The middle 32 bits, as RTCP's LSR field carries them. */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xFFFF_FFFFL;
    }
}
