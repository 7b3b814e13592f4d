package org.liveaudio.itests;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamControl;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.util.tracker.ServiceTracker;

/**
 * How many listeners one sender serves: for each listener count N, one sender and N listeners (null sink) in this
 * framework stream the default format (48 kHz stereo L16 in 5 ms frames, 200 packets/s) over loopback multicast for
 * a measured window, and every listener must receive every packet sent in it, at the real-time rate. Each run adds
 * a line to {@code target/reports/throughput.csv}; {@link ThroughputCharts} draws the charts from it.
 *
 * <p>Counting is exact, not statistical: the listeners join before the sender's first packet of a run, and the
 * window lies between two {@code stream:pause}s. A paused sender sends nothing more once {@code pause()} returns, so
 * its packet count at each end is final; once every listener's count has caught up with it (or stood still for
 * {@link #DRAIN_STEADY}), nothing is in flight, so the differences compare packet for packet.
 *
 * <p>System properties (the {@code bench} profile of the pom sets them): {@value #SECONDS} (default 3),
 * {@value #LISTENER_COUNTS} (default 1,5,10,20,35,50,100), {@value #ASSERTED_UP_TO} (the largest N whose figures
 * are asserted; larger ones are only reported; blank or absent: all).
 *
 * <p>A run with {@value #FLOOR_RECEIVERS} listeners is then set against the floor of a JVM of as many plain
 * receivers ({@link ReceiverFloor}), reported in the log and the report, not asserted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ThroughputIT extends StreamingTestSupport {
    static final String SECONDS = "liveaudio.bench.seconds";
    static final String LISTENER_COUNTS = "liveaudio.bench.listeners";
    static final String ASSERTED_UP_TO = "liveaudio.bench.assertedListeners";
    private static final String DEFAULT_LISTENER_COUNTS = "1,5,10,20,35,50,100";
    private static final double DEFAULT_SECONDS = 3;

    private static final Predicate<String> SENDER_CLOCK_THREAD = "liveaudio-sender-clock"::equals;
    private static final Predicate<String> RECEIVE_THREADS = name -> name.startsWith("liveaudio-listener-receive-");
    private static final Predicate<String> PLAYOUT_THREADS = name -> name.startsWith("liveaudio-listener-playout-");
    /** Streaming after every listener plays and before the window: JIT compilation and first-use costs. */
    private static final Duration WARM_UP = Duration.ofMillis(500);
    /** More than the listeners' buffer plus their idle margin: they take the pause before the window as a pause. */
    private static final Duration QUIET_BEFORE_WINDOW = Duration.ofMillis(300);
    private static final long JITTER_SAMPLE_NANOS = 100_000_000L;
    /** Receive counts that stand still this long with the sender paused will not grow again. */
    private static final Duration DRAIN_STEADY = Duration.ofSeconds(1);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);
    /** Longer than a listener's buffer and idle margin: a playout that stands still this long has ended. */
    private static final Duration PLAYOUT_STEADY = Duration.ofMillis(300);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIME_PER_LISTENER = Duration.ofMillis(200);
    /**
     * What this test proves is delivery: every packet, at every listener, at the real-time rate. With a hundred
     * listeners and the sender on two cores, a thread now and then waits longer than the default 32.5 ms for a
     * core, and a frame would count as late though it arrived; how late frames arrive is
     * {@code LatencyProfilesIT}'s to measure. 80 ms, as the sender's configuration advises for a busy network,
     * keeps the buffer plus the idle margin (180 ms) within {@link #QUIET_BEFORE_WINDOW} and
     * {@link #PLAYOUT_STEADY}.
     */
    private static final String PLAYOUT_DELAY_MILLIS = "80";
    /** The listener count whose whole-JVM CPU is set against a JVM of as many plain receivers (issue 14). */
    private static final int FLOOR_RECEIVERS = 100;

    @Configuration
    public Option[] config() {
        return config("ThroughputIT");
    }

    @Test
    public void everyListenerReceivesEveryPacketAtTheRealTimeRate() throws Exception {
        double seconds = Double.parseDouble(System.getProperty(SECONDS, String.valueOf(DEFAULT_SECONDS)));
        List<Integer> counts = Stream.of(System.getProperty(LISTENER_COUNTS, DEFAULT_LISTENER_COUNTS).split(","))
                .map(String::trim).map(Integer::valueOf).collect(Collectors.toList());
        String asserted = System.getProperty(ASSERTED_UP_TO, "");
        int assertedUpTo = asserted.isBlank() ? Integer.MAX_VALUE : Integer.parseInt(asserted.trim());

        Map<String, Object> endpoint = randomLoopbackEndpoint();
        configureSender(merge(endpoint, Map.of("source", "melody", "playoutDelayMillis", PLAYOUT_DELAY_MILLIS)));
        StreamControl sender = awaitSender();
        waitUntil("the sender sends", TIMEOUT, () -> sender.stats().packetsSent() > 0);
        // Between runs the sender rests, so that each run's listeners join before its first packet.
        sender.pause();

        Path reports = targetDir().resolve("reports");
        Path csv = reports.resolve(ThroughputCsv.FILE_NAME);
        List<ThroughputRun> runs = new ArrayList<>();
        List<ThroughputRow> rows = new ArrayList<>();
        for (int count : counts) {
            ThroughputRun run = measure(sender, endpoint, count, seconds);
            runs.add(run);
            rows.add(run.row());
            System.out.println("ThroughputIT: " + run.summary());
            // After every run, so that the figures so far are there whatever happens to the next one.
            ThroughputCsv.write(csv, rows);
            Files.writeString(reports.resolve(ThroughputReport.FILE_NAME), ThroughputReport.text(rows));
        }
        System.out.println("ThroughputIT: " + ThroughputReport.largestCompleteRun(rows));
        for (ThroughputRow row : rows) {
            if (row.listeners() == FLOOR_RECEIVERS) {
                String floor = ReceiverFloor.measure(sender, endpoint, FLOOR_RECEIVERS, seconds).against(row);
                System.out.println("ThroughputIT: " + floor);
                Files.writeString(reports.resolve(ThroughputReport.FILE_NAME),
                        ThroughputReport.text(rows) + "\n" + floor + "\n");
            }
        }

        runs.stream().filter(run -> run.listeners() > assertedUpTo && !run.problems().isEmpty())
                .forEach(run -> System.out.println("ThroughputIT: reported, not asserted: " + run.problems()));
        String problems = runs.stream().filter(run -> run.listeners() <= assertedUpTo).map(ThroughputRun::problems)
                .filter(text -> !text.isEmpty()).collect(Collectors.joining("\n"));
        assertTrue("not every listener received every packet at the real-time rate (all figures: " + csv + ")\n"
                + problems, problems.isEmpty());
    }

    private ThroughputRun measure(StreamControl sender, Map<String, Object> endpoint, int count, double seconds)
            throws Exception {
        List<String> names = IntStream.rangeClosed(1, count).mapToObj(i -> "throughput-" + count + "-" + i)
                .collect(Collectors.toList());
        List<org.osgi.service.cm.Configuration> configurations = new ArrayList<>();
        for (String name : names) {
            configurations.add(addListener(name, merge(endpoint, Map.of("sink", "null"))));
        }
        ServiceTracker<ListenerControl, ListenerControl> tracker =
                new ServiceTracker<>(context, ListenerControl.class, null);
        tracker.open();
        try {
            List<ListenerControl> listeners = awaitListeners(tracker, names);
            warmUp(sender, listeners);
            // What starting the listeners left to collect is collected now, not in a pause within the window.
            System.gc();
            Thread.sleep(QUIET_BEFORE_WINDOW.toMillis());
            ThroughputRun run = window(sender, listeners, seconds);
            for (org.osgi.service.cm.Configuration configuration : configurations) {
                delete(configuration);
            }
            waitUntil("the " + count + " listeners of the run stop", TIMEOUT,
                    () -> names.stream().noneMatch(this::listenerRegistered));
            return run;
        } finally {
            tracker.close();
        }
    }

    /** Every listener of the run, once each has registered, which it does after joining the group. */
    private static List<ListenerControl> awaitListeners(ServiceTracker<ListenerControl, ListenerControl> tracker,
            List<String> names) throws InterruptedException {
        Map<String, ListenerControl> byName = new HashMap<>();
        waitUntil("all " + names.size() + " listeners start", TIMEOUT.plus(START_TIME_PER_LISTENER.multipliedBy(
                names.size())), () -> {
                    tracker.getTracked().forEach((reference, listener) ->
                            byName.put(String.valueOf(reference.getProperty(ListenerControl.NAME)), listener));
                    return byName.keySet().containsAll(names);
                });
        return names.stream().map(byName::get).collect(Collectors.toList());
    }

    /**
     * Streams until every listener has locked onto the sender's stream and plays it, a little longer, then pauses
     * and lets the packets in flight arrive, so that the window starts from settled counts.
     */
    private static void warmUp(StreamControl sender, List<ListenerControl> listeners) throws InterruptedException {
        long ssrc = sender.status().ssrc();
        long[] received = received(listeners);
        long sentBefore = sender.stats().packetsSent();
        sender.play();
        waitUntil("all " + listeners.size() + " listeners lock onto ssrc " + ssrc + " and play",
                TIMEOUT.plus(START_TIME_PER_LISTENER.multipliedBy(listeners.size())),
                () -> listeners.stream().map(ListenerControl::stats)
                        .allMatch(stats -> stats.ssrc() == ssrc && stats.framesPlayed() > 0));
        Thread.sleep(WARM_UP.toMillis());
        sender.pause();
        drain(listeners, received, sender.stats().packetsSent() - sentBefore);
    }

    private static ThroughputRun window(StreamControl sender, List<ListenerControl> listeners, double seconds)
            throws InterruptedException {
        List<ListenerStats> before = stats(listeners);
        SenderStats sentBefore = sender.stats();
        ListenerWindow.JitterTally[] jitter = Stream.generate(ListenerWindow.JitterTally::new)
                .limit(listeners.size()).toArray(ListenerWindow.JitterTally[]::new);
        double realTimePacketsPerSecond = 1e6 / sender.status().frameMicros();

        long senderCpuBefore = CpuClocks.threadCpuNanos(SENDER_CLOCK_THREAD);
        long receiveCpuBefore = CpuClocks.threadCpuNanos(RECEIVE_THREADS);
        long playoutCpuBefore = CpuClocks.threadCpuNanos(PLAYOUT_THREADS);
        long jvmCpuBefore = CpuClocks.processCpuNanos();
        long playCalled = System.nanoTime();
        sender.play();
        long start = midpoint(playCalled, System.nanoTime());
        long end = start + (long) (seconds * 1e9);
        for (long sample = start + JITTER_SAMPLE_NANOS; sample - end < 0; sample += JITTER_SAMPLE_NANOS) {
            sleepUntil(sample);
            for (int i = 0; i < jitter.length; i++) {
                jitter[i].add(listeners.get(i).stats().jitterMillis());
            }
        }
        sleepUntil(end);
        long pauseCalled = System.nanoTime();
        sender.pause();
        long stop = midpoint(pauseCalled, System.nanoTime());
        long jvmCpu = CpuClocks.processCpuNanos() - jvmCpuBefore;
        long senderCpu = CpuClocks.threadCpuNanos(SENDER_CLOCK_THREAD) - senderCpuBefore;
        long receiveCpu = CpuClocks.threadCpuNanos(RECEIVE_THREADS) - receiveCpuBefore;
        long playoutCpu = CpuClocks.threadCpuNanos(PLAYOUT_THREADS) - playoutCpuBefore;
        SenderStats sentAfter = sender.stats();

        long sent = sentAfter.packetsSent() - sentBefore.packetsSent();
        drain(listeners, before.stream().mapToLong(ListenerStats::received).toArray(), sent);
        List<ListenerStats> after = stats(listeners);
        double windowSeconds = (stop - start) / 1e9;
        double bytesPerPacket = sent == 0 ? 0 : (double) (sentAfter.bytesSent() - sentBefore.bytesSent()) / sent;
        List<ListenerWindow> windows = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            windows.add(ListenerWindow.between(before.get(i), after.get(i), jitter[i], windowSeconds,
                    bytesPerPacket, listeners.get(i).latency()));
        }
        return new ThroughputRun(listeners.size(), windowSeconds, sent,
                sentAfter.bytesSent() - sentBefore.bytesSent(), realTimePacketsPerSecond, senderCpu, jvmCpu,
                receiveCpu, playoutCpu, sentAfter.framesLate() - sentBefore.framesLate(),
                sentAfter.framesSkipped() - sentBefore.framesSkipped(), sentAfter.worstLatenessMicros(), windows);
    }

    /**
     * With the sender paused: waits until each listener has received {@code sent} packets more than {@code base},
     * or the counts stood still for {@link #DRAIN_STEADY} (those missing are not coming), then until each has played
     * what it buffered, so that its loss and lateness counts are settled too. A listener still prebuffering when the
     * pause came holds its few frames until the next packet: its playout standing still settles it as well.
     */
    private static void drain(List<ListenerControl> listeners, long[] base, long sent) throws InterruptedException {
        settle(listeners, ListenerStats::received, DRAIN_STEADY, () -> allCaughtUp(received(listeners), base, sent));
        settle(listeners, ListenerStats::framesPlayed, PLAYOUT_STEADY,
                () -> listeners.stream().allMatch(listener -> listener.stats().bufferedFrames() == 0));
    }

    /**
     * Polls {@code figure} of every listener until {@code done}, or until the figures stood still for {@code steady},
     * or at most {@link #DRAIN_TIMEOUT}.
     */
    private static void settle(List<ListenerControl> listeners, ToLongFunction<ListenerStats> figure,
            Duration steady, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        long[] last = figures(listeners, figure);
        long lastChange = System.nanoTime();
        while (!done.getAsBoolean()) {
            Thread.sleep(10);
            long now = System.nanoTime();
            long[] current = figures(listeners, figure);
            if (!Arrays.equals(current, last)) {
                last = current;
                lastChange = now;
            } else if (now - lastChange > steady.toNanos() || now - deadline > 0) {
                return;
            }
        }
    }

    private static boolean allCaughtUp(long[] received, long[] base, long sent) {
        for (int i = 0; i < received.length; i++) {
            if (received[i] - base[i] < sent) {
                return false;
            }
        }
        return true;
    }

    private static long[] received(List<ListenerControl> listeners) {
        return figures(listeners, ListenerStats::received);
    }

    private static long[] figures(List<ListenerControl> listeners, ToLongFunction<ListenerStats> figure) {
        return listeners.stream().map(ListenerControl::stats).mapToLong(figure).toArray();
    }

    private static List<ListenerStats> stats(List<ListenerControl> listeners) {
        return listeners.stream().map(ListenerControl::stats).collect(Collectors.toList());
    }

    /** When a call that took effect somewhere between the two readings most likely took effect. */
    private static long midpoint(long before, long after) {
        return before + (after - before) / 2;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
        }
    }
}
