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
import org.junit.Before;
import org.junit.Test;

/**
 * {@code source=rtp}: ffmpeg sends a file as RTP (L16, described by the SDP file it writes), our sender relays it
 * to its own group, and two of our listeners record it: each recording holds ffmpeg's source unchanged and in
 * order; the same with the stream found by its SAP name ({@code stream=NAME}) as ffmpeg announces it. ffmpeg and
 * our processes run in a network namespace of the test's own with only loopback, for the relay
 * joins ffmpeg's group on the interface the system routes it to.
 */
public class RtpRelayIT {
    private static final int RATE = 48_000;
    private static final int SECONDS = 5;
    /** 10 ms of stereo: shorter matches could be chance. */
    private static final int MIN_RUN_VALUES = 960;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));

    private Path folder;
    private short[] source;
    private Path sourceFile;

    @Before
    public void source() throws Exception {
        NetworkNamespace.assumeDistributionRunsInOne();
        folder = Files.createTempDirectory(TARGET, "rtp-relay-");
        String noFfmpeg = Ffmpeg.unavailable(folder);
        assumeTrue(noFfmpeg, noFfmpeg == null);
        sourceFile = folder.resolve("source.wav");
        source = TestSignal.chirpsFile(sourceFile, RATE, SECONDS);
    }

    @Test
    public void ourSenderRelaysFfmpegsStreamToTwoListenersUnchanged() throws Exception {
        Path sdp = folder.resolve("ffmpeg.sdp");
        List<String> send = List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-re", "-i",
                sourceFile.toString(), "-c:a", "pcm_s16be", "-payload_type", "96", "-sdp_file", sdp.toString(),
                "-f", "rtp", "rtp://239.255.0.90:5090?ttl=1");

        try (NetworkNamespace namespace = NetworkNamespace.create("la-relay");
                Distribution distribution = Distribution.copyTo(folder.resolve("liveaudio"))) {
            // ffmpeg's SDP first (a moment of the stream), so that the relay is listening before the file starts.
            Path probe = folder.resolve("ffmpeg-sdp.log");
            assertEquals(LogFiles.tail(probe), 0, Ffmpeg.run(concat(List.of("-t", "0.05"), send), probe, TIMEOUT,
                    namespace::exec));
            // A playout delay with room for a machine as busy as a shared CI box, where frames came late at 32.5 ms.
            distribution.configure("sender/org.liveaudio.sender.cfg", Map.of("group", "239.255.0.91", "port",
                    "5092", "source", "rtp", "file", sdp.toString(), "playoutDelayMillis", "150"));
            DistributionProcess listeners = startTwoListeners(distribution, namespace);
            DistributionProcess sender = distribution.startIn(namespace, "sender");
            sender.awaitOutput("stream:status", "rtp relay of", TIMEOUT);

            Path log = folder.resolve("ffmpeg-send.log");
            assertEquals(LogFiles.tail(log), 0, Ffmpeg.run(send, log, TIMEOUT, namespace::exec));
            Thread.sleep(1_000);
            assertTrue("the sender ends on stop 0", sender.stop());
            assertTrue("the listeners end on stop 0", listeners.stop());

            assertRelayedInOrder(distribution, RATE);
        }
    }

    @Test
    public void ourSenderRelaysAStreamFoundByItsSapName() throws Exception {
        try (NetworkNamespace namespace = NetworkNamespace.create("la-relay");
                Distribution distribution = Distribution.copyTo(folder.resolve("liveaudio"))) {
            distribution.configure("sender/org.liveaudio.sender.cfg", Map.of("group", "239.255.0.91", "port",
                    "5092", "source", "rtp", "stream", "Desk radio", "playoutDelayMillis", "150"));
            DistributionProcess listeners = startTwoListeners(distribution, namespace);
            DistributionProcess sender = distribution.startIn(namespace, "sender");
            sender.awaitOutput("stream:status", "rtp relay of \"Desk radio\": waiting for its SAP announcement",
                    TIMEOUT);
            // ffmpeg announces as it starts: the browser must be listening by then.
            sender.awaitLog("SAP: listening for announcements on lo", 1, TIMEOUT);

            Path log = folder.resolve("ffmpeg-sap.log");
            assertEquals(LogFiles.tail(log), 0, Ffmpeg.run(List.of("-nostdin", "-hide_banner", "-loglevel", "error",
                    "-re", "-i", sourceFile.toString(), "-c:a", "pcm_s16be", "-metadata", "title=Desk radio", "-f",
                    "sap", "sap://239.255.0.93:5094?ttl=1&announce_addr=239.255.255.255"), log, TIMEOUT,
                    namespace::exec));
            sender.awaitLog("rtp: relaying stream \"Desk radio\": 239.255.0.93:5094 L16/48000/2", 1, TIMEOUT);
            sender.awaitLog("rtp: stream \"Desk radio\" is no longer announced", 1, TIMEOUT);
            Thread.sleep(1_000);
            assertTrue("the sender ends on stop 0", sender.stop());
            assertTrue("the listeners end on stop 0", listeners.stop());

            // From the moment the relay heard the first announcement (ffmpeg sends before it).
            assertRelayedInOrder(distribution, RATE * 2 * 2);
        }
    }

    /** Two listeners on the sender's group, recording to {@code a.wav} and {@code b.wav}, once they listen. */
    private static DistributionProcess startTwoListeners(Distribution distribution, NetworkNamespace namespace)
            throws Exception {
        Map<String, String> listener = Map.of("group", "239.255.0.91", "port", "5092", "sink", "wav");
        distribution.configure("listener/org.liveaudio.listener-1.cfg", with(listener, "file", "recordings/a.wav"));
        Files.copy(distribution.home().resolve("config/listener/org.liveaudio.listener-1.cfg"),
                distribution.home().resolve("config/listener/org.liveaudio.listener-2.cfg"));
        distribution.configure("listener/org.liveaudio.listener-2.cfg", with(with(listener, "file",
                "recordings/b.wav"), "name", "2"));
        DistributionProcess listeners = distribution.startIn(namespace, "listener");
        listeners.awaitOutput("listener:list", "239.255.0.91:5092", TIMEOUT);
        return listeners;
    }

    /**
     * Each listener's recording holds the source in order, from at most {@code latestStart} values in, and
     * nine tenths of what follows.
     */
    private void assertRelayedInOrder(Distribution distribution, int latestStart) throws Exception {
        for (String name : List.of("a", "b")) {
            List<ExactRuns.Run> runs = ExactRuns.runs(source, WavFiles.read(
                    distribution.home().resolve("recordings/" + name + ".wav"), RATE, 2), MIN_RUN_VALUES);
            String found = "listener " + name + ": stretches equal to the source: " + runs + " (source "
                    + source.length + " values)";
            assertFalse(found, runs.isEmpty());
            int covered = 0;
            for (int i = 0; i < runs.size(); i++) {
                covered += runs.get(i).length();
                assertTrue("in order: " + found, i == 0 || runs.get(i).sourceStart() > runs.get(i - 1).sourceStart());
            }
            int start = runs.get(0).sourceStart();
            assertTrue(found, start < latestStart);
            assertTrue(found, covered >= (source.length - start) * 9L / 10);
        }
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(map);
        all.put(key, value);
        return all;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
