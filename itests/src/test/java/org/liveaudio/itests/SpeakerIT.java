package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.Test;

/**
 * The speaker sink plays into a sound card that keeps its own time: a listener process of the distribution, as a
 * user starts it, with {@code sink=speaker}, on a {@link VirtualSoundCard} (a PulseAudio null sink reached through
 * ALSA's default device, which is what Java Sound opens). A file streamed to it on loopback is recorded from the
 * card's monitor meanwhile, and what the card played is compared with the file a tenth of a second at a time: each
 * is there (but where the machine stalled), at a steady delay (the device's queue stayed at its depth), and the
 * listener counted no underrun in its steady state where the stream kept time (a second listener process, with
 * {@code sink=null}, tells) and shows the device's drift. Its CPU, and that of the listener with {@code sink=null},
 * go to the output and to {@code target/reports/speaker.md}. Skipped, with the reason, where PulseAudio or ALSA's
 * plugin for it is missing ({@code .ci/run} installs them) or the daemon does not start.
 */
public class SpeakerIT {
    private static final int SAMPLE_RATE = 48_000;
    private static final int CHANNELS = 2;
    private static final int SOURCE_SECONDS = 14;
    /**
     * Past the drift control's learning of the device's depth (0.6 s), and past the first seconds of the two JVMs,
     * which a busy machine stalls for tens of milliseconds now and then while they compile (frames late, underruns).
     */
    private static final int FIRST_COMPARED_SECOND = 5;
    /** The stretch compared ends a second before the file does, clear of the stream's end. */
    private static final int COMPARED_UNTIL_SECOND = SOURCE_SECONDS - 1;
    /**
     * The stretches compared one by one. Short, for the delay is found for each: the listener resamples every frame
     * to the device's clock at a ratio that its drift control moves around 1 by up to a few hundred ppm, steered by
     * a queue the device reports in 20 ms steps, so the delay wanders by a fraction of a millisecond over seconds,
     * which turns a chirp's kilohertz out of phase across a second but not across a tenth of one.
     */
    private static final int WINDOW_SAMPLES = SAMPLE_RATE / 10;
    /**
     * How far from the first compared second's delay each stretch is looked for, so that it is heard at a steady
     * delay: 50 ms either way, the drift control's own bound before it takes the queue to have been interrupted.
     * The delay wanders by up to some 20 ms over the seconds compared (see the README: the drift control chases the
     * device's 20 ms steps, at up to 1 ms a second), where writes that piled up in the device, or a device stopped
     * for a while, moved it by hundreds.
     */
    private static final int SEARCH_MARGIN_SAMPLES = SAMPLE_RATE * 50 / 1000;
    /** From the stream's start to the first reading of the listener's counters: its steady state from there. */
    private static final long SETTLE_MILLIS = FIRST_COMPARED_SECOND * 1000L;
    private static final long MEASURE_MILLIS = 7_000;
    /**
     * What each stretch of the recording must correlate with the source's at least. L16 through the resampler at a
     * ratio next to 1, into a null sink at full volume, keeps it near 1; a stretch a tenth of which is missing or
     * concealed falls to about 0.9 and below, another stretch of the source or silence to near 0.
     */
    private static final double MIN_CORRELATION = 0.9;
    /**
     * The share of stretches that must be found alike. Not all: on two cores shared with builds, a stall of the
     * listener or of the sound server longer than the device's buffer makes the device run dry, and the stretch it
     * falls in is heard with a gap (with the writes blocking, as before the speaker sink had a thread of its own,
     * nearly none is).
     */
    private static final double MIN_SHARE_PLAYED = 0.9;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHELL_TIMEOUT = Duration.ofSeconds(15);
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));

    /**
     * The listeners' tables at the start and the end of the steady state, and their CPU in between, in ms a second:
     * the speaker's, and the one with {@code sink=null}.
     */
    private record SteadyState(String statsBefore, String statsAfter, String sync, double cpuMillisPerSecond,
            String nullSinkBefore, String nullSinkAfter, double nullSinkCpu) {
        long underruns() {
            return counted(statsBefore, statsAfter, "underruns");
        }

        long nullSinkUnderruns() {
            return counted(nullSinkBefore, nullSinkAfter, "underruns");
        }

        private static long counted(String before, String after, String column) {
            return Long.parseLong(ShellTable.cell(after, column)) - Long.parseLong(ShellTable.cell(before, column));
        }
    }

    @Test
    public void aFileStreamedToASpeakerListenerIsPlayedByTheCardWithoutUnderrun() throws Exception {
        String unavailable = Distribution.unavailable();
        assumeTrue(unavailable, unavailable == null);
        unavailable = VirtualSoundCard.unavailable();
        assumeTrue(unavailable, unavailable == null);
        Path folder = Files.createTempDirectory(TARGET, "speaker-");
        Path daemonLog = folder.resolve("pulseaudio.log");
        VirtualSoundCard card = VirtualSoundCard.start(daemonLog);
        assumeTrue("the PulseAudio daemon did not start: see " + daemonLog, card != null);

        short[] source = TestSignal.chirps(SOURCE_SECONDS * SAMPLE_RATE, SAMPLE_RATE);
        Path sourceFile = folder.resolve("source.wav");
        WavFiles.write(sourceFile, source, SAMPLE_RATE, CHANNELS);
        Path recorded = folder.resolve("card-monitor.raw");
        Path recorderLog = folder.resolve("parec.log");
        SteadyState steady;
        try (card; Distribution distribution = Distribution.copyTo(folder.resolve("liveaudio"))) {
            Map<String, String> stream = new HashMap<>();
            StreamingTestSupport.randomLoopbackEndpoint().forEach((key, value) -> stream.put(key, value.toString()));
            distribution.configure("sender/org.liveaudio.sender.cfg", with(stream, Map.of("source", "file",
                    "file", sourceFile.toString(), "loop", "false")));
            distribution.configure("listener/org.liveaudio.listener-1.cfg", with(stream, Map.of("sink", "speaker")));
            DistributionProcess listener = distribution.start("listener", card.environment());
            listener.awaitLog("listener 1: playing to speaker", 1, START_TIMEOUT);
            DistributionProcess nullSink = startNullSinkListener(distribution);

            try (VirtualSoundCard.Recording recording = card.record(recorded, recorderLog)) {
                distribution.start("sender");
                listener.awaitLog("playing stream ssrc", 1, START_TIMEOUT);
                steady = measureSteadyState(listener, nullSink);
                // The sender goes on with silence after the file's end: a second past it, the card has played it all.
                Thread.sleep((SOURCE_SECONDS + 1) * 1000L - SETTLE_MILLIS - MEASURE_MILLIS);
                assertTrue("parec recorded to the end: see " + recorderLog, recording.running());
            }
            assertTrue("the listener ends on stop 0", listener.stop());
        }

        short[] recording = readRaw(recorded);
        Correlation.Match firstSecond = Correlation.best(source, recording, CHANNELS,
                FIRST_COMPARED_SECOND * SAMPLE_RATE, SAMPLE_RATE);
        List<Correlation.Match> stretches = compareStretches(source, recording, firstSecond.delay());
        String drift = ShellTable.cell(steady.sync(), "sink drift ppm");
        List<String> missed = missed(stretches);
        report(firstSecond, stretches, missed.size(), drift, steady);
        assertTrue("the listener plays to the card: " + steady.statsBefore(),
                ShellTable.cell(steady.statsBefore(), "sink").startsWith("speaker"));
        // Underruns are the stream's: frames missing at their instants because a busy machine stalled the sender or a
        // listener's reception. What the card must not add is underruns where the stream kept time for the listener
        // without one.
        if (steady.nullSinkUnderruns() == 0) {
            assertEquals("underruns in the steady state, from\n" + steady.statsBefore() + "to\n"
                    + steady.statsAfter() + "where the listener with sink=null had none", 0, steady.underruns());
        } else {
            System.out.println("SpeakerIT: the stream itself underran in the steady state ("
                    + steady.nullSinkUnderruns() + " at the listener with sink=null, " + steady.underruns()
                    + " at the speaker's): not asserted");
        }
        // A figure only: the card's clock is this machine's, so any value is the estimate's error, which chasing the
        // device's 20 ms steps makes anything up to the drift control's clamp (see the README).
        assertTrue("listener:sync shows the device's drift:\n" + steady.sync(), drift.matches("[+-]\\d+\\.\\d"));
        assertTrue(String.format(Locale.ROOT, "at least %.0f %% of the stretches correlate above %s within %d ms of "
                + "the delay of second %d, %s; not so: %s (%s)", 100 * MIN_SHARE_PLAYED, MIN_CORRELATION,
                SEARCH_MARGIN_SAMPLES * 1000 / SAMPLE_RATE, FIRST_COMPARED_SECOND, describe(firstSecond), missed,
                recorded),
                missed.size() <= (1 - MIN_SHARE_PLAYED) * stretches.size());
    }

    /** The stretches not found alike, each with where it starts in the source. */
    private static List<String> missed(List<Correlation.Match> stretches) {
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < stretches.size(); i++) {
            Correlation.Match stretch = stretches.get(i);
            if (stretch.correlation() <= MIN_CORRELATION) {
                missed.add(String.format(Locale.ROOT, "%.1f s: %s", (FIRST_COMPARED_SECOND * SAMPLE_RATE
                        + i * WINDOW_SAMPLES) / (double) SAMPLE_RATE, describe(stretch)));
            }
        }
        return missed;
    }

    /**
     * A second listener process on the same stream with {@code sink=null}, from a configuration folder of its own:
     * what the stream does without a device, and what a listener costs without one. Started, and answering its
     * shell, before the stream starts, so that its own start does not load the seconds measured.
     */
    private static DistributionProcess startNullSinkListener(Distribution distribution)
            throws IOException, InterruptedException {
        Path folder = Files.createDirectories(distribution.home().resolve("config").resolve("null-sink"));
        Files.copy(distribution.home().resolve("config/listener/org.liveaudio.listener-1.cfg"),
                folder.resolve("org.liveaudio.listener-control.cfg"));
        distribution.configure("null-sink/org.liveaudio.listener-control.cfg",
                Map.of("name", "control", "sink", "null"));
        DistributionProcess nullSink = distribution.start("listener",
                "-Dfelix.fileinstall.dir=deploy,config/null-sink");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!nullSink.output("listener:stats", SHELL_TIMEOUT).contains(" null")) {
            assertTrue("the listener with sink=null started within " + START_TIMEOUT.toSeconds() + " s",
                    System.nanoTime() - deadline < 0);
            Thread.sleep(100);
        }
        return nullSink;
    }

    /**
     * Reads both listeners' counters once they have played a while, and again after {@link #MEASURE_MILLIS}, with
     * their processes' CPU time at both ends.
     */
    private static SteadyState measureSteadyState(DistributionProcess listener, DistributionProcess nullSink)
            throws IOException, InterruptedException {
        Thread.sleep(SETTLE_MILLIS);
        long cpuBefore = ProcessCpu.cpuNanos(listener.pid());
        long nullSinkCpuBefore = ProcessCpu.cpuNanos(nullSink.pid());
        long before = System.nanoTime();
        String statsBefore = listener.output("listener:stats", SHELL_TIMEOUT);
        String nullSinkBefore = nullSink.output("listener:stats", SHELL_TIMEOUT);
        Thread.sleep(MEASURE_MILLIS);
        String statsAfter = listener.output("listener:stats", SHELL_TIMEOUT);
        String nullSinkAfter = nullSink.output("listener:stats", SHELL_TIMEOUT);
        long cpuAfter = ProcessCpu.cpuNanos(listener.pid());
        long nullSinkCpuAfter = ProcessCpu.cpuNanos(nullSink.pid());
        double seconds = (System.nanoTime() - before) / 1e9;
        String sync = listener.output("listener:sync", SHELL_TIMEOUT);
        return new SteadyState(statsBefore, statsAfter, sync, (cpuAfter - cpuBefore) / 1e6 / seconds, nullSinkBefore,
                nullSinkAfter, (nullSinkCpuAfter - nullSinkCpuBefore) / 1e6 / seconds);
    }

    /**
     * Where each stretch of the compared seconds lies in the recording, and how alike it is there: looked for within
     * {@link #SEARCH_MARGIN_SAMPLES} of {@code delay}, so that a wrong match elsewhere cannot pass.
     */
    private static List<Correlation.Match> compareStretches(short[] source, short[] recording, int delay) {
        List<Correlation.Match> stretches = new ArrayList<>();
        for (int start = FIRST_COMPARED_SECOND * SAMPLE_RATE; start + WINDOW_SAMPLES <= COMPARED_UNTIL_SECOND
                * SAMPLE_RATE; start += WINDOW_SAMPLES) {
            int from = Math.max(0, start + delay - SEARCH_MARGIN_SAMPLES);
            int to = Math.min(recording.length / CHANNELS, start + delay + WINDOW_SAMPLES + SEARCH_MARGIN_SAMPLES);
            short[] around = Arrays.copyOfRange(recording, from * CHANNELS, Math.max(from, to) * CHANNELS);
            if (around.length / CHANNELS < WINDOW_SAMPLES) {
                stretches.add(new Correlation.Match(0, delay));
                continue;
            }
            Correlation.Match match = Correlation.best(source, around, CHANNELS, start, WINDOW_SAMPLES);
            stretches.add(new Correlation.Match(match.correlation(), match.delay() + from));
        }
        return stretches;
    }

    /** parec's raw recording: signed 16-bit little-endian, interleaved. */
    private static short[] readRaw(Path raw) throws IOException {
        byte[] bytes = Files.readAllBytes(raw);
        short[] values = new short[bytes.length / 2 / CHANNELS * CHANNELS];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(values);
        return values;
    }

    private static void report(Correlation.Match firstSecond, List<Correlation.Match> stretches, int missed,
            String drift, SteadyState steady) throws IOException {
        double worst = stretches.stream().mapToDouble(Correlation.Match::correlation).min().orElse(Double.NaN);
        IntSummaryStatistics delays = stretches.stream().mapToInt(Correlation.Match::delay).summaryStatistics();
        String figures = String.format(Locale.ROOT, "| %d of %d | %.4f | %.2f to %.2f ms | %.4f | %s ppm | %d / %d |"
                + " %.1f / %.1f ms/s |", missed, stretches.size(), worst, delays.getMin() * 1000.0 / SAMPLE_RATE,
                delays.getMax() * 1000.0 / SAMPLE_RATE, firstSecond.correlation(), drift, steady.underruns(),
                steady.nullSinkUnderruns(), steady.cpuMillisPerSecond(), steady.nullSinkCpu());
        System.out.println("SpeakerIT: stretches missed, worst correlation of one, their delays, correlation of second "
                + FIRST_COMPARED_SECOND + ", drift, steady-state underruns and listener CPU with sink=speaker / with"
                + " sink=null: " + figures);
        Path reports = Files.createDirectories(TARGET.resolve("reports"));
        Files.writeString(reports.resolve("speaker.md"), "# The speaker sink on a virtual sound card\n\n"
                + "The source from " + FIRST_COMPARED_SECOND + " s to " + COMPARED_UNTIL_SECOND + " s, a tenth of a"
                + " second at a time, found in what the card played (its monitor): how many were not found alike"
                + " (correlation above " + MIN_CORRELATION + ") within " + SEARCH_MARGIN_SAMPLES * 1000 / SAMPLE_RATE
                + " ms of the delay of second " + FIRST_COMPARED_SECOND + ", the worst normalized correlation, the"
                + " range of delays (recording minus source; the recorder started before the stream); the correlation"
                + " of second " + FIRST_COMPARED_SECOND + " as a whole. The drift from `listener:sync`;"
                + " the underruns `listener:stats` counted in the " + MEASURE_MILLIS / 1000 + " s of the steady state,"
                + " and the listener process's CPU over them (`/proc/PID/stat`, user + system), with `sink=speaker`"
                + " / at a listener process with `sink=null` on the same stream.\n\n"
                + "| missed | worst correlation | delays | one second's correlation | drift | underruns |"
                + " listener CPU |\n|---:|---:|---:|---:|---:|---:|---:|\n" + figures + "\n");
    }

    private static String describe(Correlation.Match match) {
        return String.format(Locale.ROOT, "%.4f at %.2f ms", match.correlation(), match.delayMillis(SAMPLE_RATE));
    }

    private static Map<String, String> with(Map<String, String> common, Map<String, String> own) {
        Map<String, String> all = new HashMap<>(common);
        all.putAll(own);
        return all;
    }
}
