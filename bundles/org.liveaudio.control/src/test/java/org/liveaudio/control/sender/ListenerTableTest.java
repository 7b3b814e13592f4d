package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.NtpTime;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.RepairReport;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.stream.ListenerReport;
import org.liveaudio.api.testing.RecordingLogger;

/** The sender's view of its listeners, fed receiver reports as the RTCP thread would. */
class ListenerTableTest {
    private static final long OURS = 0x1234_5678L;
    private static final long SECOND = 1_000_000_000L;
    /** 2019-02-03 00:40:48.5 UTC: NTP seconds 0xE000B710, fraction 0x80000000, so its middle 32 bits are 0xB7108000. */
    private static final long EPOCH_NANOS_AT_RFC_EXAMPLE = ((0xE000_B710L - 2_208_988_800L) * SECOND) + SECOND / 2;
    private static final long START = 7 * SECOND;
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 40_002);

    private final RecordingLogger log = new RecordingLogger();
    private final ListenerTable table = new ListenerTable(new WallAnchor(EPOCH_NANOS_AT_RFC_EXAMPLE, START),
            log.logger());

    @BeforeEach
    void followOurSession() {
        table.follow(OURS, 48_000);
    }

    @Test
    void lossAndJitterComeFromTheBlockAboutThisSession() {
        ReportBlock aboutSomeoneElse = new ReportBlock(0x9999L, 255, 1_000, 70_000, 96_000, 0, 0);
        ReportBlock aboutUs = new ReportBlock(OURS, 64, 17, 70_123, 480, 0, 0);
        table.onReceiverReport(new ReceiverReport(0xBEEFL, List.of(aboutSomeoneElse, aboutUs)),
                "liveaudio-listener@h1", FROM, START);

        ListenerReport listener = only(table.snapshot(START + 2 * SECOND));
        assertEquals(0xBEEFL, listener.ssrc());
        assertEquals("liveaudio-listener@h1", listener.cname());
        assertEquals("127.0.0.1:40002", listener.address());
        assertEquals(0.25, listener.fractionLost());
        assertEquals(17, listener.cumulativeLost());
        assertEquals(10.0, listener.jitterMillis(), 1e-9, "480 ticks at 48 kHz");
        assertEquals(-1, listener.roundTripMillis(), "no sender report echoed yet (LSR 0)");
        assertEquals(Duration.ofSeconds(2), listener.lastSeen());
    }

    @Test
    void theLossAfterRepairComesFromTheRepairBlockAboutThisSessionAndIsUnknownWithoutOne() {
        ReportBlock aboutUs = new ReportBlock(OURS, 64, 17, 70_123, 480, 0, 0);
        table.onReceiverReport(new ReceiverReport(0xBEEFL, List.of(aboutUs)), "plain", FROM, START);
        assertEquals(-1, only(table.snapshot(START)).lostAfterRepair(), "a listener that says nothing of repairs");

        table.onReceiverReport(new ReceiverReport(0xBEEFL, List.of(aboutUs), List.of(
                new RepairReport(0x9999L, 0, 100, 50, 0), new RepairReport(OURS, 0, 100, 3, 14))),
                "repairing", FROM, START + SECOND);

        ListenerReport listener = only(table.snapshot(START + SECOND));
        assertEquals(17, listener.cumulativeLost(), "before repair, from the report block");
        assertEquals(3, listener.lostAfterRepair(), "the unrepaired loss of the block about this session");
    }

    @Test
    void roundTripIsArrivalLessLsrLessDlsrAsInRfc3550() {
        // RFC 3550 6.4.1, figure 2: A = 0xb7108000 (46864.500 s), LSR = 0xb7052000 (46853.125 s),
        // DLSR = 0x00054000 (5.250 s), so the round trip is 0x00062000 = 6.125 s.
        assertEquals(0xB710_8000L, NtpTime.middle32(NtpTime.fromEpochNanos(EPOCH_NANOS_AT_RFC_EXAMPLE)));
        ReportBlock echo = new ReportBlock(OURS, 0, 0, 1, 0, 0xB705_2000L, 0x0005_4000L);

        table.onReceiverReport(new ReceiverReport(0xBEEFL, List.of(echo)), "l1", FROM, START);

        assertEquals(6_125.0, only(table.snapshot(START)).roundTripMillis(), 1e-9);
    }

    @Test
    void roundTripSurvivesTheWrapOfTheMiddle32Bits() {
        assertEquals(0x0006_2000L, ListenerTable.roundTripUnits(0x0000_8000L, 0xFFFA_2000L, 0x0000_4000L));
    }

    @Test
    void aRoundTripOnlyJustBelowZeroIsTheListenersRoundingAndReadsZero() {
        assertEquals(0, ListenerTable.roundTripUnits(0x1000_0000L, 0x0FFF_0000L, 0x0001_0001L));
    }

    @Test
    void aReportWithoutABlockAboutUsListsTheListenerAndKeepsItsLastFigures() {
        table.onReceiverReport(new ReceiverReport(0xBEEFL, List.of(new ReportBlock(OURS, 128, 3, 1, 96, 0, 0))),
                "l1", FROM, START);
        table.onReceiverReport(new ReceiverReport(0xBEEFL, List.of()), "", FROM, START + SECOND);

        ListenerReport listener = only(table.snapshot(START + SECOND));
        assertEquals(0.5, listener.fractionLost());
        assertEquals(3, listener.cumulativeLost());
        assertEquals("l1", listener.cname(), "a packet without a CNAME keeps the one heard");
        assertEquals(Duration.ZERO, listener.lastSeen());
    }

    @Test
    void theSendersOwnPacketsAreNoListener() {
        table.onReceiverReport(new ReceiverReport(OURS, List.of()), "liveaudio-sender@h", FROM, START);

        assertEquals(List.of(), table.snapshot(START));
    }

    @Test
    void packetsOfTheSendersEndedSessionsAreNoListenerEither() {
        table.follow(-1, 0);
        table.own(0xABCDL);

        // What the channel hears back of the BYEs: an empty receiver report from each, then the BYE.
        table.onReceiverReport(new ReceiverReport(OURS, List.of()), "liveaudio-sender@h", FROM, START);
        table.onReceiverReport(new ReceiverReport(0xABCDL, List.of()), "liveaudio-sender@h", FROM, START);

        assertEquals(List.of(), table.snapshot(START));
        assertEquals(List.of(), log.lines());
    }

    @Test
    void aByeRemovesTheListenerAtOnce() {
        table.onReceiverReport(new ReceiverReport(0xBEEFL, List.of()), "l1", FROM, START);
        table.onReceiverReport(new ReceiverReport(0xCAFEL, List.of()), "l2", FROM, START);

        table.onBye(0xBEEFL, FROM);

        assertEquals(List.of(0xCAFEL), table.snapshot(START).stream().map(ListenerReport::ssrc).toList());
        assertTrue(log.at("info").contains("Listener 0x0000beef (l1 at 127.0.0.1:40002) said BYE"), log.lines()
                .toString());
    }

    @Test
    void aListenerSilentForFiveReportIntervalsIsGone() {
        table.reportInterval(8 * SECOND);
        table.onReceiverReport(new ReceiverReport(0xBEEFL, List.of()), "l1", FROM, START);

        assertEquals(1, table.count(START + 40 * SECOND));
        assertEquals(0, table.count(START + 40 * SECOND + 1));
        assertEquals(List.of(), table.snapshot(START + 40 * SECOND));
        assertEquals(List.of("Listener 0x0000beef (l1 at 127.0.0.1:40002) reports",
                "Listener 0x0000beef (l1 at 127.0.0.1:40002) silent for 40 s, dropped"), log.at("info"));
    }

    @Test
    void theTimeoutCountsIntervalsOfAtLeastTheRfcMinimum() {
        table.reportInterval(2 * SECOND);
        table.onReceiverReport(new ReceiverReport(0xBEEFL, List.of()), "l1", FROM, START);

        assertEquals(1, table.count(START + 25 * SECOND));
        assertEquals(0, table.count(START + 26 * SECOND));
    }

    @Test
    void addressesAreNumericWithIpv6InBracketsAndAnUnresolvedOneAsGiven() {
        table.onReceiverReport(new ReceiverReport(0x1L, List.of()), "l1", new InetSocketAddress("::1", 40_002), START);
        table.onReceiverReport(new ReceiverReport(0x2L, List.of()), "l2",
                InetSocketAddress.createUnresolved("listener.example", 40_002), START);

        assertEquals(List.of("[0:0:0:0:0:0:0:1]:40002", "listener.example:40002"),
                table.snapshot(START).stream().map(ListenerReport::address).toList());
    }

    @Test
    void ssrcZeroOfTheSendersIsNoListener() {
        table.follow(0, 48_000);

        table.onReceiverReport(new ReceiverReport(0, List.of()), "liveaudio-sender@test", FROM, START);

        assertEquals(List.of(), table.snapshot(START));
    }

    @Test
    void withoutAClockRateTheJitterIsLeftUnknown() {
        table.follow(OURS, 0);

        table.onReceiverReport(new ReceiverReport(0xBEEFL, List.of(new ReportBlock(OURS, 64, 17, 1, 480, 0, 0))),
                "l1", FROM, START);

        ListenerReport listener = only(table.snapshot(START));
        assertEquals(0.0, listener.jitterMillis());
        assertEquals(17, listener.cumulativeLost());
    }

    @Test
    void listenersAreSortedBySsrcAsUnsignedNumbers() {
        for (long ssrc : new long[] {0xFFFF_FFFFL, 0x10L, 0x8000_0000L}) {
            table.onReceiverReport(new ReceiverReport(ssrc, List.of()), "l", FROM, START);
        }

        assertEquals(List.of(0x10L, 0x8000_0000L, 0xFFFF_FFFFL),
                table.snapshot(START).stream().map(ListenerReport::ssrc).toList());
    }

    private static ListenerReport only(List<ListenerReport> listeners) {
        assertEquals(1, listeners.size(), listeners.toString());
        return listeners.get(0);
    }
}
