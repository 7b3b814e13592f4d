package org.liveaudio.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

/**
 * A listener tuned by name ({@code stream=Kitchen}, no group or port of its own that matches) waits for the
 * announcement, plays the stream our sender announces by SAP, lists it in {@code listener:streams}, and follows the
 * stream when the sender moves it to another group and port: the distribution's own processes on loopback.
 */
public class SapTuneIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHELL = Duration.ofSeconds(20);
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));

    @Test
    public void aListenerTunedByNameFindsPlaysAndFollowsTheAnnouncedStream() throws Exception {
        String unavailable = Distribution.unavailable();
        assumeTrue(unavailable, unavailable == null);
        Path folder = Files.createTempDirectory(TARGET, "sap-tune-");
        try (Distribution distribution = Distribution.copyTo(folder.resolve("liveaudio"))) {
            Map<String, String> sender = new HashMap<>(Map.of("group", "239.255.0.81", "port", "5072",
                    "interface", "lo", "name", "Kitchen", "sapIntervalSeconds", "1"));
            distribution.configure("sender/org.liveaudio.sender.cfg", sender);
            // The file's own group and port (239.255.0.1:5004) are not the stream's: the name decides.
            distribution.configure("listener/org.liveaudio.listener-1.cfg", Map.of("stream", "Kitchen",
                    "sink", "null"));
            DistributionProcess listener = distribution.start("listener");
            // The SAP browser listens (a log line of the framework's start may be lost to the log bundle's refresh).
            listener.awaitOutput("listener:streams", "no SAP announcements heard on lo", TIMEOUT);

            DistributionProcess senderProcess = distribution.start("sender");
            listener.awaitLog("tuned to stream \"Kitchen\" announced by 127.0.0.1: 239.255.0.81:5072 L16/48000/2 "
                    + "PT 96", 1, TIMEOUT);
            listener.awaitLog("playing stream ssrc", 1, TIMEOUT);
            String streams = listener.output("listener:streams", SHELL);
            assertTrue(streams, streams.contains("Kitchen"));
            assertTrue(streams, ShellTable.cell(streams, "group:port").equals("239.255.0.81:5072"));
            assertTrue(streams, ShellTable.cell(streams, "format").equals("L16/48000/2"));
            assertTrue(streams, ShellTable.cell(streams, "origin").equals("127.0.0.1"));

            sender.put("group", "239.255.0.82");
            sender.put("port", "5074");
            distribution.configure("sender/org.liveaudio.sender.cfg", sender);
            listener.awaitLog("tuned to stream \"Kitchen\" announced by 127.0.0.1: 239.255.0.82:5074", 1, TIMEOUT);
            long before = received(listener);
            Thread.sleep(2_000);
            long after = received(listener);
            assertTrue("packets keep coming on the new group: " + before + " then " + after,
                    after - before >= 200);

            assertTrue("the sender ends on stop 0", senderProcess.stop());
            listener.awaitLog("SAP: stream \"Kitchen\" withdrawn by 127.0.0.1", 1, TIMEOUT);
            assertTrue("the listener ends on stop 0", listener.stop());
        }
    }

    private static long received(DistributionProcess listener) throws Exception {
        return Long.parseLong(ShellTable.cell(listener.output("listener:stats", SHELL), "received"));
    }
}
