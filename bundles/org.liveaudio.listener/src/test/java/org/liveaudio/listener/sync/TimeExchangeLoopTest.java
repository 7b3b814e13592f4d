package org.liveaudio.listener.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liveaudio.api.testing.LongAssertions.assertWithin;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.NtpTime;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.api.net.TimeResponse;
import org.liveaudio.api.testing.RecordingLogger;
import org.liveaudio.listener.rtcp.FakeRtcpChannel;
import org.liveaudio.listener.rtcp.WallClock;

class TimeExchangeLoopTest {
    private static final long OWN = 0xCAFE_BABEL;
    private static final long STREAM = 0x1234_5678L;
    private static final InetSocketAddress SENDER_AT = new InetSocketAddress("127.0.0.1", 40_000);

    private final PlayoutSync sync = new PlayoutSync(WallClock.anchoredNow(), 48_000);
    private final TimeExchangeLoop loop = new TimeExchangeLoop("demo", OWN, sync, () -> "listener-demo@test",
            new RecordingLogger().logger());

    @AfterEach
    void stop() {
        loop.stop();
    }

    @Test
    void aLockedStreamIsAskedAtOnceAndAgainOutOfTurn() throws Exception {
        FakeRtcpChannel channel = new FakeRtcpChannel(MulticastEndpoint.of("239.255.0.1", 5004, "lo", 1), null,
                "rtcp");
        loop.start();
        loop.use(channel);
        long before = NtpTime.fromEpochNanos(sync.wall().epochNanosAt(System.nanoTime()));
        sync.lock(STREAM);

        awaitRequests(channel, 3);
        long waited = NtpTime.toEpochNanos(channel.timeRequests.get(2).transmitNtp())
                - NtpTime.toEpochNanos(channel.timeRequests.get(0).transmitNtp());
        assertTrue(waited >= TimeExchangeLoop.waitAfter(1, 0) + TimeExchangeLoop.waitAfter(2, 0),
                "the third request " + waited / 1e6 + " ms after the first, sooner than the shortest waits");
        TimeRequest first = channel.timeRequests.get(0);
        assertEquals(OWN, first.ssrc());
        assertEquals(STREAM, first.senderSsrc());
        assertTrue(first.transmitNtp() >= before, "stamped with this listener's clock as it left");
        int asked = channel.timeRequests.size();
        loop.askNow();
        awaitRequests(channel, asked + 1);
    }

    @Test
    void aSenderThatLeavesADozenRequestsUnansweredIsAskedOnlyEveryFewSecondsUntilItAnswers() throws Exception {
        FakeRtcpChannel channel = new FakeRtcpChannel(MulticastEndpoint.of("239.255.0.1", 5004, "lo", 1), null,
                "rtcp");
        loop.start();
        loop.use(channel);
        sync.lock(STREAM);

        awaitRequests(channel, TimeExchangeLoop.UNANSWERED_BEFORE_BACKOFF);
        // The next wait is at least half of UNANSWERED_WAIT_NANOS: watch a second of it.
        Thread.sleep(1_000);
        assertEquals(TimeExchangeLoop.UNANSWERED_BEFORE_BACKOFF, channel.timeRequests.size(),
                "no request within a second of the last of them");

        long now = NtpTime.fromEpochNanos(sync.wall().epochNanosAt(System.nanoTime()));
        sync.timeResponse(new TimeResponse(STREAM, OWN, now, now, now, now, 0, 30_000), SENDER_AT,
                System.nanoTime());
        loop.askNow();
        // Answered, it is asked again within a second (the back-off would wait 2.5 s at least).
        awaitRequests(channel, TimeExchangeLoop.UNANSWERED_BEFORE_BACKOFF + 2, Duration.ofMillis(2_400));
    }

    @Test
    void onceAnsweredTheNextRequestGoesToTheSenderAloneAndAfterAnUnansweredOneToTheGroupAgain() throws Exception {
        FakeRtcpChannel channel = new FakeRtcpChannel(MulticastEndpoint.of("239.255.0.1", 5004, "lo", 1), null,
                "rtcp");
        loop.start();
        loop.use(channel);
        sync.lock(STREAM);
        awaitRequests(channel, 1);
        assertEquals(Optional.empty(), channel.timeRequestTargets.get(0), "the first to the group");

        long now = NtpTime.fromEpochNanos(sync.wall().epochNanosAt(System.nanoTime()));
        sync.timeResponse(new TimeResponse(STREAM, OWN, now, now, now, now, 0, 30_000), SENDER_AT,
                System.nanoTime());
        loop.askNow();
        int alone = awaitTarget(channel, Optional.of(SENDER_AT), 0);
        loop.askNow();
        awaitTarget(channel, Optional.empty(), alone + 1);
    }

    /** Waits for a request to {@code target} from index {@code from} on; returns its index. */
    private static int awaitTarget(FakeRtcpChannel channel, Optional<InetSocketAddress> target, int from)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<Optional<InetSocketAddress>> targets = channel.timeRequestTargets;
            for (int i = from; i < targets.size(); i++) {
                if (targets.get(i).equals(target)) {
                    return i;
                }
            }
            assertTrue(System.nanoTime() < deadline, "no request to " + target + " in " + targets);
            Thread.sleep(5);
        }
    }

    @Test
    void theWaitIsShortForTheFirstExchangesThenDoublesUpToTheSteadyOneRandomizedByHalfEitherWay() {
        int rapid = TimeExchangeLoop.RAPID_EXCHANGES;
        assertEquals(TimeExchangeLoop.FIRST_WAIT_NANOS, TimeExchangeLoop.waitAfter(1, 0.5));
        assertEquals(TimeExchangeLoop.FIRST_WAIT_NANOS, TimeExchangeLoop.waitAfter(rapid, 0.5));
        assertEquals(2 * TimeExchangeLoop.FIRST_WAIT_NANOS, TimeExchangeLoop.waitAfter(rapid + 1, 0.5));
        assertEquals(8 * TimeExchangeLoop.FIRST_WAIT_NANOS, TimeExchangeLoop.waitAfter(rapid + 3, 0.5));
        assertEquals(TimeExchangeLoop.FIRST_WAIT_NANOS / 2, TimeExchangeLoop.waitAfter(1, 0));
        assertEquals(TimeExchangeLoop.STEADY_NANOS, TimeExchangeLoop.waitAfter(rapid + 10, 0.5));
        assertWithin(TimeExchangeLoop.STEADY_NANOS * 3 / 2, TimeExchangeLoop.waitAfter(100, 1), 1, "steady wait, half again");
    }

    private static void awaitRequests(FakeRtcpChannel channel, int count) throws InterruptedException {
        awaitRequests(channel, count, Duration.ofSeconds(10));
    }

    private static void awaitRequests(FakeRtcpChannel channel, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (channel.timeRequests.size() < count) {
            assertTrue(System.nanoTime() < deadline, "only " + channel.timeRequests.size() + " requests");
            Thread.sleep(5);
        }
    }

    private static FakeRtcpChannel channel() throws InvalidSettingException {
        return new FakeRtcpChannel(MulticastEndpoint.of("239.255.0.1", 5004, "lo", 1), null, "rtcp");
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no thread " + name));
    }

    /** Waits until the loop's thread has nothing to do and parks. */
    private static void awaitParked(String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (thread(name).getState() != Thread.State.WAITING) {
            assertTrue(System.nanoTime() < deadline, name + " never parked");
            Thread.sleep(5);
        }
    }

    @Test
    void aStreamLockedWhileTheLoopWaitsWakesItAndSoDoesAChannel() throws Exception {
        FakeRtcpChannel channel = channel();
        loop.start();
        loop.use(channel);
        awaitParked("liveaudio-listener-clock-demo");

        sync.lock(STREAM);
        awaitRequests(channel, 1);

        FakeRtcpChannel next = channel();
        loop.use(null);
        awaitParked("liveaudio-listener-clock-demo");
        sync.lock(STREAM + 1);
        awaitParked("liveaudio-listener-clock-demo");
        loop.use(next);
        awaitRequests(next, 1);
        assertEquals(STREAM + 1, next.timeRequests.get(0).senderSsrc());
    }

    @Test
    void aStreamOfSsrcZeroIsAskedAbout() throws Exception {
        FakeRtcpChannel channel = channel();
        loop.start();
        loop.use(channel);

        sync.lock(0);

        awaitRequests(channel, 1);
        assertEquals(0, channel.timeRequests.get(0).senderSsrc());
    }

    @Test
    void theThreadFollowsTheListenersName() {
        loop.start();
        loop.rename("kitchen");

        thread("liveaudio-listener-clock-kitchen");
    }

    @Test
    void aChannelThatCannotSendIsWarnedOfOnce() throws Exception {
        RecordingLogger log = new RecordingLogger();
        TimeExchangeLoop failing = new TimeExchangeLoop("porch", OWN, sync, () -> "listener-porch@test",
                log.logger());
        FakeRtcpChannel fake = channel();
        AtomicInteger tries = new AtomicInteger();
        RtcpChannel broken = (RtcpChannel) Proxy.newProxyInstance(RtcpChannel.class.getClassLoader(),
                new Class<?>[] {RtcpChannel.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendTimeRequest")) {
                        tries.incrementAndGet();
                        throw new IOException("network unreachable");
                    }
                    return method.invoke(fake, args);
                });
        try {
            failing.start();
            failing.use(broken);
            sync.lock(STREAM);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (tries.get() < 2) {
                assertTrue(System.nanoTime() < deadline, "asked " + tries.get() + " times");
                failing.askNow();
                Thread.sleep(5);
            }
        } finally {
            failing.stop();
        }

        assertEquals(List.of("WARN listener porch: asking the sender for its clock failed (network unreachable); "
                + "playing unsynchronized until it answers"), log.warnings());
    }
}
