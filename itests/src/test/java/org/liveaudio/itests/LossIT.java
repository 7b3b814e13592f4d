package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.liveaudio.api.audio.AudioSink;
import org.liveaudio.api.net.StreamTransport;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * Loss is concealed and never shifts the audio. A listener plays a stream whose packets a {@link LossyTransport}
 * drops at random, 1 %, 5 % and 10 % in turn, then in one burst of {@value #BURST_MILLIS} ms. Reported: per loss
 * rate the packets lost and the frames concealed; and how far the instants the sink is handed the frames moved
 * against the frames' own times from before the burst to after it. Asserted: every lost frame is accounted for
 * (lost packets show in the listener's counts) and the burst shifts nothing by as much as a frame.
 *
 * <p>System property {@value #SECONDS} (default 3; the {@code bench} profile 20): how long each rate runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LossIT extends StreamingTestSupport {
    static final String SECONDS = "liveaudio.bench.lossSeconds";
    private static final int SAMPLE_RATE = 48_000;
    private static final int FRAME_SAMPLES = SAMPLE_RATE * 5 / 1000;
    private static final long PERIOD_NANOS = 5_000_000L;
    private static final int BURST_MILLIS = 60;
    private static final double[] RATES = {0.01, 0.05, 0.10};
    private static final String LISTENER = "lossy";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Configuration
    public Option[] config() {
        return config("LossIT");
    }

    @Test
    public void lossIsConcealedAndABurstLeavesThePlayoutWhereItWas() throws Exception {
        double seconds = Double.parseDouble(System.getProperty(SECONDS, "3"));
        Path folder = targetDir().resolve("LossIT");
        Files.createDirectories(folder);
        Path source = folder.resolve("counting.wav");
        int frames = (int) Math.min(CountingSignal.MAX_FRAMES,
                (RATES.length * (seconds + 1) + 12) * SAMPLE_RATE / FRAME_SAMPLES);
        WavFiles.write(source, CountingSignal.stereo(frames, FRAME_SAMPLES), SAMPLE_RATE, 2);

        LossyTransport lossy = new LossyTransport(awaitService(StreamTransport.class, null));
        HandOverProbe probe = new HandOverProbe();
        ServiceRegistration<StreamTransport> transport = LossyTransport.register(context, lossy);
        ServiceRegistration<AudioSink> sink = HandOverProbe.register(context, probe);
        try {
            Map<String, Object> endpoint = randomLoopbackEndpoint();
            addListener(LISTENER, merge(endpoint, Map.of("sink", "null")));
            ListenerControl listener = awaitListener(LISTENER);
            configureSender(merge(endpoint, Map.of("source", "file", "file", source.toString(), "loop", "false")));
            awaitSender();
            waitUntil("the listener plays", TIMEOUT, () -> probe.handOvers(LISTENER).count() > 200);

            List<String> lines = new ArrayList<>();
            StringBuilder table = new StringBuilder("# Loss concealment\n\n| random loss | packets | lost | "
                    + "concealed frames | late drops | underruns |\n|---:|---:|---:|---:|---:|---:|\n");
            for (double rate : RATES) {
                ListenerStats before = listener.stats();
                lossy.lose(LossyTransport.randomly(rate, 20_241_124L));
                Thread.sleep(Math.round(seconds * 1000));
                lossy.loseNone();
                Thread.sleep(200);
                ListenerStats after = listener.stats();
                long lost = after.lost() - before.lost();
                long packets = after.received() - before.received() + lost;
                long concealed = after.concealedFrames() - before.concealedFrames();
                long passedOver = after.passedOver() - before.passedOver();
                lines.add(String.format("%.0f %% loss: %d packets, %d lost (%.2f %%), %d frames concealed, %d passed "
                        + "over, %d late, %d underruns", rate * 100, packets, lost, 100.0 * lost / packets, concealed,
                        passedOver, after.late() - before.late(), after.underruns() - before.underruns()));
                table.append(String.format("| %.0f %% | %d | %d | %d | %d | %d |%n", rate * 100, packets, lost,
                        concealed, after.late() - before.late(), after.underruns() - before.underruns()));
                assertTrue(lines.get(lines.size() - 1), lost > 0);
                // L16 carries no redundancy: every lost frame is concealed, or passed over after a stall.
                assertEquals(lines.get(lines.size() - 1), lost, concealed + passedOver);
            }

            long burstAt = System.nanoTime();
            lossy.lose(sequence -> true);
            Thread.sleep(BURST_MILLIS);
            lossy.loseNone();
            Thread.sleep(2_000);
            double shiftMicros = shiftMicros(probe.handOvers(LISTENER), burstAt);
            lines.add(String.format("a burst of %d ms: the hand-overs moved %.1f us against the frames' times",
                    BURST_MILLIS, shiftMicros));
            table.append(String.format("%nA burst of %d ms lost: afterwards the sink is handed each frame %.1f us "
                    + "from where it was before (median of 1 s either side).%n", BURST_MILLIS, shiftMicros));
            lines.forEach(line -> System.out.println("LossIT: " + line));
            Path reports = targetDir().resolve("reports");
            Files.createDirectories(reports);
            Files.writeString(reports.resolve("loss.md"), table.toString());

            assertTrue("shifted by " + shiftMicros + " us", Math.abs(shiftMicros) < PERIOD_NANOS / 1e3);
            assertEquals(0, listener.stats().malformed());
        } finally {
            sink.unregister();
            transport.unregister();
        }
    }

    /**
     * How far the hand-over instants moved against the frames' own times: the median of (instant minus frame
     * number times the period) over the second after the burst, minus that over the second before it.
     */
    private static double shiftMicros(HandOverProbe.HandOvers handOvers, long burstAt) {
        List<Long> before = new ArrayList<>();
        List<Long> after = new ArrayList<>();
        for (int i = 0; i < handOvers.count(); i++) {
            long at = handOvers.nanos()[i];
            long phase = at - handOvers.frames()[i] * PERIOD_NANOS;
            if (at < burstAt && burstAt - at < 1_000_000_000L) {
                before.add(phase);
            } else if (at - burstAt > 1_000_000_000L && at - burstAt < 2_000_000_000L) {
                after.add(phase);
            }
        }
        return (median(after) - median(before)) / 1e3;
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }
}
