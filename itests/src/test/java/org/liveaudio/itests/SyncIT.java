package org.liveaudio.itests;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.liveaudio.api.audio.AudioSink;
import org.liveaudio.api.stream.StreamControl;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * Listeners play each frame at the same instant. A reference listener plays the stream; three more join it
 * mid-stream: one on this machine's clock, one whose clock is taken to be 50 ms ahead and one 50 ms behind (the
 * listener's {@code clockOffsetMillis} test aid), as listeners on other machines would be. A second test has
 * one listener join the reference, two alone with the sender; a third has the joiner's clock 50 ms ahead and
 * running 100 ppm fast ({@code clockDriftPpm}), so that its offset moves 0.1 ms a second. A sink of the test
 * notes the instant each listener hands each frame over ({@link HandOverProbe}); the frames number themselves
 * ({@link CountingSignal}). Reported: the skew between the listeners per frame (latest minus earliest
 * hand-over) from 2 s after the join, the skew p99 of the pair furthest apart, each offset listener's skew to the
 * reference in windows after the join (how fast the offset is found), and how long each joiner took to its first
 * frame. Asserted, with a margin that a busy machine keeps: the skew (p99) is a tenth of the offsets at most, every
 * joiner plays within 2 s, and the sender lists every listener from their receiver reports.
 *
 * <p>System property {@value #SECONDS} (default 6; the {@code bench} profile 30): how long the joiners play.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SyncIT extends StreamingTestSupport {
    static final String SECONDS = "liveaudio.bench.syncSeconds";
    private static final int SAMPLE_RATE = 48_000;
    private static final int FRAME_SAMPLES = SAMPLE_RATE * 5 / 1000;
    private static final long SETTLED_AFTER_NANOS = 2_000_000_000L;
    private static final double ASSERTED_SKEW_MILLIS = 5;
    private static final Duration ASSERTED_FIRST_FRAME = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String REFERENCE = "sync-reference";

    @Configuration
    public Option[] config() {
        return config("SyncIT");
    }

    /** A joiner's clock as the listener's test aids make it: set off by some ms, running some ppm fast. */
    record Clock(int offsetMillis, int driftPpm) {
        static final Clock SAME = new Clock(0, 0);

        @Override
        public String toString() {
            return String.format("%+d ms", offsetMillis) + (driftPpm == 0 ? "" : String.format(", %+d ppm", driftPpm));
        }
    }

    @Test
    public void everyListenerPlaysEachFrameAtTheSameInstantWhateverItsClockOffset() throws Exception {
        Map<String, Clock> joiners = new LinkedHashMap<>();
        joiners.put("sync-joiner", Clock.SAME);
        joiners.put("sync-ahead", new Clock(50, 0));
        joiners.put("sync-behind", new Clock(-50, 0));
        measure(joiners, "sync.md");
    }

    /** Two listeners alone with the sender, which is all "between any two listeners" asks of one host. */
    @Test
    public void twoListenersPlayEachFrameAtTheSameInstant() throws Exception {
        measure(Map.of("sync-pair", Clock.SAME), "sync-pair.md");
    }

    /** A joiner whose clock runs 100 ppm fast, as two crystals may, follows the offset as it moves. */
    @Test
    public void aListenerWhoseClockRunsFastKeepsInStep() throws Exception {
        measure(Map.of("sync-fast", new Clock(50, 100)), "sync-drift.md");
    }

    /** The reference plays, the {@code joiners} join with their clocks, and the figures go to a report. */
    private void measure(Map<String, Clock> joiners, String report) throws Exception {
        double seconds = Double.parseDouble(System.getProperty(SECONDS, "6"));
        Path folder = targetDir().resolve("SyncIT");
        Files.createDirectories(folder);
        Path source = folder.resolve("counting.wav");
        int frames = (int) Math.min(CountingSignal.MAX_FRAMES, (seconds + 10) * SAMPLE_RATE / FRAME_SAMPLES);
        WavFiles.write(source, CountingSignal.stereo(frames, FRAME_SAMPLES), SAMPLE_RATE, 2);

        HandOverProbe probe = new HandOverProbe();
        ServiceRegistration<AudioSink> registration = HandOverProbe.register(context, probe);
        try {
            Map<String, Object> endpoint = randomLoopbackEndpoint();
            addListener(REFERENCE, merge(endpoint, Map.of("sink", "null")));
            awaitListener(REFERENCE);
            configureSender(merge(endpoint, Map.of("source", "file", "file", source.toString(), "loop", "false")));
            StreamControl sender = awaitSender();
            waitUntil("the reference listener plays", TIMEOUT, () -> probe.handOvers(REFERENCE).count() > 100);

            long joinedAt = System.nanoTime();
            for (Map.Entry<String, Clock> joiner : joiners.entrySet()) {
                addListener(joiner.getKey(), merge(endpoint, Map.of("sink", "null",
                        "clockOffsetMillis", String.valueOf(joiner.getValue().offsetMillis()),
                        "clockDriftPpm", String.valueOf(joiner.getValue().driftPpm()))));
            }
            Thread.sleep(Math.round(seconds * 1000));
            Map<String, HandOverProbe.HandOvers> handOvers = new LinkedHashMap<>();
            handOvers.put(REFERENCE, probe.handOvers(REFERENCE));
            joiners.keySet().forEach(name -> handOvers.put(name, probe.handOvers(name)));

            SyncFigures figures = SyncFigures.of(handOvers, REFERENCE, joinedAt, SETTLED_AFTER_NANOS);
            figures.lines().forEach(line -> System.out.println("SyncIT: " + line));
            Path reports = targetDir().resolve("reports");
            Files.createDirectories(reports);
            Files.writeString(reports.resolve(report), figures.markdown(joiners));

            waitUntil("the sender lists every listener", TIMEOUT, () -> listsEveryListener(sender, joiners));
            assertTrue("frames compared: " + figures.framesCompared(), figures.framesCompared() > 100);
            assertTrue("skew p99 " + figures.skewP99Millis() + " ms", figures.skewP99Millis() <= ASSERTED_SKEW_MILLIS);
            for (String joiner : joiners.keySet()) {
                double first = figures.firstFrameMillis(joiner);
                assertTrue(joiner + " played its first frame " + first + " ms after joining",
                        first >= 0 && first <= ASSERTED_FIRST_FRAME.toMillis());
            }
        } finally {
            registration.unregister();
        }
    }

    private static boolean listsEveryListener(StreamControl sender, Map<String, Clock> joiners) {
        List<String> cnames = new ArrayList<>();
        sender.listeners().forEach(report -> cnames.add(report.cname()));
        List<String> names = new ArrayList<>(joiners.keySet());
        names.add(REFERENCE);
        return names.stream().allMatch(name -> cnames.stream().anyMatch(cname -> cname.startsWith("listener-" + name
                + "@")));
    }

    /** The figures of one run, from the probe's hand-overs. */
    record SyncFigures(long framesCompared, long[] skewNanos, long worstPairP99Nanos,
            Map<String, Double> firstFrameMillis, Map<String, double[]> windowP99Millis,
            Map<String, Double> medianToReferenceMicros) {
        /** Windows after the join, in ms, for the offset listeners' skew to the reference. */
        static final long[] WINDOWS_MILLIS = {0, 500, 1000, 2000, 15_000, Long.MAX_VALUE};

        static SyncFigures of(Map<String, HandOverProbe.HandOvers> all, String reference, long joinedAt,
                long settledAfter) {
            Map<String, Map<Integer, Long>> byFrame = new LinkedHashMap<>();
            all.forEach((name, handOvers) -> byFrame.put(name, index(handOvers)));
            HandOverProbe.HandOvers ref = all.get(reference);
            List<Long> skews = new ArrayList<>();
            for (int i = 0; i < ref.count(); i++) {
                if (ref.nanos()[i] - joinedAt < settledAfter) {
                    continue;
                }
                int frame = ref.frames()[i];
                long earliest = Long.MAX_VALUE;
                long latest = Long.MIN_VALUE;
                boolean everyone = true;
                for (Map<Integer, Long> listener : byFrame.values()) {
                    Long at = listener.get(frame);
                    if (at == null) {
                        everyone = false;
                        break;
                    }
                    earliest = Math.min(earliest, at);
                    latest = Math.max(latest, at);
                }
                if (everyone) {
                    skews.add(latest - earliest);
                }
            }
            Map<String, Double> first = new LinkedHashMap<>();
            Map<String, double[]> windows = new LinkedHashMap<>();
            Map<String, Double> medians = new LinkedHashMap<>();
            Map<Integer, Long> refFrames = byFrame.get(reference);
            all.forEach((name, handOvers) -> {
                if (name.equals(reference)) {
                    return;
                }
                first.put(name, handOvers.count() == 0 ? -1 : (handOvers.nanos()[0] - joinedAt) / 1e6);
                windows.put(name, windowP99(handOvers, refFrames, joinedAt));
                List<Long> signed = new ArrayList<>();
                for (int i = 0; i < handOvers.count(); i++) {
                    Long at = refFrames.get(handOvers.frames()[i]);
                    if (at != null && handOvers.nanos()[i] - joinedAt >= settledAfter) {
                        signed.add(handOvers.nanos()[i] - at);
                    }
                }
                long[] sorted = signed.stream().mapToLong(Long::longValue).sorted().toArray();
                medians.put(name, sorted.length == 0 ? Double.NaN : percentile(sorted, 50) / 1e3);
            });
            return new SyncFigures(skews.size(), skews.stream().mapToLong(Long::longValue).sorted().toArray(),
                    worstPairP99(byFrame, ref, joinedAt + settledAfter), first, windows, medians);
        }

        /** The skew p99 of the pair of listeners furthest apart, over the frames the reference played from then. */
        private static long worstPairP99(Map<String, Map<Integer, Long>> byFrame, HandOverProbe.HandOvers ref,
                long from) {
            List<Map<Integer, Long>> listeners = new ArrayList<>(byFrame.values());
            long worst = 0;
            for (int a = 0; a < listeners.size(); a++) {
                for (int b = a + 1; b < listeners.size(); b++) {
                    List<Long> skews = new ArrayList<>();
                    for (int i = 0; i < ref.count(); i++) {
                        Long atA = listeners.get(a).get(ref.frames()[i]);
                        Long atB = listeners.get(b).get(ref.frames()[i]);
                        if (ref.nanos()[i] >= from && atA != null && atB != null) {
                            skews.add(Math.abs(atA - atB));
                        }
                    }
                    if (!skews.isEmpty()) {
                        worst = Math.max(worst, percentile(skews.stream().mapToLong(Long::longValue).sorted().toArray(),
                                99));
                    }
                }
            }
            return worst;
        }

        private static Map<Integer, Long> index(HandOverProbe.HandOvers handOvers) {
            Map<Integer, Long> byFrame = new HashMap<>();
            for (int i = 0; i < handOvers.count(); i++) {
                byFrame.put(handOvers.frames()[i], handOvers.nanos()[i]);
            }
            return byFrame;
        }

        private static double[] windowP99(HandOverProbe.HandOvers handOvers, Map<Integer, Long> reference,
                long joinedAt) {
            double[] p99 = new double[WINDOWS_MILLIS.length - 1];
            for (int w = 0; w < p99.length; w++) {
                List<Long> differences = new ArrayList<>();
                for (int i = 0; i < handOvers.count(); i++) {
                    long sinceJoin = (handOvers.nanos()[i] - joinedAt) / 1_000_000;
                    Long at = reference.get(handOvers.frames()[i]);
                    if (at != null && sinceJoin >= WINDOWS_MILLIS[w] && sinceJoin < WINDOWS_MILLIS[w + 1]) {
                        differences.add(Math.abs(handOvers.nanos()[i] - at));
                    }
                }
                long[] sorted = differences.stream().mapToLong(Long::longValue).sorted().toArray();
                p99[w] = sorted.length == 0 ? Double.NaN : percentile(sorted, 99) / 1e6;
            }
            return p99;
        }

        static long percentile(long[] sorted, double percent) {
            int at = (int) Math.ceil(percent / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, at))];
        }

        double skewP99Millis() {
            return skewNanos.length == 0 ? Double.NaN : percentile(skewNanos, 99) / 1e6;
        }

        double firstFrameMillis(String name) {
            return firstFrameMillis.getOrDefault(name, -1.0);
        }

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            if (skewNanos.length > 0) {
                lines.add(String.format("skew between %d listeners over %d frames from 2 s after joining: p50 %.1f us,"
                        + " p99 %.1f us, max %.1f us", firstFrameMillis.size() + 1, framesCompared,
                        percentile(skewNanos, 50) / 1e3, percentile(skewNanos, 99) / 1e3,
                        skewNanos[skewNanos.length - 1] / 1e3));
                lines.add(String.format("skew p99 of the two listeners furthest apart: %.1f us",
                        worstPairP99Nanos / 1e3));
            }
            firstFrameMillis.forEach((name, millis) -> lines.add(String.format(
                    "%s: first frame %.1f ms after joining; skew to the reference p99 by window after joining %s ms; "
                    + "median from 2 s on %+.1f us", name, millis, Arrays.toString(windowP99Millis.get(name)),
                    medianToReferenceMicros.get(name))));
            return lines;
        }

        String markdown(Map<String, Clock> clocks) {
            StringBuilder text = new StringBuilder("# Synchronized playout\n\n");
            if (skewNanos.length > 0) {
                text.append(String.format("Skew between all %d listeners, %d frames from 2 s after joining: "
                        + "p50 %.1f us, p99 %.1f us, max %.1f us. Skew p99 of the two listeners furthest apart: "
                        + "%.1f us.%n%n", firstFrameMillis.size() + 1, framesCompared, percentile(skewNanos, 50) / 1e3,
                        percentile(skewNanos, 99) / 1e3, skewNanos[skewNanos.length - 1] / 1e3,
                        worstPairP99Nanos / 1e3));
            }
            text.append("| listener | clock | first frame after joining | skew to reference p99: 0-0.5 s | "
                    + "0.5-1 s | 1-2 s | 2-15 s | 15 s on | median from 2 s on |\n"
                    + "|---|---|---|---|---|---|---|---|---|\n");
            firstFrameMillis.forEach((name, millis) -> {
                double[] windows = windowP99Millis.get(name);
                text.append(String.format("| %s | %s | %.1f ms | %.3f ms | %.3f ms | %.3f ms | %.3f ms | %.3f ms | "
                        + "%+.1f us |%n", name, clocks.getOrDefault(name, Clock.SAME), millis, windows[0], windows[1],
                        windows[2], windows[3], windows[4], medianToReferenceMicros.get(name)));
            });
            return text.toString();
        }
    }
}
