package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * A listener that runs before a stream starts plays it from its first frame, also when the sender is a JVM of
 * its own just started (cold, with the transport's bundle refreshed under it as the framework starts), and
 * again when that sender stops and another run of it starts a new session: the distribution's own processes,
 * as a user starts them, on loopback. The source is a file whose frames number themselves
 * ({@link CountingSignal}), so the recording tells which frames played.
 */
public class FirstFrameIT {
    private static final int FRAME_SAMPLES = 240;
    /** One second of 5 ms frames. */
    private static final int FRAMES = 200;
    private static final int SENDER_RUNS = 2;
    /**
     * How many of each run's frames must play at least: more than frame 1, but not all, for a machine busy enough
     * (a build of its own on two cores) stalls a sender just started for tens of milliseconds now and then; no loss
     * on loopback at real time is WavRoundTripIT's to prove, in a JVM that is warm.
     */
    private static final int MOST_FRAMES = FRAMES / 2;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));

    @Test
    public void aListenerRunningBeforeTheStreamPlaysEachNewSessionFromItsFirstFrame() throws Exception {
        String unavailable = Distribution.unavailable();
        assumeTrue(unavailable, unavailable == null);
        Path folder = Files.createTempDirectory(TARGET, "first-frame-");
        Path source = folder.resolve("counting.wav");
        WavFiles.write(source, CountingSignal.stereo(FRAMES, FRAME_SAMPLES), 48_000, 2);
        try (Distribution distribution = Distribution.copyTo(folder.resolve("liveaudio"))) {
            Map<String, String> stream = Map.of("group", "239.255.0.77", "port", "5064", "interface", "lo");
            distribution.configure("sender/org.liveaudio.sender.cfg", with(stream, Map.of("source", "file", "file",
                    source.toString(), "loop", "false")));
            distribution.configure("listener/org.liveaudio.listener-1.cfg", with(stream, Map.of("sink", "wav",
                    "file", "recordings/1.wav")));
            DistributionProcess listener = distribution.start("listener");
            listener.awaitLog("listening on 239.255.0.77:5064", 1, START_TIMEOUT);

            for (int run = 1; run <= SENDER_RUNS; run++) {
                DistributionProcess sender = distribution.start("sender");
                listener.awaitLog("playing stream ssrc", run, START_TIMEOUT);
                Thread.sleep(FRAMES * 5 + 500);
                sender.command("stream:stats");
                listener.command("listener:stats");
                assertTrue("the sender ends on stop 0", sender.stop());
                listener.awaitLog("said BYE", run, START_TIMEOUT);
            }
            assertTrue("the listener ends on stop 0", listener.stop());

            Path recording = distribution.home().resolve("recordings/1.wav");
            assertTrue("the recording is finalized", WavFiles.isFinalized(recording));
            List<List<Integer>> runs = runsFromTheFirstFrame(WavFiles.read(recording, 48_000, 2));
            String played = "frames played, each run: " + runs.stream().map(run -> run.size() + " starting "
                    + run.subList(0, Math.min(12, run.size()))).toList() + " (logs and the shells' stats in "
                    + distribution.home() + ")";
            assertEquals(played, SENDER_RUNS, runs.size());
            for (List<Integer> run : runs) {
                assertEquals(played, 1, (int) run.get(0));
                assertTrue(played, run.size() >= MOST_FRAMES);
            }
        }
    }

    private static Map<String, String> with(Map<String, String> common, Map<String, String> own) {
        Map<String, String> all = new HashMap<>(common);
        all.putAll(own);
        return all;
    }

    /**
     * The frames each run played, in the order played: a run starts where frame 1 does, each frame counts when it
     * played whole ({@link CountingSignal} numbers a frame in all its left-channel values), silence between frames
     * is skipped.
     */
    private static List<List<Integer>> runsFromTheFirstFrame(short[] interleaved) {
        List<List<Integer>> runs = new ArrayList<>();
        int value = 0;
        int length = 0;
        for (int at = 0; at <= interleaved.length; at += 2) {
            int next = at < interleaved.length ? interleaved[at] : 0;
            if (next == value && at < interleaved.length) {
                length++;
                continue;
            }
            if (value > 0 && length == FRAME_SAMPLES) {
                if (value == 1) {
                    runs.add(new ArrayList<>());
                }
                if (!runs.isEmpty()) {
                    runs.get(runs.size() - 1).add(value);
                }
            }
            value = next;
            length = 1;
        }
        return runs;
    }
}
