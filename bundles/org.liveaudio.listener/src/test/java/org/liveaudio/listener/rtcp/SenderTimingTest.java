package org.liveaudio.listener.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.NtpTime;
import org.liveaudio.api.net.SenderReport;

class SenderTimingTest {
    private static final long MS = 1_000_000L;
    /** 2026-11-24T16:00:00.123456789Z */
    private static final long X = 1_795_536_000_123_456_789L;
    private static final long SENDER = 0x5E4D_E401L;

    private static SenderTiming report(long rtpTimestamp) {
        return new SenderTiming(SENDER, NtpTime.fromEpochNanos(X), rtpTimestamp, 48_000, 0);
    }

    @Test
    void timestampAfterTheReportIsLaterBySamplesOverTheRate() {
        long sent = report(1_000_000).senderEpochNanos(1_000_000 + 480);

        assertEquals(X + 10 * MS, sent, 1, "480 units at 48 kHz are 10 ms; NTP keeps the time to 1 ns");
    }

    @Test
    void timestampThatWrappedPast32BitsIsStillLater() {
        long beforeWrap = 0xFFFF_FF00L;
        long afterWrap = (beforeWrap + 480) & 0xFFFF_FFFFL;

        assertEquals(0xE0L, afterWrap, "the timestamp wrapped");
        assertEquals(X + 10 * MS, report(beforeWrap).senderEpochNanos(afterWrap), 1);
    }

    @Test
    void timestampBeforeTheReportIsEarlierAcrossTheWrapToo() {
        assertEquals(X - 10 * MS, report(0x100).senderEpochNanos((0x100 - 480) & 0xFFFF_FFFFL), 1);
        assertEquals(X - 10 * MS, report(5_000_000).senderEpochNanos(5_000_000 - 480), 1);
    }

    @Test
    void lastSenderReportIsTheMiddle32BitsAndTheDelayIsIn65536thsOfASecond() {
        SenderTiming timing = new SenderTiming(SENDER, 0xE1B2_C3D4_A5B6_C7D8L, 0, 48_000, 7_000 * MS);

        assertEquals(0xC3D4_A5B6L, timing.lastSenderReport());
        assertEquals(0, timing.delaySinceReport(7_000 * MS));
        assertEquals(98_304, timing.delaySinceReport(8_500 * MS), "1.5 s");
        assertEquals(65_536L * 50_000 + 32_768, timing.delaySinceReport(7_000 * MS + 50_000_500 * MS));
        assertEquals(0xFFFF_FFFFL, timing.delaySinceReport(7_000 * MS + 200_000_000 * MS),
                "beyond 65536 s, capped at 32 bits (and no overflow on the way)");
    }

    @Test
    void reportsBeforeTheLockAreRememberedAndAppliedWhenLocking() {
        SenderClock clock = new SenderClock(48_000);
        clock.offer(new SenderReport(SENDER, NtpTime.fromEpochNanos(X), 1_000, 5, 500, List.of()), 42);
        clock.offer(new SenderReport(0x1111L, NtpTime.fromEpochNanos(X + 5 * MS), 9_000, 5, 500, List.of()), 43);

        assertEquals(SenderClock.NO_TIME, clock.senderEpochNanos(SENDER, 1_480), "not locked yet");

        clock.lock(SENDER);
        assertEquals(X + 10 * MS, clock.senderEpochNanos(SENDER, 1_480), 1);
        assertEquals(SenderClock.NO_TIME, clock.senderEpochNanos(0x1111L, 9_480), "only the locked stream maps");
        assertEquals(42, clock.current().receivedNanos());

        clock.offer(new SenderReport(0x1111L, NtpTime.fromEpochNanos(X + 9 * MS), 9_000, 5, 500, List.of()), 44);
        assertEquals(42, clock.current().receivedNanos(), "another sender's report leaves the lock's clock alone");
        clock.offer(new SenderReport(SENDER, NtpTime.fromEpochNanos(X + 20 * MS), 1_960, 9, 900, List.of()), 45);
        assertEquals(45, clock.current().receivedNanos(), "the locked sender's latest report counts");
    }

    @Test
    void aChangedClockRateRemapsTheLockedStream() {
        SenderClock clock = new SenderClock(48_000);
        clock.lock(SENDER);
        clock.offer(new SenderReport(SENDER, NtpTime.fromEpochNanos(X), 0, 5, 500, List.of()), 1);

        clock.useClockRate(44_100);

        assertEquals(X + 10 * MS, clock.senderEpochNanos(SENDER, 441), 1);
    }

    @Test
    void aReportWithoutWallClockMapsNothing() {
        SenderClock clock = new SenderClock(48_000);
        clock.lock(SENDER);

        clock.offer(new SenderReport(SENDER, 0, 1_000, 5, 500, List.of()), 1);

        assertEquals(SenderClock.NO_TIME, clock.senderEpochNanos(SENDER, 1_000));
    }
}
