package org.liveaudio.listener.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.NtpTime;
import org.liveaudio.api.net.SenderReport;

class SenderTimingTest {
    private static final long MS = 1_000_000L;
    private static final long X = 1_795_536_000_000_000_000L;
    private static final long SENDER = 0x5E4D_E401L;

    @Test
    void lastSenderReportIsTheMiddle32BitsAndTheDelayIsIn65536thsOfASecond() {
        SenderTiming timing = new SenderTiming(SENDER, 0xE1B2_C3D4_A5B6_C7D8L, 7_000 * MS);

        assertEquals(0xC3D4_A5B6L, timing.lastSenderReport());
        assertEquals(0, timing.delaySinceReport(7_000 * MS));
        assertEquals(98_304, timing.delaySinceReport(8_500 * MS), "1.5 s");
        assertEquals(65_536L * 50_000 + 32_768, timing.delaySinceReport(7_000 * MS + 50_000_500 * MS));
        assertEquals(0xFFFF_FFFFL, timing.delaySinceReport(7_000 * MS + 200_000_000 * MS),
                "beyond 65536 s, capped at 32 bits (and no overflow on the way)");
    }

    @Test
    void reportsBeforeTheLockAreRememberedAndApplyWhenLocking() {
        SenderReports reports = new SenderReports();
        reports.offer(new SenderReport(SENDER, NtpTime.fromEpochNanos(X), 1_000, 5, 500, List.of()), 42);
        reports.offer(new SenderReport(0x1111L, NtpTime.fromEpochNanos(X + 5 * MS), 9_000, 5, 500, List.of()), 43);

        assertNull(reports.current(), "not locked yet");

        reports.lock(SENDER);
        assertEquals(42, reports.current().receivedNanos());
        assertEquals(SENDER, reports.current().ssrc());

        reports.offer(new SenderReport(0x1111L, NtpTime.fromEpochNanos(X + 9 * MS), 9_000, 5, 500, List.of()), 44);
        assertEquals(42, reports.current().receivedNanos(), "another sender's report leaves the lock's alone");
        reports.offer(new SenderReport(SENDER, NtpTime.fromEpochNanos(X + 20 * MS), 1_960, 9, 900, List.of()), 45);
        assertEquals(45, reports.current().receivedNanos(), "the locked sender's latest report counts");
    }

    @Test
    void aReportWithoutWallClockIsNoLastSenderReport() {
        SenderReports reports = new SenderReports();
        reports.lock(SENDER);

        reports.offer(new SenderReport(SENDER, 0, 1_000, 5, 500, List.of()), 1);

        assertNull(reports.current());
    }
}
