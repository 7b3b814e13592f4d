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
 * is there, all at one delay (the device's queue stayed at its depth), and the listener counted no underrun in its
 * steady state and shows the device's drift. The listener's CPU with this sink goes to the output and to
 * {@code target/reports/speaker.md}. Skipped, with the reason, where PulseAudio or ALSA's plugin for it is missing
 * ({@code .ci/run} installs them) or the daemon does not start.
 */
public class SpeakerIT {
    private static final int SAMPLE_RATE = 48_000;
    private static final int CHANNELS = 2;
    private static final int SOURCE_SECONDS = 10;
    /** Past the drift control's learning of the device's depth (0.6 s) and the listener's first second. */
    private static final int FIRST_COMPARED_SECOND = 2;
    /** The stretch compared ends a second before the file does, clear of the stream's end. */
    private static final int COMPARED_UNTIL_SECOND = SOURCE_SECONDS - 1;
    /**
     * The stretches compared one by one. Short, for the delay is found for each: the listener resamples every frame
     * to the device's clock at a ratio that its drift control moves around 1 by up to a few hundred ppm, steered by
     * a queue the device reports in 20 ms steps, so the delay wanders by a fraction of a millisecond over seconds,
     * which turns a chirp's kilohertz out of phase across a second but not across a tenth of one.
     */
    private static final int WINDOW_SAMPLES = SAMPLE_RATE / 10;
    /** How far from the first second's delay each stretch is looked for: beyond a frame either way. */
    private static final int SEARCH_MARGIN_SAMPLES = SAMPLE_RATE * 20 / 1000;
    /** From the stream's start to the first reading of the listener's counters: its steady state from there. */
    private static final long SETTLE_MILLIS = FIRST_COMPARED_SECOND * 1000L;
    private static final long MEASURE_MILLIS = 5_000;
    /**
     * What each stretch of the recording must correlate with the source's at least. L16 through the resampler at a
     * ratio next to 1, into a null sink at full volume, keeps it near 1; a stretch a tenth of which is missing or
     * concealed falls to about 0.9 and below, another stretch of the source or silence to near 0.
     */
    private static final double MIN_CORRELATION = 0.9;
    /**
     * How far the delay of one stretch may be from another's: a frame. The listener writes each frame at its
     * instant and steers the device's queue to a steady depth, so the delay moves by a fraction of a frame; a device
     * that let writes pile up, stopped for a while or dropped what came behind its play position moves it by tens of
     * milliseconds.
     */
    private static final int MAX_DELAY_SPREAD_SAMPLES = SAMPLE_RATE * 5 / 1000;
    /**
     * The card's clock is this machine's, so any drift figure is the estimate's error: 10 to 30 ppm measured here,
     * steered by a queue the device reports in 20 ms steps; twice a real crystal's error at most, where a drift
     * control that lost the queue ends at its 1000 ppm clamp (a device that blocked the writes made it read -84 to
     * -356 ppm).
     */
    private static final double MAX_DRIFT_PPM = 200;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHELL_TIMEOUT = Duration.ofSeconds(15);
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));

    /** The listener's tables at the start and the end of its steady state, and its CPU in between. */
    private record SteadyState(String statsBefore, String statsAfter, String sync, double cpuMillisPerSecond) {
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

            try (VirtualSoundCard.Recording recording = card.record(recorded, recorderLog)) {
                distribution.start("sender");
                listener.awaitLog("playing stream ssrc", 1, START_TIMEOUT);
                steady = measureSteadyState(listener);
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
        report(firstSecond, stretches, drift, steady);
        assertTrue("the listener plays to the card: " + steady.statsBefore(),
                ShellTable.cell(steady.statsBefore(), "sink").startsWith("speaker"));
        assertEquals("underruns in the steady state, from\n" + steady.statsBefore() + "to\n" + steady.statsAfter(),
                ShellTable.cell(steady.statsBefore(), "underruns"), ShellTable.cell(steady.statsAfter(), "underruns"));
        assertTrue("listener:sync shows the device's drift:\n" + steady.sync(), drift.matches("[+-]\\d+\\.\\d"));
        assertTrue("the drift estimated for a device on this machine's clock: " + drift + " ppm",
                Math.abs(Double.parseDouble(drift)) <= MAX_DRIFT_PPM);
        int earliest = Integer.MAX_VALUE;
        int latest = Integer.MIN_VALUE;
        for (int i = 0; i < stretches.size(); i++) {
            Correlation.Match stretch = stretches.get(i);
            assertTrue(String.format(Locale.ROOT, "the source from %.1f s in what the card played: %s, expected above"
                    + " %s (%s)", (FIRST_COMPARED_SECOND * SAMPLE_RATE + i * WINDOW_SAMPLES) / (double) SAMPLE_RATE,
                    describe(stretch), MIN_CORRELATION, recorded), stretch.correlation() > MIN_CORRELATION);
            earliest = Math.min(earliest, stretch.delay());
            latest = Math.max(latest, stretch.delay());
        }
        assertTrue(String.format(Locale.ROOT, "the delays of the stretches, %.2f to %.2f ms, within a frame of each "
                + "other", earliest * 1000.0 / SAMPLE_RATE, latest * 1000.0 / SAMPLE_RATE),
                latest - earliest <= MAX_DELAY_SPREAD_SAMPLES);
    }

    /**
     * Reads the listener's counters once it has played a while, and again after {@link #MEASURE_MILLIS}, with its
     * process's CPU time at both ends.
     */
    private static SteadyState measureSteadyState(DistributionProcess listener)
            throws IOException, InterruptedException {
        Thread.sleep(SETTLE_MILLIS);
        long cpuBefore = ProcessCpu.cpuNanos(listener.pid());
        long before = System.nanoTime();
        String statsBefore = listener.output("listener:stats", SHELL_TIMEOUT);
        Thread.sleep(MEASURE_MILLIS);
        String statsAfter = listener.output("listener:stats", SHELL_TIMEOUT);
        long cpuAfter = ProcessCpu.cpuNanos(listener.pid());
        long after = System.nanoTime();
        String sync = listener.output("listener:sync", SHELL_TIMEOUT);
        return new SteadyState(statsBefore, statsAfter, sync, (cpuAfter - cpuBefore) / 1e6 / ((after - before) / 1e9));
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

    private static void report(Correlation.Match firstSecond, List<Correlation.Match> stretches, String drift,
            SteadyState steady) throws IOException {
        double worst = stretches.stream().mapToDouble(Correlation.Match::correlation).min().orElse(Double.NaN);
        IntSummaryStatistics delays = stretches.stream().mapToInt(Correlation.Match::delay).summaryStatistics();
        String figures = String.format(Locale.ROOT, "| %.4f | %.2f to %.2f ms | %.4f | %s ppm | %s | %.1f ms/s |",
                worst, delays.getMin() * 1000.0 / SAMPLE_RATE, delays.getMax() * 1000.0 / SAMPLE_RATE,
                firstSecond.correlation(), drift, ShellTable.cell(steady.statsAfter(), "underruns"),
                steady.cpuMillisPerSecond());
        System.out.println("SpeakerIT: worst correlation of a tenth of a second, its delays, correlation of second "
                + FIRST_COMPARED_SECOND + ", drift, underruns, listener CPU: " + figures);
        Path reports = Files.createDirectories(TARGET.resolve("reports"));
        Files.writeString(reports.resolve("speaker.md"), "# The speaker sink on a virtual sound card\n\n"
                + "The source from " + FIRST_COMPARED_SECOND + " s to " + COMPARED_UNTIL_SECOND + " s, a tenth of a"
                + " second at a time, found in what the card played (its monitor): the worst normalized correlation,"
                + " and the range of delays (recording minus source; the recorder started before the stream); the"
                + " correlation of second " + FIRST_COMPARED_SECOND + " as a whole. The drift from `listener:sync`;"
                + " the underruns from `listener:stats` at the end of the steady state; the listener process's CPU"
                + " over " + MEASURE_MILLIS / 1000 + " s of it (`/proc/PID/stat`, user + system).\n\n"
                + "| worst correlation | delays | one second's correlation | drift | underruns | listener CPU |\n"
                + "|---:|---:|---:|---:|---:|---:|\n" + figures + "\n");
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
