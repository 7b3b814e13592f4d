package org.liveaudio.listener.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.testing.RecordingLogger;
import org.liveaudio.listener.sync.PlayoutSync;

class ReceiverReportLoopTest {
    private static final long MS = 1_000_000L;
    private static final long OWN = 0x1157_E4E1L;
    private static final long SENDER = 0x5E4D_E401L;
    private static final MulticastEndpoint ENDPOINT = TestEndpoints.loopback("239.255.0.1");
    private static final MulticastEndpoint OTHER_ENDPOINT = TestEndpoints.loopback("239.255.0.2");

    /** Locked onto SENDER from the start, with nothing lost. */
    private static final class LockedStream implements ReportedStream {
        @Override
        public long lockedSsrc() {
            return SENDER;
        }

        @Override
        public ReportBlock nextReportBlock(SenderTiming lastReport, long nowNanos) {
            return new ReportBlock(SENDER, 0, 0, 1_000, 0, 0, 0);
        }

        @Override
        public boolean wouldLock(long ssrc, long nowNanos) {
            return false;
        }

        @Override
        public boolean senderLeft(long ssrc, long nowNanos) {
            return false;
        }
    }

    private final RecordingLogger log = new RecordingLogger();
    private final RtcpSession session = new RtcpSession("demo", OWN, new LockedStream(), new SenderReports(),
            new PlayoutSync(new WallClock(0, 0), 48_000), 1_536_000, System::nanoTime, log.logger());
    private final ReceiverReportLoop loop = new ReceiverReportLoop("demo", "studio", session, log.logger());

    @AfterEach
    void stop() {
        loop.stop("test over");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void eachReportFollowsTheWaitTheChannelAskedFor() throws InterruptedException {
        FakeRtcpChannel channel = new FakeRtcpChannel(ENDPOINT, session, "rtcp");
        channel.delayNanos = 20 * MS;
        loop.start();
        loop.use(channel);

        await("three reports are sent", () -> channel.receiverReports.size() >= 3);
        loop.stop("listener stopped");

        List<FakeRtcpChannel.DelayRequest> asked = channel.delayRequests;
        List<FakeRtcpChannel.Sent> sent = channel.receiverReports;
        for (int i = 0; i < sent.size(); i++) {
            long waited = sent.get(i).sentNanos() - asked.get(i).askedNanos();
            assertTrue(waited >= 20 * MS, "report " + i + " came " + waited + " ns after its interval was asked");
            assertEquals(i == 0, asked.get(i).initial(), "only the first report is an initial one");
            assertEquals(2, asked.get(i).members());
            assertEquals(1, asked.get(i).senders());
            assertFalse(asked.get(i).weSent());
            assertEquals(1_536_000, asked.get(i).sessionBitsPerSecond());
        }
        assertEquals(List.of(new ReportBlock(SENDER, 0, 0, 1_000, 0, 0, 0)), sent.get(0).report().blocks());
        assertEquals(OWN, sent.get(0).report().ssrc());
        assertEquals("listener-demo@studio", sent.get(0).cname());
        assertEquals(List.of(new FakeRtcpChannel.Bye(OWN, "listener-demo@studio", "listener stopped")),
                channel.byes);
    }

    @Test
    void noReportBeforeTheIntervalEndsAndByeOnStop() throws InterruptedException {
        FakeRtcpChannel channel = new FakeRtcpChannel(ENDPOINT, session, "rtcp");
        loop.start();
        loop.use(channel);
        await("the interval is asked for", () -> !channel.delayRequests.isEmpty());

        loop.stop("listener stopped");

        assertTrue(channel.receiverReports.isEmpty(), "an hour's interval has not passed");
        assertEquals(1, channel.byes.size());
        assertFalse(threadAlive("liveaudio-listener-report-demo"));
    }

    @Test
    void aReplacedChannelOnTheSameEndpointContinuesTheSessionAndAMovedOneStartsAnew() throws InterruptedException {
        FakeRtcpChannel first = new FakeRtcpChannel(ENDPOINT, session, "rtcp");
        first.delayNanos = 10 * MS;
        loop.start();
        loop.use(first);
        await("a report on the first channel", () -> !first.receiverReports.isEmpty());

        FakeRtcpChannel replacement = new FakeRtcpChannel(ENDPOINT, session, "rtcp");
        replacement.delayNanos = 10 * MS;
        loop.use(replacement);
        await("a report on the replacement", () -> !replacement.receiverReports.isEmpty());
        loop.leave("listener moved to " + OTHER_ENDPOINT);
        FakeRtcpChannel moved = new FakeRtcpChannel(OTHER_ENDPOINT, session, "rtcp");
        moved.delayNanos = 10 * MS;
        loop.use(moved);
        await("a report on the new endpoint", () -> !moved.receiverReports.isEmpty());

        assertFalse(replacement.delayRequests.get(0).initial(), "same session, not an initial report");
        assertEquals(List.of(new FakeRtcpChannel.Bye(OWN, "listener-demo@studio",
                "listener moved to 239.255.0.2:5004 on lo")), replacement.byes);
        assertTrue(moved.delayRequests.get(0).initial(), "a new session begins with an initial report");
        assertTrue(first.byes.isEmpty());
    }

    @Test
    void reportThreadIsNamedForTheListenerAndFollowsARename() {
        loop.start();
        assertTrue(threadAlive("liveaudio-listener-report-demo"));

        loop.rename("kitchen");

        assertTrue(threadAlive("liveaudio-listener-report-kitchen"));
        assertEquals("listener-kitchen@studio", loop.cname());
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals(name));
    }

    /** The channel, but sending reports and BYE fails. */
    private static RtcpChannel failingToSend(FakeRtcpChannel channel, AtomicInteger tries) {
        return (RtcpChannel) Proxy.newProxyInstance(RtcpChannel.class.getClassLoader(),
                new Class<?>[] {RtcpChannel.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendReceiverReport") || method.getName().equals("sendBye")) {
                        tries.incrementAndGet();
                        throw new IOException("network unreachable");
                    }
                    return method.invoke(channel, args);
                });
    }

    @Test
    void aChannelThatCannotSendIsWarnedOfOnceAndItsByeFailureOnlyNoted() throws InterruptedException {
        FakeRtcpChannel channel = new FakeRtcpChannel(ENDPOINT, session, "rtcp");
        channel.delayNanos = 5 * MS;
        AtomicInteger tries = new AtomicInteger();
        loop.start();
        loop.use(failingToSend(channel, tries));

        await("three reports tried", () -> tries.get() >= 3);
        loop.stop("listener stopped");

        assertEquals(List.of("WARN listener demo: sending a receiver report failed (network unreachable); trying "
                + "again every report interval"), log.warnings());
        assertEquals(List.of("listener demo: sending BYE failed: java.io.IOException: network unreachable"),
                log.at("debug"));
    }

    @Test
    void aChannelGivenToTheWaitingLoopIsUsedAtOnce() throws InterruptedException {
        FakeRtcpChannel channel = new FakeRtcpChannel(ENDPOINT, session, "rtcp");
        channel.delayNanos = 5 * MS;
        loop.start();
        Thread thread = Thread.getAllStackTraces().keySet().stream()
                .filter(candidate -> candidate.getName().equals(ReceiverReportLoop.THREAD_PREFIX + "demo"))
                .findFirst().orElseThrow();
        await("the loop waits for a channel", () -> thread.getState() == Thread.State.WAITING);

        loop.use(channel);

        await("a report is sent", () -> !channel.receiverReports.isEmpty());
    }
}
