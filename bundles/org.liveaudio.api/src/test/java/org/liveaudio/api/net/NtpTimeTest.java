package org.liveaudio.api.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NtpTimeTest {
    @Test
    void unixEpochIsNtpSecond2208988800() {
        assertEquals(2_208_988_800L << 32, NtpTime.fromEpochNanos(0));
    }

    @Test
    void halfASecondIsHalfTheFraction() {
        assertEquals((2_208_988_801L << 32) | 0x8000_0000L, NtpTime.fromEpochNanos(1_500_000_000L));
    }

    @Test
    void roundTripKeepsNanosecondsWithinTheFractionsResolution() {
        long epochNanos = 1_795_536_537_123_456_789L;
        long back = NtpTime.toEpochNanos(NtpTime.fromEpochNanos(epochNanos));
        assertTrue(Math.abs(back - epochNanos) <= 1, back + " vs " + epochNanos);
    }

    @Test
    void middle32IsWhatLsrCarries() {
        assertEquals(0x5678_9ABCL, NtpTime.middle32(0x1234_5678_9ABC_DEF0L));
    }
}
