package org.liveaudio.itests;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;
import org.junit.runner.RunWith;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamControl;
import org.liveaudio.itests.ListenerWatch.Totals;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;

/**
 * The soak run ({@code -Psoak}; the normal build leaves it out): a sender and 10 listeners stream on loopback
 * for {@code liveaudio.soak.minutes} minutes (60 in the profile) while the stream is paused, the sender and the listeners are
 * reconfigured and the codec, sink, source and transport bundles are swapped in turn, a step every two minutes
 * ({@link SoakSchedule}). Every minute it forces full collections and notes the heap, the threads, the loaded
 * classes and every listener's counters in {@code target/reports/soak.csv}; {@code soak.md} sums the run up and
 * {@link SoakCharts} draws {@code soak.png} after the test. {@link SoakVerdict} states what must hold.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SoakIT extends StreamingTestSupport {
    static final String MINUTES = "liveaudio.soak.minutes";
    private static final int LISTENERS = 10;
    /** The last two listeners record; the others count packets only. */
    private static final List<String> RECORDERS = List.of("soak-09", "soak-10");
    private static final int FRAME_MILLIS = 5;
    /** Taken in turn by the sender's reconfigurations: the default, then a longer one, and back. */
    private static final List<String> PLAYOUT_DELAYS = List.of("32.5", "40");
    /**
     * Taken in turn by the listeners' reconfigurations. The sender announces its playout delay, so the buffer
     * setting changes nothing audible: the step exercises the listener's reconfiguration in place.
     */
    private static final List<String> BUFFERS = List.of("20", "30");
    private static final Duration PAUSE = Duration.ofSeconds(3);
    /** What counts as flowing again: 100 ms of audio received and played by every listener. */
    private static final int RECOVERY_FRAMES = 20;
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration FINALIZE_TIMEOUT = Duration.ofSeconds(15);
    /** The soak needs the counters, not the finest gaps: ten listeners polled every 10 ms cost little CPU. */
    private static final long WATCH_PERIOD_NANOS = 10_000_000L;
    /**
     * A forced full collection stops every thread, and the listeners count the frames it held up as late when
     * they play them, a playout delay later: late frames counted from just before the collections until this
     * long after them are put down to the sampling, not to the stream.
     */
    private static final long GC_AFTERMATH_MILLIS = 300;
    /** Beyond the run's length: setting up, the steps' own time and the end, each bounded on its own. */
    private static final Duration LIMIT_MARGIN = Duration.ofMinutes(10);

    private final SoakSchedule schedule = SoakSchedule.of(Double.parseDouble(System.getProperty(MINUTES, "60")));

    @Rule
    public final Timeout limit = Timeout.millis(schedule.lengthMillis() + LIMIT_MARGIN.toMillis());

    private final Map<String, Map<String, Object>> listenerProperties = new TreeMap<>();
    private final Map<String, Object> senderProperties = new LinkedHashMap<>();
    private final Map<String, Integer> recordingParts = new TreeMap<>();
    private final Map<String, org.osgi.service.cm.Configuration> recorders = new TreeMap<>();
    /** Every recording file of the run, and whether it was found finalized once closed; null while open. */
    private final Map<Path, Boolean> recordings = new LinkedHashMap<>();
    private final List<SoakSample> samples = new ArrayList<>();
    private final List<List<String>> threadNames = new ArrayList<>();
    private final List<List<String>> listenerRows = new ArrayList<>();
    private final List<SoakWindow> windows = new ArrayList<>();
    private ListenerWatch watch;
    private Map<String, Totals> baseline;
    private SenderStats senderBaseline;
    private long startNanos;
    private long lateAroundGc;
    private String windowStep;
    private double windowFrom;
    private boolean windowMayLose;
    private Map<String, Totals> windowStart;

    @Configuration
    public Option[] config() {
        return config("SoakIT");
    }

    @Test
    public void heapThreadsAndStreamHoldThroughPausesReconfigurationsAndSwaps() throws Exception {
        Path folder = targetDir().resolve("SoakIT");
        Files.createDirectories(folder);
        try {
            startListenersAndSender();
            soak();
        } finally {
            if (watch != null) {
                watch.close();
            }
            closeRecordings();
            SoakReport.write(reports(), schedule, samples, windows, verdict(), recordings);
        }
        List<SoakVerdict.Check> broken = verdict().stream().filter(check -> !check.holds()).toList();
        if (!broken.isEmpty()) {
            fail("the soak run broke " + broken.size() + " rule(s):\n  " + String.join("\n  ",
                    broken.stream().map(check -> check.rule() + ": " + check.measured()).toList()));
        }
    }

    private void startListenersAndSender() throws Exception {
        Map<String, Object> endpoint = randomLoopbackEndpoint();
        for (int i = 1; i <= LISTENERS; i++) {
            String name = String.format(Locale.ROOT, "soak-%02d", i);
            Map<String, Object> properties = new LinkedHashMap<>(endpoint);
            // The hop limit is the sender's: a listener would warn of the key on every reconfiguration.
            properties.remove("ttl");
            properties.put("bufferMillis", BUFFERS.get(0));
            if (RECORDERS.contains(name)) {
                properties.put("sink", "wav");
                properties.put("file", nextRecording(name).toString());
            } else {
                properties.put("sink", "null");
            }
            listenerProperties.put(name, properties);
            org.osgi.service.cm.Configuration configuration = addListener(name, properties);
            if (RECORDERS.contains(name)) {
                recorders.put(name, configuration);
            }
        }
        for (String name : listenerProperties.keySet()) {
            awaitListener(name);
        }
        watch = new ListenerWatch(context, WATCH_PERIOD_NANOS);
        senderProperties.putAll(endpoint);
        senderProperties.putAll(Map.of("source", "melody", "frameMillis", String.valueOf(FRAME_MILLIS),
                "playoutDelayMillis", PLAYOUT_DELAYS.get(0)));
        configureSender(senderProperties);
        awaitSender();
        awaitFlowing("every listener plays the stream", Map.of());
    }

    /** Samples and steps in time order, until the run's length; a step's own time delays what follows it. */
    private void soak() throws Exception {
        startNanos = System.nanoTime();
        baseline = watch.totals();
        senderBaseline = awaitSender().stats();
        openWindow("start (before any step)", false, baseline);
        int stepIndex = 0;
        long nextSample = 0;
        List<SoakSchedule.Step> steps = schedule.steps();
        while (nextSample <= schedule.lengthMillis()) {
            if (stepIndex < steps.size() && steps.get(stepIndex).atMillis() < nextSample) {
                SoakSchedule.Step step = steps.get(stepIndex++);
                sleepUntil(step.atMillis());
                Map<String, Totals> before = watch.totals();
                closeWindow(before);
                openWindow(take(step), step.kind().mayLose(), before);
            } else {
                sleepUntil(nextSample);
                sample();
                nextSample += schedule.samplePeriodMillis();
            }
        }
        closeWindow(watch.totals());
        writeCsv();
    }

    /** Takes the step and waits until the stream flows again; returns what was done. */
    private String take(SoakSchedule.Step step) throws Exception {
        int round = step.round();
        String done = switch (step.kind()) {
            case PAUSE -> pause();
            case SENDER_PLAYOUT_DELAY -> playoutDelay(PLAYOUT_DELAYS.get(round % 2), PLAYOUT_DELAYS.get(1 - round % 2));
            case LISTENER_BUFFER -> listenerBuffers(BUFFERS.get(round % 2), BUFFERS.get(1 - round % 2));
            case RECORDING_MOVE -> moveRecordings();
            default -> swap(step.kind().bundle, round % 2 == 0);
        };
        awaitFlowing("the stream flows again after " + done, watch.totals());
        System.out.printf(Locale.ROOT, "soak %.2f min: %s%n", minute(), done);
        return done;
    }

    private String pause() throws Exception {
        StreamControl sender = senderNow();
        sender.pause();
        Thread.sleep(PAUSE.toMillis());
        sender.play();
        return "pause " + PAUSE.toSeconds() + " s then play";
    }

    /** The listeners hear of the new delay from the sender (RTCP), which is when the step has taken effect. */
    private String playoutDelay(String from, String to) throws Exception {
        senderProperties.put("playoutDelayMillis", to);
        configureSender(senderProperties);
        double announced = Double.parseDouble(to);
        waitUntil("every listener is told playoutDelayMillis " + to, RECOVERY_TIMEOUT, () -> everyListener(
                listener -> listener.sync().playoutDelayMillis() == announced));
        return "sender playoutDelayMillis " + from + " -> " + to;
    }

    private String listenerBuffers(String from, String to) throws IOException {
        for (Map.Entry<String, Map<String, Object>> listener : listenerProperties.entrySet()) {
            listener.getValue().put("bufferMillis", to);
            addListener(listener.getKey(), listener.getValue());
        }
        return "listeners' bufferMillis " + from + " -> " + to;
    }

    /** Each recorder is moved to a new file: the listener closes the old one, which must then be finalized. */
    private String moveRecordings() throws Exception {
        List<Path> closed = new ArrayList<>();
        for (String name : RECORDERS) {
            Map<String, Object> properties = listenerProperties.get(name);
            closed.add(Path.of(properties.get("file").toString()));
            properties.put("file", nextRecording(name).toString());
            addListener(name, properties);
        }
        for (Path file : closed) {
            recordings.put(file, eventually(FINALIZE_TIMEOUT, () -> WavFiles.isFinalized(file)));
        }
        return "recordings move to new files";
    }

    private String swap(String symbolicName, boolean update) throws Exception {
        Bundle bundle = bundle(symbolicName);
        if (update) {
            bundle.update();
        } else {
            bundle.stop();
            bundle.start();
        }
        return symbolicName.substring("org.liveaudio.".length()) + (update ? " update" : " stop/start");
    }

    private void sample() throws Exception {
        Map<String, Totals> beforeGc = watch.totals();
        JvmGauge.Reading jvm = JvmGauge.afterFullCollection();
        double minute = minute();
        Thread.sleep(GC_AFTERMATH_MILLIS);
        Map<String, Totals> now = watch.totals();
        lateAroundGc += sum(now, beforeGc, Totals::late);
        SenderStats sender = senderNow().stats();
        threadNames.add(jvm.threadNames());
        samples.add(new SoakSample(minute, jvm.heapUsedMb(), jvm.heapCommittedMb(), jvm.threads(),
                jvm.loadedClasses(), liveListeners(), sum(now, baseline, Totals::received),
                sum(now, baseline, Totals::lost), sum(now, baseline, Totals::late), lateAroundGc,
                sum(now, baseline, Totals::concealed), sender.packetsSent() - senderBaseline.packetsSent(),
                sender.framesSkipped() - senderBaseline.framesSkipped()));
        for (Totals totals : now.values()) {
            Totals base = baseline.getOrDefault(totals.name(), totals);
            listenerRows.add(List.of(String.format(Locale.ROOT, "%.2f", minute), totals.name(),
                    String.valueOf(totals.received() - base.received()),
                    String.valueOf(totals.framesPlayed() - base.framesPlayed()),
                    String.valueOf(totals.lost() - base.lost()), String.valueOf(totals.late() - base.late()),
                    String.valueOf(totals.concealed() - base.concealed())));
        }
        SoakSample last = samples.get(samples.size() - 1);
        System.out.printf(Locale.ROOT, "soak %.2f min: heap %.1f MiB after GC, %d threads, %d classes, %d listeners,"
                + " lost %d, late %d (%d around the forced GCs)%n", minute, last.heapUsedMb(), last.threads(),
                last.loadedClasses(), last.listeners(), last.lost(), last.late(), last.lateAroundGc());
        writeCsv();
    }

    private void writeCsv() throws IOException {
        SoakCsv.write(reports().resolve(SoakCsv.SAMPLES), SoakSample.COLUMNS,
                samples.stream().map(SoakSample::values).toList());
        SoakCsv.write(reports().resolve(SoakCsv.LISTENERS), List.of("minute", "listener", "received", "played",
                "lost", "late", "concealed"), listenerRows);
        SoakCsv.write(reports().resolve(SoakCsv.STEPS), SoakWindow.COLUMNS,
                windows.stream().map(SoakWindow::values).toList());
    }

    private void openWindow(String step, boolean mayLose, Map<String, Totals> at) {
        windowStep = step;
        windowFrom = minute();
        windowMayLose = mayLose;
        windowStart = at;
    }

    private void closeWindow(Map<String, Totals> at) {
        windows.add(new SoakWindow(windowStep, windowFrom, minute(), windowMayLose, sum(at, windowStart,
                Totals::lost), sum(at, windowStart, Totals::late), sum(at, windowStart, Totals::concealed)));
    }

    /** Stops the recorders (deleting their configurations), which finalizes their last files, and checks them. */
    private void closeRecordings() throws Exception {
        for (org.osgi.service.cm.Configuration recorder : recorders.values()) {
            delete(recorder);
        }
        for (Map.Entry<Path, Boolean> recording : recordings.entrySet()) {
            if (recording.getValue() == null) {
                Path file = recording.getKey();
                recording.setValue(eventually(FINALIZE_TIMEOUT, () -> WavFiles.isFinalized(file)));
            }
        }
    }

    private List<SoakVerdict.Check> verdict() {
        Map<String, Boolean> finalized = new LinkedHashMap<>();
        recordings.forEach((file, done) -> finalized.put(file.getFileName().toString(), Boolean.TRUE.equals(done)));
        return SoakVerdict.of(samples, threadNames, windows, finalized, LISTENERS);
    }

    private Path nextRecording(String name) throws IOException {
        int part = recordingParts.merge(name, 1, Integer::sum);
        Path file = targetDir().resolve("SoakIT").resolve(name + "-" + part + ".wav");
        Files.deleteIfExists(file);
        recordings.put(file, null);
        return file;
    }

    private void awaitFlowing(String what, Map<String, Totals> since) throws InterruptedException {
        waitUntil(what, RECOVERY_TIMEOUT, () -> {
            Map<String, Totals> now = watch.totals();
            if (liveListeners() < LISTENERS || now.size() < LISTENERS) {
                return false;
            }
            return now.values().stream().allMatch(totals -> {
                Totals base = since.get(totals.name());
                return totals.received() >= (base == null ? 0 : base.received()) + RECOVERY_FRAMES
                        && totals.framesPlayed() >= (base == null ? 0 : base.framesPlayed()) + RECOVERY_FRAMES;
            });
        });
    }

    private boolean everyListener(Predicate<ListenerControl> condition) {
        try {
            var references = context.getServiceReferences(ListenerControl.class, null);
            return references.size() == LISTENERS && references.stream().allMatch(reference -> {
                ListenerControl listener = context.getService(reference);
                try {
                    return listener != null && condition.test(listener);
                } finally {
                    context.ungetService(reference);
                }
            });
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private int liveListeners() {
        try {
            return context.getServiceReferences(ListenerControl.class, null).size();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sender as registered now; waits for it (bounded) if a swap has it re-registering. */
    private StreamControl senderNow() throws Exception {
        return awaitSender();
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private void sleepUntil(long millis) throws InterruptedException {
        long left = millis - (System.nanoTime() - startNanos) / 1_000_000;
        if (left > 0) {
            Thread.sleep(left);
        }
    }

    private double minute() {
        return (System.nanoTime() - startNanos) / 60e9;
    }

    private static Path reports() {
        return targetDir().resolve("reports");
    }

    /** Whether {@code condition} came to hold within {@code timeout}; for what is reported rather than thrown. */
    private static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static long sum(Map<String, Totals> now, Map<String, Totals> since, ToLongFunction<Totals> counter) {
        long total = 0;
        for (Totals totals : now.values()) {
            Totals base = since.get(totals.name());
            total += counter.applyAsLong(totals) - (base == null ? 0 : counter.applyAsLong(base));
        }
        return total;
    }
}
