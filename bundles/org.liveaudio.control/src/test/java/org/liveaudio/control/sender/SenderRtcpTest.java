package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.api.net.TimeResponse;
import org.liveaudio.api.testing.RecordingLogger;
import org.liveaudio.control.sender.FakeRtcpChannel.Bye;
import org.liveaudio.control.sender.FakeRtcpChannel.Sent;

/** The stream's RTCP on its own, against a fake channel: what it sends when, and what it makes of what it hears. */
class SenderRtcpTest {
    private static final String CNAME = "liveaudio-sender@test";
    private static final long SESSION = 0x1234_5678L;
    private static final long LISTENER = 0xBEEFL;
    private static final InetSocketAddress LISTENER_AT = new InetSocketAddress("127.0.0.1", 40_002);
    private static final long MINUTE = 60_000_000_000L;

    private final RecordingLogger log = new RecordingLogger();
    private final WallAnchor wall = new WallAnchor(1_700_000_000_000_000_000L, 0);
    private final FakeTransport transport = new FakeTransport(() -> 0L);
    private final SenderRtcp rtcp = new SenderRtcp(log.logger(), CNAME, wall);

    @BeforeEach
    void open() throws Exception {
        rtcp.prepare(transport, MulticastEndpoint.of("239.255.0.1", 5004, "lo", 1), null);
    }

    @Test
    void aSessionCarriedOnReportsAtOnceWhenItsGridStartsOnTheLineOfTheNewGrid() {
        rtcp.sessionStarted(SESSION, 48_000, 300, 288_000);

        rtcp.gridStarted(5_000_000, 5_000_000, 4_000, "Artist - Song");

        List<Sent> reports = transport.rtcp.reports;
        assertEquals(1, reports.size());
        assertEquals(new SenderReport(SESSION, wall.ntpAt(5_000_000), 4_000, 300, 288_000, List.of()),
                reports.get(0).report());
        assertEquals("Artist - Song", reports.get(0).note());
        assertEquals(CNAME, reports.get(0).cname());
    }

    @Test
    void aNewSessionIsAnnouncedByAReportOfNoPacketsWhenItsGridStarts() {
        rtcp.sessionStarted(SESSION, 48_000, 0, 0);

        rtcp.gridStarted(0, 100_000_000, 4_000, "Artist - Song");

        List<Sent> reports = transport.rtcp.reports;
        assertEquals(1, reports.size());
        assertEquals(new SenderReport(SESSION, wall.ntpAt(0), (4_000 - 4_800) & 0xFFFF_FFFFL, 0, 0, List.of()),
                reports.get(0).report(), "the time it leaves, 100 ms (4800 ticks) before the first frame's");
        assertEquals("Artist - Song", reports.get(0).note());
    }

    @Test
    void withoutAChannelTheGridStartsWithoutAReport() {
        rtcp.close();
        rtcp.sessionStarted(SESSION, 48_000, 300, 288_000);

        rtcp.gridStarted(5_000_000, 5_000_000, 4_000, "");

        assertEquals(List.of(), transport.rtcp.reports);
        assertFalse(rtcp.isDue(0));
    }

    @Test
    void ssrcZeroIsASessionLikeAnyOther() {
        rtcp.sessionStarted(0, 48_000, 300, 288_000);

        rtcp.gridStarted(5_000_000, 5_000_000, 4_000, "");
        assertTrue(rtcp.isDue(5_000_000));
        rtcp.sessionEnded("the sender stopped");

        assertEquals(1, transport.rtcp.senderReports().size());
        assertEquals(List.of(new Bye(0, CNAME, "the sender stopped")), transport.rtcp.byes);
        assertFalse(rtcp.isDue(5_000_000), "no session, no reports");
    }

    @Test
    void timeRequestsAreAnsweredOnTheGridsLineWithThePlayoutDelay() {
        rtcp.playoutDelayMicros(20_000);
        rtcp.sessionStarted(SESSION, 48_000, 0, 0);
        rtcp.gridStarted(5_000_000, 5_000_000, 4_000, "");

        transport.lastChannel().handler.onTimeRequest(new TimeRequest(LISTENER, SESSION, 0xABCD), LISTENER_AT,
                2_000_000);

        List<TimeResponse> responses = transport.rtcp.timeResponses;
        assertEquals(1, responses.size());
        TimeResponse response = responses.get(0);
        assertEquals(SESSION, response.ssrc());
        assertEquals(LISTENER, response.requesterSsrc());
        assertEquals(wall.ntpAt(5_000_000), response.mappingNtp());
        assertEquals(4_000, response.mappingRtp());
        assertEquals(20_000, response.playoutDelayMicros());
    }

    @Test
    void afterTheSessionEndsItsTimeIsNoLongerToldNorItsReportBlocksCounted() {
        rtcp.sessionStarted(SESSION, 48_000, 0, 0);
        rtcp.gridStarted(5_000_000, 5_000_000, 4_000, "");
        rtcp.sessionEnded("the stream's format changed: a new session follows");

        transport.lastChannel().handler.onTimeRequest(new TimeRequest(LISTENER, SESSION, 1), LISTENER_AT, 6_000_000);
        transport.lastChannel().handler.onReceiverReport(new ReceiverReport(LISTENER, List.of(new ReportBlock(SESSION,
                26, 4, 1, 96, 0, 0))), "liveaudio-listener@h1", LISTENER_AT, 6_000_000);

        assertEquals(List.of(), transport.rtcp.timeResponses);
        assertEquals(1, rtcp.listeners(6_000_000).size());
        assertEquals(0.0, rtcp.listeners(6_000_000).get(0).jitterMillis());
        assertEquals(0, rtcp.listeners(6_000_000).get(0).cumulativeLost());
    }

    @Test
    void aByeForTheLastRunsSessionIsLoggedAndItsOwnReportsAreNoListener() {
        long lastRun = 0xCAFEL;

        rtcp.bye(lastRun, Stream.BYE_NEW_SESSION);
        transport.lastChannel().handler.onReceiverReport(new ReceiverReport(lastRun, List.of()), CNAME, LISTENER_AT,
                0);

        assertEquals(List.of(new Bye(lastRun, CNAME, Stream.BYE_NEW_SESSION)), transport.rtcp.byes);
        assertEquals(List.of("RTCP BYE for ssrc 0x0000cafe: " + Stream.BYE_NEW_SESSION), log.at("info").stream()
                .filter(line -> line.startsWith("RTCP BYE")).toList());
        assertEquals(List.of(), rtcp.listeners(0));
    }

    @Test
    void aListenerThatSaysByeIsGoneAtOnce() {
        rtcp.sessionStarted(SESSION, 48_000, 0, 0);
        transport.lastChannel().handler.onReceiverReport(new ReceiverReport(LISTENER, List.of()), "l1", LISTENER_AT,
                0);

        transport.lastChannel().handler.onBye(LISTENER, LISTENER_AT);

        assertEquals(List.of(), rtcp.listeners(0));
    }

    @Test
    void aByeThatCannotGoOutIsWarnedOf() {
        transport.rtcpFailure = new IOException("Network is unreachable");
        rtcp.sessionStarted(SESSION, 48_000, 0, 0);

        rtcp.sessionEnded("the sender stopped");

        assertEquals(List.of("WARN Cannot say RTCP BYE for ssrc 0x12345678 (java.io.IOException: Network is "
                + "unreachable); listeners drop it when it falls silent"), log.warnings());
    }

    @Test
    void failedReportsAreWarnedOfOnceAMinuteWithHowManyFailed() {
        transport.rtcpFailure = new IOException("Network is unreachable");
        rtcp.sessionStarted(SESSION, 48_000, 0, 0);
        rtcp.report(0, 0, 0, 1_000_000, "");
        for (long at = 1; at <= 3; at++) {
            rtcp.sent(960);
            rtcp.report(at * 1_000_000_000L, 0, 0, 1_000_000, "");
        }
        rtcp.report(MINUTE + 1_000_000_000L, 0, 0, 1_000_000, "");

        assertEquals(List.of(
                "WARN RTCP report to 239.255.0.1:5004 on lo failed: Network is unreachable (1 failures so far, 1 since "
                        + "the last warning; next warning in a minute at the earliest)",
                "WARN RTCP report to 239.255.0.1:5004 on lo failed: Network is unreachable (4 failures so far, 3 since "
                        + "the last warning; next warning in a minute at the earliest)"), log.warnings());
    }

    @Test
    void releasingItsTransportClosesTheChannelAndAnyOtherTransportLeavesItOpen() {
        rtcp.release(new FakeTransport());
        assertFalse(transport.lastChannel().closed);

        rtcp.release(transport);
        assertTrue(transport.lastChannel().closed);
    }
}
