package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liveaudio.api.testing.LongAssertions.assertWithin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.NtpTime;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.api.net.TimeResponse;
import org.liveaudio.api.testing.RecordingLogger;

class ClockServerTest {
    private static final long SENDER = 0x1234_5678L;
    private static final long LISTENER = 0xCAFE_BABEL;
    private static final InetSocketAddress LISTENER_AT = new InetSocketAddress("127.0.0.1", 40_000);
    private static final long EPOCH_AT_ZERO = 1_700_000_000_000_000_000L;

    private final AtomicLong nanoTime = new AtomicLong(1_000_000);
    private final WallAnchor wall = new WallAnchor(EPOCH_AT_ZERO, 0);
    private final FakeTransport transport = new FakeTransport();
    private final ReportChannel channel = new ReportChannel();
    private final RecordingLogger log = new RecordingLogger();
    private final ClockServer server = new ClockServer(wall, channel, "liveaudio-sender@test", nanoTime::get,
            log.logger());

    @BeforeEach
    void open() throws Exception {
        channel.open(transport, MulticastEndpoint.of("239.255.0.1", 5004, "lo", 1), null, new RtcpDispatch(
                new ListenerTable(wall, new RecordingLogger().logger()), server));
        server.playoutDelayMicros(30_000);
    }

    @Test
    void answerEchoesTheRequestAndGivesTheClockTheTimelineAndTheDelay() {
        server.follow(SENDER, 5_000_000, 4_000_000_000L);
        nanoTime.set(2_500_000);

        server.answer(new TimeRequest(LISTENER, SENDER, 0xABCD), LISTENER_AT, 2_000_000);

        assertEquals(new TimeResponse(SENDER, LISTENER, 0xABCD, wall.ntpAt(2_000_000), wall.ntpAt(2_500_000),
                wall.ntpAt(5_000_000), 4_000_000_000L, 30_000), transport.rtcp.timeResponses.get(0));
        assertWithin(EPOCH_AT_ZERO + 5_000_000,
                NtpTime.toEpochNanos(transport.rtcp.timeResponses.get(0).mappingNtp()), 1,
                "the timeline's instant, to the NTP format's quarter nanosecond");
    }

    @Test
    void requestsForAnotherStreamOrWithoutASessionGoUnanswered() {
        server.answer(new TimeRequest(LISTENER, SENDER, 1), LISTENER_AT, 2_000_000);
        server.follow(SENDER, 0, 0);
        server.answer(new TimeRequest(LISTENER, SENDER + 1, 1), LISTENER_AT, 2_000_000);
        server.stop();
        server.answer(new TimeRequest(LISTENER, SENDER, 1), LISTENER_AT, 2_000_000);

        assertTrue(transport.rtcp.timeResponses.isEmpty());
    }

    @Test
    void aFloodIsAnsweredUpToTheRateAndTheRefusalsWarnedOfOnce() {
        server.follow(SENDER, 0, 0);
        for (int i = 0; i < ClockServer.MAX_ANSWERS_PER_SECOND + 100; i++) {
            server.answer(new TimeRequest(LISTENER, SENDER, i), LISTENER_AT, 2_000_000 + i);
        }
        server.answer(new TimeRequest(LISTENER, SENDER, 1), LISTENER_AT, 1_002_000_000);

        assertEquals(ClockServer.MAX_ANSWERS_PER_SECOND + 1, transport.rtcp.timeResponses.size());
        List<String> warnings = log.warnings();
        assertEquals(1, warnings.size(), "one warning a minute at the most: " + warnings);
        assertTrue(warnings.get(0).contains("on 239.255.0.1:5004 on lo: 1 left unanswered so far"), warnings.get(0));
    }

    @Test
    void theRateIsCountedAfreshEachSecond() {
        server.follow(SENDER, 0, 0);
        long windowStart = 5_000_000_000L;
        for (int i = 0; i < ClockServer.MAX_ANSWERS_PER_SECOND + 100; i++) {
            server.answer(new TimeRequest(LISTENER, SENDER, i), LISTENER_AT, windowStart + i);
        }
        assertEquals(ClockServer.MAX_ANSWERS_PER_SECOND, transport.rtcp.timeResponses.size());

        server.answer(new TimeRequest(LISTENER, SENDER, 1), LISTENER_AT, windowStart + 1_000_000_000L);

        assertEquals(ClockServer.MAX_ANSWERS_PER_SECOND + 1, transport.rtcp.timeResponses.size(),
                "a second after the window opened, the next one does");
    }

    @Test
    void answersThatCannotGoOutAreWarnedOfOnceAMinute() {
        server.follow(SENDER, 0, 0);
        transport.rtcpFailure = new IOException("Network is unreachable");
        for (int i = 0; i < 3; i++) {
            server.answer(new TimeRequest(LISTENER, SENDER, i), LISTENER_AT, 2_000_000 + i);
        }
        server.answer(new TimeRequest(LISTENER, SENDER, 3), LISTENER_AT, 62_000_000_000L);

        assertEquals(List.of(
                "WARN Cannot answer a listener's time request on 239.255.0.1:5004 on lo: java.io.IOException: Network "
                        + "is unreachable (0 more since the last warning)",
                "WARN Cannot answer a listener's time request on 239.255.0.1:5004 on lo: java.io.IOException: Network "
                        + "is unreachable (2 more since the last warning)"), log.warnings());
    }
}
