package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.StreamControl;
import org.liveaudio.api.stream.StreamStatus;
import org.liveaudio.itests.ListenerWatch.Totals;
import org.liveaudio.itests.RtpWireObserver.WirePacket;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

/**
 * Every implementation bundle, updated and stopped/started while a sender streams to 20 listeners: the stream
 * on the wire keeps its SSRC and its sequence numbers, every listener and its configuration survive, and the
 * audio flows again. A plain socket watches the wire, so the evidence does not depend on the transport bundle
 * being swapped. Two listeners record to WAV files, which must keep every frame they were given. What each
 * swap cost (the longest silence on the wire and at the listeners) is printed as a table and written to
 * {@code target/HotSwapIT/gaps.csv}; it is reported, not asserted, since it is a timing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends StreamingTestSupport {
    private static final int LISTENERS = 20;
    private static final List<String> RECORDING_LISTENERS = List.of("swap-01", "swap-11");
    private static final int FRAME_MILLIS = 5;
    private static final int SAMPLE_RATE = 48_000;
    private static final int TICKS_PER_FRAME = SAMPLE_RATE * FRAME_MILLIS / 1000;
    private static final int BUFFER_MILLIS = 20;
    /** 16-bit stereo. */
    private static final int BYTES_PER_FRAME = TICKS_PER_FRAME * 4;
    /** The canonical header the WAV sink writes. */
    private static final int WAV_HEADER_BYTES = 44;
    /** In the order the issue names them. */
    private static final List<String> SWAPPED_BUNDLES = List.of("org.liveaudio.source", "org.liveaudio.codec",
            "org.liveaudio.transport", "org.liveaudio.sink", "org.liveaudio.control", "org.liveaudio.listener");
    /** What counts as flowing again: 100 ms of audio, on the wire and at every listener. */
    private static final int RECOVERY_PACKETS = 20;
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(20);
    /** Watched after recovery, so that losses the playout counts a buffer depth later belong to the swap. */
    private static final Duration AFTERMATH = Duration.ofMillis(150);
    private static final Duration BASELINE = Duration.ofSeconds(1);
    /** Of the broken wire invariants found after one swap, how many are listed one by one. */
    private static final int MAX_REPORTED = 5;

    private enum Swap {
        UPDATE("update") {
            @Override
            void apply(Bundle bundle) throws BundleException {
                bundle.update();
            }
        },
        STOP_START("stop/start") {
            @Override
            void apply(Bundle bundle) throws BundleException {
                bundle.stop();
                bundle.start();
            }
        };

        final String label;

        Swap(String label) {
            this.label = label;
        }

        abstract void apply(Bundle bundle) throws BundleException;
    }

    /**
     * One line of the table. The playout stall is known once the listeners that log their hand-overs have stopped
     * (their logs are flushed then), after the last swap.
     */
    private record Cost(String swap, double callMillis, double wireGapMillis, double wireLateMillis, int markers,
            double receiveGapMillis, String slowestListener, double playStallMillis, long lost, long late, long concealed,
            double recoveredMillis) {
        Cost stalled(double stallMillis) {
            return new Cost(swap, callMillis, wireGapMillis, wireLateMillis, markers, receiveGapMillis,
                    slowestListener, stallMillis, lost, late, concealed, recoveredMillis);
        }
    }

    private final Map<String, Map<String, Object>> listenerProperties = new TreeMap<>();
    private final Map<String, org.osgi.service.cm.Configuration> recorders = new TreeMap<>();
    /** The listeners that log the instant of every hand-over to their sink (sink=timing). */
    private final Map<String, org.osgi.service.cm.Configuration> timers = new TreeMap<>();
    /** Each swap's window, from its start to the end of its aftermath, by {@link System#nanoTime()}. */
    private final List<long[]> windows = new ArrayList<>();
    private final List<String> broken = new ArrayList<>();
    private String endpointText;
    private long ssrc;
    /** The wire is checked for continuity from this packet on. */
    private int checkedUpTo;

    @Configuration
    public Option[] config() {
        return config("HotSwapIT");
    }

    @Test
    public void everyBundleSwapKeepsTheStreamTheListenersAndTheirConfiguration() throws Exception {
        Path folder = targetDir().resolve("HotSwapIT");
        Files.createDirectories(folder);
        Map<String, Object> endpoint = randomLoopbackEndpoint();
        String group = endpoint.get("group").toString();
        int port = Integer.parseInt(endpoint.get("port").toString());
        endpointText = group + ":" + port + " on lo";
        for (int i = 1; i <= LISTENERS; i++) {
            String name = String.format(Locale.ROOT, "swap-%02d", i);
            Map<String, Object> properties = new LinkedHashMap<>(endpoint);
            // The hop limit is the sender's; a listener's configuration leaves it out.
            properties.remove("ttl");
            properties.put("bufferMillis", String.valueOf(BUFFER_MILLIS));
            if (RECORDING_LISTENERS.contains(name)) {
                Path recording = recording(name);
                Files.deleteIfExists(recording);
                properties.put("sink", "wav");
                properties.put("file", recording.toString());
            } else {
                Path handOvers = handOverLog(name);
                Files.deleteIfExists(handOvers);
                properties.put("sink", "timing");
                properties.put("file", handOvers.toString());
            }
            org.osgi.service.cm.Configuration configuration = addListener(name, properties);
            (RECORDING_LISTENERS.contains(name) ? recorders : timers).put(name, configuration);
            listenerProperties.put(name, merge(properties, Map.of("name", name)));
        }
        for (String name : listenerProperties.keySet()) {
            awaitListener(name);
        }

        List<Cost> costs = new ArrayList<>();
        Map<String, Totals> played;
        try (RtpWireObserver wire = RtpWireObserver.join(group, port, "lo", "hotswap");
                ListenerWatch watch = new ListenerWatch(context)) {
            configureSender(merge(endpoint, Map.of("source", "melody", "frameMillis", String.valueOf(FRAME_MILLIS))));
            awaitSender();
            waitUntil("every listener plays the stream", RECOVERY_TIMEOUT, () -> wire.count() > 0
                    && everyListenerGrew(watch.totals(), Map.of(), RECOVERY_PACKETS));
            ssrc = wire.packet(0).ssrc();
            assertEquals("the sender's SSRC and the one on the wire", ssrc, sender().status().ssrc());

            costs.add(measure("no swap (" + BASELINE.toMillis() + " ms baseline)", wire, watch, () -> {
                Thread.sleep(BASELINE.toMillis());
            }));
            for (String symbolicName : SWAPPED_BUNDLES) {
                Bundle bundle = bundle(symbolicName);
                for (Swap swap : Swap.values()) {
                    costs.add(measure(symbolicName.substring("org.liveaudio.".length()) + " " + swap.label, wire,
                            watch, () -> swap.apply(bundle)));
                }
            }
            checkWire(wire, wire.count(), "at the end");
            assertEquals("packets the wire observer could not record", 0, wire.overflow());
            played = watch.totals();
        }
        HandOverLogs handOvers = HandOverLogs.read(handOverLogsAfterStopping());
        for (int i = 0; i < costs.size(); i++) {
            costs.set(i, costs.get(i).stalled(handOvers.longestStallMillis(windows.get(i)[0], windows.get(i)[1])));
        }
        String table = table(costs);
        System.out.println(table);
        Files.writeString(folder.resolve("gaps.csv"), csv(costs), StandardCharsets.UTF_8);
        System.out.println(recordingsAfterStopping(played));
        if (!broken.isEmpty()) {
            fail("hot swap broke an invariant:\n  " + String.join("\n  ", broken) + "\n" + table);
        }
    }

    private interface SwapAction {
        void run() throws Exception;
    }

    /**
     * Swaps (or only waits, for the baseline), waits until the stream flows again everywhere, checks what
     * must survive, and measures the longest silences.
     */
    private Cost measure(String label, RtpWireObserver wire, ListenerWatch watch, SwapAction action)
            throws Exception {
        int lastBefore = Math.max(0, wire.count() - 1);
        Map<String, Totals> before = watch.totals();
        Map<String, byte[]> held = heldAudio();
        watch.startWindow();
        long start = System.nanoTime();
        action.run();
        long called = System.nanoTime();
        int wireAfterCall = wire.count();
        Map<String, Totals> afterCall = watch.totals();
        long deadline = called + RECOVERY_TIMEOUT.toNanos();
        while (!(registeredNames().equals(listenerProperties.keySet())
                && wire.count() >= wireAfterCall + RECOVERY_PACKETS
                && everyListenerGrew(watch.totals(), afterCall, RECOVERY_PACKETS))) {
            if (System.nanoTime() - deadline > 0) {
                fail(notRecovered(label, wire, wireAfterCall, watch.totals(), afterCall));
            }
            Thread.sleep(10);
        }
        long recovered = System.nanoTime();
        Thread.sleep(AFTERMATH.toMillis());
        windows.add(new long[] {start, System.nanoTime()});
        Map<String, Totals> after = watch.totals();
        int end = wire.count();

        checkWire(wire, end, "after " + label);
        checkSurvivors(label);
        checkRecordingsKept(label, watch.totals(), held);

        double wireGap = 0;
        double wireLate = 0;
        int markers = 0;
        WirePacket anchor = wire.packet(lastBefore);
        for (int i = lastBefore + 1; i < end; i++) {
            WirePacket packet = wire.packet(i);
            wireGap = Math.max(wireGap, (packet.arrivalNanos() - wire.packet(i - 1).arrivalNanos()) / 1e6);
            wireLate = Math.max(wireLate, lateness(anchor, packet) / 1e6);
            markers += packet.marker() ? 1 : 0;
        }
        Totals slowest = after.values().stream()
                .max((a, b) -> Long.compare(a.longestReceiveGapNanos(), b.longestReceiveGapNanos())).orElseThrow();
        return new Cost(label, (called - start) / 1e6, wireGap, wireLate, markers,
                slowest.longestReceiveGapNanos() / 1e6,
                slowest.name(), Double.NaN, sum(after, before, Totals::lost), sum(after, before, Totals::late),
                sum(after, before, Totals::concealed), (recovered - start) / 1e6);
    }

    /**
     * How much later than its slot {@code packet} arrived, its slot set by its RTP timestamp from {@code anchor}'s
     * arrival: what a listener must bridge. The wire gap alone overstates it where the sender sent frames ahead of
     * a swap, which arrive early.
     */
    private static long lateness(WirePacket anchor, WirePacket packet) {
        long ticks = (packet.timestamp() - anchor.timestamp()) & 0xFFFF_FFFFL;
        return packet.arrivalNanos() - anchor.arrivalNanos() - ticks * 1_000_000_000L / SAMPLE_RATE;
    }

    /**
     * The packets on the wire up to {@code end}, from where the last check stopped: one SSRC, the sequence
     * going up by one each packet, and the timestamp by one frame except where the marker bit says the
     * stream resumed after a gap in time (RFC 3551: then it may jump forward, never back).
     */
    private void checkWire(RtpWireObserver wire, int end, String when) {
        List<String> found = new ArrayList<>();
        WirePacket previous = checkedUpTo == 0 ? null : wire.packet(checkedUpTo - 1);
        for (int i = checkedUpTo; i < end; i++) {
            WirePacket packet = wire.packet(i);
            if (packet.ssrc() != ssrc) {
                found.add("a second SSRC " + hex(packet.ssrc()) + " on the wire (the stream's is " + hex(ssrc)
                        + "), sequence " + packet.sequence() + ", marker " + packet.marker());
                continue;
            }
            if (previous != null) {
                int step = (packet.sequence() - previous.sequence()) & 0xFFFF;
                if (step != 1) {
                    found.add("sequence " + previous.sequence() + " -> " + packet.sequence() + (step == 0
                            ? " (duplicate)" : step < 0x8000 ? " (" + (step - 1) + " missing)" : " (went back)"));
                }
                long ticks = (packet.timestamp() - previous.timestamp()) & 0xFFFF_FFFFL;
                if (ticks != TICKS_PER_FRAME && !(packet.marker() && ticks > 0 && ticks < 0x8000_0000L)) {
                    found.add("timestamp " + previous.timestamp() + " -> " + packet.timestamp() + " at sequence "
                            + packet.sequence() + (packet.marker() ? " (went back)" : " without the marker bit"));
                }
            }
            previous = packet;
        }
        checkedUpTo = end;
        found.stream().limit(MAX_REPORTED).forEach(problem -> broken.add(when + ": " + problem));
        if (found.size() > MAX_REPORTED) {
            broken.add(when + ": ... and " + (found.size() - MAX_REPORTED) + " more such on the wire");
        }
    }

    /** The listeners and their configurations are the ones configured; the sender still sends the same SSRC. */
    private void checkSurvivors(String label) throws Exception {
        org.osgi.service.cm.Configuration[] configurations = configurationAdmin.listConfigurations(
                "(service.factoryPid=" + LISTENER_FACTORY_PID + ")");
        Map<String, Map<String, Object>> configured = new TreeMap<>();
        for (org.osgi.service.cm.Configuration configuration : configurations == null
                ? new org.osgi.service.cm.Configuration[0] : configurations) {
            Dictionary<String, Object> properties = configuration.getProperties();
            Map<String, Object> ours = new LinkedHashMap<>();
            for (String key : listenerProperties.values().iterator().next().keySet()) {
                if (properties.get(key) != null) {
                    ours.put(key, properties.get(key));
                }
            }
            configured.put(String.valueOf(properties.get("name")), ours);
        }
        for (Map.Entry<String, Map<String, Object>> expected : listenerProperties.entrySet()) {
            Map<String, Object> actual = configured.get(expected.getKey());
            if (!new TreeMap<>(expected.getValue()).equals(actual == null ? null : new TreeMap<>(actual))) {
                broken.add(label + ": configuration of " + expected.getKey() + " is " + actual + ", was "
                        + expected.getValue());
            }
        }
        for (ServiceReference<ListenerControl> reference : context.getServiceReferences(ListenerControl.class,
                null)) {
            ListenerControl listener = context.getService(reference);
            try {
                var stats = listener.stats();
                if (!endpointText.equals(stats.endpoint()) || stats.ssrc() != ssrc) {
                    broken.add(label + ": listener " + stats.name() + " listens on " + stats.endpoint() + " to ssrc "
                            + hex(stats.ssrc()) + ", expected " + endpointText + " and " + hex(ssrc));
                }
            } finally {
                context.ungetService(reference);
            }
        }
        StreamStatus status = sender().status();
        if (status.ssrc() != ssrc || !"playing".equals(status.state())) {
            broken.add(label + ": the sender is " + status.state() + " with ssrc " + hex(status.ssrc()) + ", expected "
                    + "playing with " + hex(ssrc) + (label.startsWith("control") ? " (the Broadcaster should have "
                            + "continued its saved RTP session)" : "") + "; status: " + status);
        }
    }

    /** The audio each recording holds now (what is on disk of it), to be found again after the swap. */
    private static Map<String, byte[]> heldAudio() throws IOException {
        Map<String, byte[]> held = new LinkedHashMap<>();
        for (String name : RECORDING_LISTENERS) {
            Path recording = recording(name);
            byte[] file = Files.exists(recording) ? Files.readAllBytes(recording) : new byte[0];
            held.put(name, Arrays.copyOfRange(file, Math.min(WAV_HEADER_BYTES, file.length), file.length));
        }
        return held;
    }

    /**
     * A swap may cost a recording the audio of the gap, never what it already held: every frame a listener
     * played into its WAV file (over all its instances) is still in the file, as the WAV sink appends when the
     * listener reopens it, and the audio the file held before the swap begins it still, byte for byte.
     */
    private void checkRecordingsKept(String label, Map<String, Totals> played, Map<String, byte[]> held)
            throws IOException {
        Map<String, byte[]> now = heldAudio();
        for (String name : RECORDING_LISTENERS) {
            byte[] before = held.get(name);
            byte[] after = now.get(name);
            int differs = Arrays.mismatch(before, 0, before.length, after, 0, Math.min(before.length, after.length));
            if (after.length < before.length || differs >= 0) {
                broken.add(String.format(Locale.ROOT, "%s: the recording of %s held %d bytes of audio before the swap;"
                        + " after it, %s", label, name, before.length, after.length < before.length ? "only "
                        + after.length : "they differ from byte " + differs));
            }
            long playedFrames = played.get(name).framesPlayed();
            long recordedFrames = audioBytes(recording(name)) / BYTES_PER_FRAME;
            if (recordedFrames < playedFrames) {
                broken.add(String.format(Locale.ROOT, "%s: the recording of %s holds %.2f s, but the listener has "
                        + "played %.2f s into it: the file was started afresh and lost what it held", label, name,
                        recordedFrames * FRAME_MILLIS / 1000.0, playedFrames * FRAME_MILLIS / 1000.0));
            }
        }
    }

    private static long audioBytes(Path recording) throws IOException {
        return Files.exists(recording) ? Math.max(0, Files.size(recording) - WAV_HEADER_BYTES) : 0;
    }

    private static Path recording(String name) {
        return targetDir().resolve("HotSwapIT").resolve(name + ".wav");
    }

    private Set<String> registeredNames() throws Exception {
        Set<String> names = new TreeSet<>();
        int registrations = 0;
        for (ServiceReference<ListenerControl> reference : context.getServiceReferences(ListenerControl.class,
                null)) {
            names.add(String.valueOf(reference.getProperty(ListenerControl.NAME)));
            registrations++;
        }
        return registrations == names.size() ? names : Set.of("duplicate names: " + registrations);
    }

    private static boolean everyListenerGrew(Map<String, Totals> now, Map<String, Totals> since, long by) {
        if (now.size() < LISTENERS) {
            return false;
        }
        for (Totals totals : now.values()) {
            Totals base = since.get(totals.name());
            long received = base == null ? 0 : base.received();
            long played = base == null ? 0 : base.framesPlayed();
            if (totals.received() < received + by || totals.framesPlayed() < played + by) {
                return false;
            }
        }
        return true;
    }

    private String notRecovered(String label, RtpWireObserver wire, int wireAfterCall, Map<String, Totals> now,
            Map<String, Totals> since) throws Exception {
        StringBuilder message = new StringBuilder("the stream did not recover within " + RECOVERY_TIMEOUT.toSeconds()
                + " s after " + label + ": " + (wire.count() - wireAfterCall) + " packets on the wire since; listeners "
                + registeredNames() + "; sender " + senderStatusOrNone());
        for (Totals totals : now.values()) {
            Totals base = since.get(totals.name());
            if (base == null || totals.received() < base.received() + RECOVERY_PACKETS
                    || totals.framesPlayed() < base.framesPlayed() + RECOVERY_PACKETS) {
                message.append("\n  ").append(totals.name()).append(": received ")
                        .append(totals.received() - (base == null ? 0 : base.received())).append(", played ")
                        .append(totals.framesPlayed() - (base == null ? 0 : base.framesPlayed()))
                        .append(" since; ").append(totals.latest());
            }
        }
        if (!broken.isEmpty()) {
            message.append("\nbroken before:\n  ").append(String.join("\n  ", broken));
        }
        return message.toString();
    }

    private String senderStatusOrNone() {
        ServiceReference<StreamControl> reference = context.getServiceReference(StreamControl.class);
        if (reference == null) {
            return "not registered";
        }
        StreamControl control = context.getService(reference);
        try {
            return control == null ? "not registered" : control.status().toString();
        } finally {
            context.ungetService(reference);
        }
    }

    /** The sender now: after a swap of the control bundle it is another service object. */
    private StreamControl sender() throws Exception {
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

    private static Path handOverLog(String name) {
        return targetDir().resolve("HotSwapIT").resolve(name + ".timing");
    }

    /** Stops the listeners that log their hand-overs, which flushes the logs; where each log is. */
    private Map<String, Path> handOverLogsAfterStopping() throws Exception {
        Map<String, Path> logs = new TreeMap<>();
        for (Map.Entry<String, org.osgi.service.cm.Configuration> timer : timers.entrySet()) {
            delete(timer.getValue());
            logs.put(timer.getKey(), handOverLog(timer.getKey()));
        }
        // A listener's registration goes just before its sink closes and flushes its log: then the logs stand still.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long sizes = -1;
        while (!java.util.Collections.disjoint(registeredNames(), timers.keySet()) || sizes != sizeOf(logs.values())) {
            if (System.nanoTime() - deadline > 0) {
                fail("the listeners that log their hand-overs did not stop and flush their logs within 15 s");
            }
            sizes = sizeOf(logs.values());
            Thread.sleep(200);
        }
        return logs;
    }

    private static long sizeOf(java.util.Collection<Path> files) throws IOException {
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        return bytes;
    }

    /**
     * Stops the recording listeners, which finalizes their files, and tells how much audio each file holds
     * against how much its listener played in all (over every instance of it).
     */
    private String recordingsAfterStopping(Map<String, Totals> played) throws Exception {
        StringBuilder report = new StringBuilder("recordings after the swaps:");
        for (Map.Entry<String, org.osgi.service.cm.Configuration> recorder : recorders.entrySet()) {
            String name = recorder.getKey();
            Path recording = recording(name);
            delete(recorder.getValue());
            waitUntil(name + " stops and finalizes " + recording, Duration.ofSeconds(15),
                    () -> WavFiles.isFinalized(recording));
            report.append(String.format(Locale.ROOT, "%n  %s: %.2f s in %s; played %.2f s in all", name,
                    audioBytes(recording) / BYTES_PER_FRAME * FRAME_MILLIS / 1000.0, recording.getFileName(),
                    played.get(name).framesPlayed() * FRAME_MILLIS / 1000.0));
        }
        return report.toString();
    }

    private static long sum(Map<String, Totals> after, Map<String, Totals> before,
            java.util.function.ToLongFunction<Totals> counter) {
        long total = 0;
        for (Totals totals : after.values()) {
            Totals base = before.get(totals.name());
            total += counter.applyAsLong(totals) - (base == null ? 0 : counter.applyAsLong(base));
        }
        return total;
    }

    private static String table(List<Cost> costs) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "Hot swap with %d listeners, %d ms frames, jitter buffer %d ms (gaps: longest silence; wire late: "
                        + "the most a packet came after its slot; at the listeners polled every %d ms)%n", LISTENERS,
                FRAME_MILLIS, BUFFER_MILLIS, ListenerWatch.PERIOD_NANOS / 1_000_000));
        table.append(String.format(Locale.ROOT, "%-30s %8s %9s %9s %7s %10s %10s %6s %5s %9s %10s %s%n", "swap",
                "call ms", "wire gap", "wire late", "markers", "recv gap", "play stall", "lost", "late", "concealed",
                "flowing ms", "within buffer"));
        for (Cost cost : costs) {
            table.append(String.format(Locale.ROOT,
                    "%-30s %8.1f %9.1f %9.1f %7d %10.1f %10.1f %6d %5d %9d %10.1f %s%n", cost.swap(),
                    cost.callMillis(), cost.wireGapMillis(), cost.wireLateMillis(), cost.markers(),
                    cost.receiveGapMillis(), cost.playStallMillis(), cost.lost(), cost.late(), cost.concealed(),
                    cost.recoveredMillis(), cost.wireLateMillis() <= BUFFER_MILLIS + FRAME_MILLIS ? "yes" : "no"));
        }
        return table.toString();
    }

    private static String csv(List<Cost> costs) {
        return "swap,call_ms,wire_gap_ms,wire_late_ms,markers,receive_gap_ms,slowest_listener,play_stall_ms,lost,late,"
                + "concealed,flowing_ms\n" + costs.stream().map(cost -> String.format(Locale.ROOT,
                        "%s,%.1f,%.1f,%.1f,%d,%.1f,%s,%.1f,%d,%d,%d,%.1f", cost.swap(), cost.callMillis(),
                        cost.wireGapMillis(), cost.wireLateMillis(), cost.markers(), cost.receiveGapMillis(),
                        cost.slowestListener(), cost.playStallMillis(), cost.lost(), cost.late(), cost.concealed(), cost.recoveredMillis()))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String hex(long ssrc) {
        return String.format("0x%08x", ssrc);
    }
}
