package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * {@code profile=aes67} end to end: the sender announces L24/48000/2 in 1 ms packets with RFC 7273's clock lines,
 * and a listener tuned by the stream's name records it sample for sample (what plays is the source unchanged;
 * on a loaded machine a stall may cost a few of the 1 ms packets): the distribution's own processes on loopback.
 */
public class Aes67ProfileIT {
    private static final int RATE = 48_000;
    private static final int SECONDS = 3;
    /** 10 ms of stereo: shorter matches could be chance. */
    private static final int MIN_RUN_VALUES = 960;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHELL = Duration.ofSeconds(20);
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));

    @Test
    public void anAes67StreamIsAnnouncedAndPlayedByNameSampleForSample() throws Exception {
        String unavailable = Distribution.unavailable();
        assumeTrue(unavailable, unavailable == null);
        Path folder = Files.createTempDirectory(TARGET, "aes67-");
        short[] source = TestSignal.chirps(RATE * SECONDS, RATE);
        Path sourceFile = folder.resolve("source.wav");
        WavFiles.write(sourceFile, source, RATE, 2);
        try (Distribution distribution = Distribution.copyTo(folder.resolve("liveaudio"))) {
            // The shipped file says codec=L16: the profile's key, taken out, so that the profile decides.
            Path senderFile = distribution.home().resolve("config/sender/org.liveaudio.sender.cfg");
            Files.write(senderFile, Files.readAllLines(senderFile).stream()
                    .filter(line -> !line.startsWith("codec=")).toList());
            distribution.configure("sender/org.liveaudio.sender.cfg", Map.of("group", "239.255.0.88", "port",
                    "5084", "profile", "aes67", "name", "Stage", "source", "file", "file", sourceFile.toString(),
                    "loop", "false", "playoutDelayMillis", "100"));
            distribution.configure("listener/org.liveaudio.listener-1.cfg", Map.of("stream", "Stage", "sink",
                    "wav", "file", "recordings/stage.wav"));
            DistributionProcess listener = distribution.start("listener");
            // The SAP browser listens (a log line of the framework's start may be lost to the log bundle's refresh).
            listener.awaitOutput("listener:streams", "no SAP announcements heard on lo", TIMEOUT);
            DistributionProcess sender = distribution.start("sender");
            listener.awaitLog("tuned to stream \"Stage\" announced by 127.0.0.1: 239.255.0.88:5084 L24/48000/2 PT 96",
                    1, TIMEOUT);
            String sdp = sender.output("stream:sdp", SHELL);
            for (String line : new String[] {"a=rtpmap:96 L24/48000/2", "a=ptime:1", "a=ts-refclk:local",
                "a=mediaclk:sender"}) {
                assertTrue(sdp, sdp.contains(line));
            }
            Thread.sleep((SECONDS + 1) * 1000L);
            assertTrue("the sender ends on stop 0", sender.stop());
            assertTrue("the listener ends on stop 0", listener.stop());

            // 1000 packets a second on a machine as busy as a shared CI box: a stall may cost a few of them, so
            // the test asserts that what played is the source unchanged and in order, and nearly all of it.
            List<ExactRuns.Run> runs = ExactRuns.runs(source, WavFiles.read(
                    distribution.home().resolve("recordings/stage.wav"), RATE, 2), MIN_RUN_VALUES);
            String found = "stretches of the recording equal to the source: " + runs + " (source " + source.length
                    + " values)";
            assertFalse(found, runs.isEmpty());
            int from = runs.get(0).sourceStart();
            assertTrue(found, from < RATE * 2);
            int covered = 0;
            for (int i = 0; i < runs.size(); i++) {
                covered += runs.get(i).length();
                assertTrue("in order: " + found, i == 0 || runs.get(i).sourceStart() > runs.get(i - 1).sourceStart());
            }
            assertTrue(found, covered >= (source.length - from) * 9L / 10);
            assertEquals(found, source.length, runs.get(runs.size() - 1).sourceStart()
                    + runs.get(runs.size() - 1).length());
        }
    }
}
