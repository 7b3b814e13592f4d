package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.liveaudio.api.stream.LatencyStats;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamControl;
import org.liveaudio.api.stream.StreamStatus;
import org.liveaudio.api.stream.SyncStats;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Capture-to-sink latency of the default settings (5 ms frames, 30 ms playout delay) and of the low-latency
 * profile (2.5 ms frames, 8 ms playout delay): one listener plays the melody for a window, and its latency meter
 * gives the time from each frame's capture on the sender's clock to its hand-over to the sink. Reported: p50, p99
 * and max, and the frames lost, concealed, dropped late and underrun in the window. Asserted: no packet is lost on
 * loopback and every frame is measured; the figures themselves are the benchmark's, not the test's.
 *
 * <p>System property {@value #SECONDS} (default 5; the {@code bench} profile 60): the window of each profile.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LatencyProfilesIT extends StreamingTestSupport {
    static final String SECONDS = "liveaudio.bench.latencySeconds";
    private static final String LISTENER = "latency";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofSeconds(1);

    /** A sender configuration and what it is called in the report. */
    private record Profile(String name, String frameMillis, String playoutDelayMillis) {
    }

    private static final List<Profile> PROFILES = List.of(new Profile("default", "5", "32.5"),
            new Profile("low latency", "2.5", "8.75"));

    @Configuration
    public Option[] config() {
        return config("LatencyProfilesIT");
    }

    @Test
    public void captureToSinkLatencyOfTheDefaultAndTheLowLatencyProfile() throws Exception {
        double seconds = Double.parseDouble(System.getProperty(SECONDS, "5"));
        Map<String, Object> endpoint = randomLoopbackEndpoint();
        addListener(LISTENER, merge(endpoint, Map.of("sink", "null")));
        ListenerControl listener = awaitListener(LISTENER);

        List<String> lines = new ArrayList<>();
        StringBuilder table = new StringBuilder("# Capture-to-sink latency\n\n| profile | frames | playout delay | "
                + "window | p50 | p99 | max | lost | concealed | late drops | underruns | sender frames late |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Profile profile : PROFILES) {
            configureSender(merge(endpoint, Map.of("source", "melody", "frameMillis", profile.frameMillis(),
                    "playoutDelayMillis", profile.playoutDelayMillis())));
            StreamControl sender = awaitSender();
            long frameMicros = Math.round(Double.parseDouble(profile.frameMillis()) * 1000);
            double delayMillis = Double.parseDouble(profile.playoutDelayMillis());
            // The listener must have taken this profile's stream (its SSRC, in step at its playout delay) and
            // measured it: the latency figures of the stream before would otherwise stand in for this one's.
            waitUntil("the listener plays the " + profile.name() + " stream (" + profile.frameMillis() + " ms frames) "
                    + "in step at " + profile.playoutDelayMillis() + " ms", TIMEOUT, () -> {
                        StreamStatus status = sender.status();
                        SyncStats sync = listener.sync();
                        return status.frameMicros() == frameMicros && listener.stats().ssrc() == status.ssrc()
                                && sync.inStep() && Math.abs(sync.playoutDelayMillis() - delayMillis) < 1e-3
                                && listener.latency().samples() > 0;
                    });
            long ssrc = sender.status().ssrc();
            Thread.sleep(SETTLE.toMillis());
            ListenerStats before = listener.stats();
            SenderStats sentBefore = sender.stats();
            Thread.sleep(Math.round(seconds * 1000));
            ListenerStats after = listener.stats();
            LatencyStats latency = listener.latency();
            long lost = after.lost() - before.lost();
            long concealed = after.concealedFrames() - before.concealedFrames();
            long late = after.late() - before.late();
            long underruns = after.underruns() - before.underruns();
            long senderLate = sender.stats().framesLate() - sentBefore.framesLate();
            lines.add(String.format("%s (%s ms frames, %s ms delay): capture to sink p50 %.2f ms, p99 %.2f ms, max "
                    + "%.2f ms over %.0f s; lost %d, concealed %d, late %d, underruns %d; sender frames late %d",
                    profile.name(), profile.frameMillis(), profile.playoutDelayMillis(), latency.playoutP50Millis(),
                    latency.playoutP99Millis(), latency.playoutMaxMillis(), seconds, lost, concealed, late, underruns,
                    senderLate));
            table.append(String.format("| %s | %s ms | %s ms | %.0f s | %.2f ms | %.2f ms | %.2f ms | %d | %d | %d | "
                    + "%d | %d |%n", profile.name(), profile.frameMillis(), profile.playoutDelayMillis(), seconds,
                    latency.playoutP50Millis(), latency.playoutP99Millis(), latency.playoutMaxMillis(), lost,
                    concealed, late, underruns, senderLate));
            assertEquals(profile.name() + ": the stream measured is the profile's", ssrc, after.ssrc());
            assertEquals(profile.name() + ": packets lost on loopback", 0, lost);
            assertTrue(profile.name() + ": latency measured", latency.playoutP99Millis() > 0);
        }
        lines.forEach(line -> System.out.println("LatencyProfilesIT: " + line));
        Path reports = targetDir().resolve("reports");
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("latency-profiles.md"), table.toString());
    }
}
