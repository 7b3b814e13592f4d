package org.liveaudio.listener.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.liveaudio.api.testing.LongAssertions.assertWithin;

import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.NtpTime;

class TimelineTest {
    private static final long MS = 1_000_000L;
    /** The sender's report instant X, in ns since the epoch. */
    private static final long X = 1_795_536_000_000_000_000L;
    private static final long SENDER = 0x5E4D_E401L;

    private static Timeline at(long rtpTimestamp) {
        return Timeline.of(SENDER, NtpTime.fromEpochNanos(X), rtpTimestamp, 48_000);
    }

    @Test
    void timestampAfterThePointIsLaterBySamplesOverTheRate() {
        assertWithin(X + 10 * MS, at(1_000_000).epochNanos(1_000_000 + 480), 1,
                "480 units at 48 kHz are 10 ms; NTP keeps the time to 1 ns");
    }

    @Test
    void timestampThatWrappedPast32BitsIsStillLater() {
        long beforeWrap = 0xFFFF_FF00L;
        long afterWrap = (beforeWrap + 480) & 0xFFFF_FFFFL;

        assertEquals(0xE0L, afterWrap, "the timestamp wrapped");
        assertWithin(X + 10 * MS, at(beforeWrap).epochNanos(afterWrap), 1, "480 units on, across the wrap");
    }

    @Test
    void timestampBeforeThePointIsEarlierAcrossTheWrapToo() {
        assertWithin(X - 10 * MS, at(0x100).epochNanos((0x100 - 480) & 0xFFFF_FFFFL), 1, "480 units back, across the wrap");
        assertWithin(X - 10 * MS, at(5_000_000).epochNanos(5_000_000 - 480), 1, "480 units back");
    }

    @Test
    void anotherClockRateRescalesTheLine() {
        assertWithin(X + 10 * MS, at(0).withClockRate(44_100).epochNanos(441), 1, "441 units at 44.1 kHz");
    }
}
