package org.liveaudio.itests;

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
 * The distribution's own processes on a LAN of separate hosts ({@link TestLan}: network namespaces on a bridge,
 * root only): one sender host streams an L16 file with FEC on to three listener hosts, each recording with the WAV
 * sink; two of them lose 5 % of the stream's datagrams at random (nftables, in their namespaces). Every recording
 * is the source sample for sample: the lossless one because L16 is, the lossy ones because FEC rebuilt every lost
 * packet in time.
 */
public class LanIT {
    private static final int SAMPLE_RATE = 48_000;
    private static final int CHANNELS = 2;
    /** 3 s of 5 ms frames. */
    private static final int SOURCE_SAMPLES = 600 * 240;
    private static final String GROUP = "239.255.7.7";
    private static final int PORT = 5004;
    private static final int LISTENERS = 3;
    private static final int LOSS_PERCENT = 5;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));

    @Test
    public void anL16FileReachesThreeListenerHostsSampleForSampleAlsoThroughFivePercentLossWithFec()
            throws Exception {
        String noLan = TestLan.unavailable();
        assumeTrue(noLan, noLan == null);
        String noDistribution = Distribution.unavailable();
        assumeTrue(noDistribution, noDistribution == null);
        Path folder = Files.createTempDirectory(TARGET, "lan-");
        Path source = folder.resolve("source.wav");
        short[] values = TestSignal.stereo(SOURCE_SAMPLES, SAMPLE_RATE);
        WavFiles.write(source, values, SAMPLE_RATE, CHANNELS);
        Map<String, String> stream = Map.of("group", GROUP, "port", String.valueOf(PORT), "interface",
                TestLan.INTERFACE);
        List<Distribution> hosts = new ArrayList<>();
        try (TestLan lan = TestLan.create(1 + LISTENERS)) {
            List<DistributionProcess> listeners = new ArrayList<>();
            for (int host = 1; host <= LISTENERS; host++) {
                Distribution distribution = Distribution.copyTo(folder.resolve("host-" + host));
                hosts.add(distribution);
                distribution.configure("listener/org.liveaudio.listener-1.cfg", with(stream, Map.of("sink", "wav",
                        "file", "recordings/1.wav")));
                listeners.add(distribution.startWrapped(lan.on(host), "listener", Map.of()));
            }
            for (DistributionProcess listener : listeners) {
                listener.awaitLog("listening on " + GROUP + ":" + PORT, 1, START_TIMEOUT);
            }
            Distribution senderHost = Distribution.copyTo(folder.resolve("host-0"));
            hosts.add(senderHost);
            // 10 + 6: a block is lost only if 7 of its 16 packets are, about once in 170 000 blocks at 5 % loss,
            // so that the two lossy hosts' 120 blocks of the file are all rebuilt in all but 1 run in 1 400.
            senderHost.configure("sender/org.liveaudio.sender.cfg", with(stream, Map.of("source", "file", "file",
                    source.toString(), "loop", "false", "fec", "rs", "fecSourcePackets", "10",
                    "fecRepairPackets", "6")));
            DistributionProcess sender = senderHost.startWrapped(lan.on(0), "sender", Map.of());
            for (DistributionProcess listener : listeners) {
                listener.awaitLog("playing stream ssrc", 1, START_TIMEOUT);
            }
            // The first block of a stream is heard before the listener knows it has a repair stream: loss starts
            // after it.
            Thread.sleep(300);
            for (int host = 2; host <= LISTENERS; host++) {
                lan.loseRandomly(host, LOSS_PERCENT, PORT, PORT + 2);
            }
            Thread.sleep(SOURCE_SAMPLES * 1000L / SAMPLE_RATE + 1_500);

            StringBuilder report = new StringBuilder();
            for (int host = 1; host <= LISTENERS; host++) {
                DistributionProcess listener = listeners.get(host - 1);
                report.append("host ").append(host).append(host >= 2 ? ", dropped " + lan.dropped(host) : "")
                        .append(":\n").append(listener.output("listener:stats", Duration.ofSeconds(20)));
                assertTrue("listener " + host + " ends on stop 0", listener.stop());
            }
            report.append("sender:\n").append(sender.output("stream:stats", Duration.ofSeconds(20)));
            assertTrue("the sender ends on stop 0", sender.stop());
            System.out.println("LanIT:\n" + report);

            for (int host = 1; host <= LISTENERS; host++) {
                Path recording = hosts.get(host - 1).home().resolve("recordings/1.wav");
                assertTrue("host " + host + "'s recording is finalized", WavFiles.isFinalized(recording));
                RecordingMatch.assertContainsAfterSilence("host " + host + " (" + report + ")", values,
                        WavFiles.read(recording, SAMPLE_RATE, CHANNELS), CHANNELS, SAMPLE_RATE);
            }
            for (int host = 2; host <= LISTENERS; host++) {
                assertTrue("host " + host + " lost datagrams: " + report, lan.dropped(host) > 0);
            }
        } finally {
            hosts.forEach(Distribution::close);
        }
    }

    private static Map<String, String> with(Map<String, String> common, Map<String, String> own) {
        Map<String, String> all = new HashMap<>(common);
        all.putAll(own);
        return all;
    }
}
