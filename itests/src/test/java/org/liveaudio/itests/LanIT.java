package org.liveaudio.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));

    /** Runs of the scenario of which one must go undisturbed by a stall of the machine. */
    private static final int ATTEMPTS = 3;

    @Test
    public void anL16FileReachesThreeListenerHostsSampleForSampleAlsoThroughFivePercentLossWithFec()
            throws Exception {
        LanHosts.assumeAvailable();
        List<String> disturbed = new ArrayList<>();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            String stall = streamOnce();
            if (stall == null) {
                return;
            }
            System.out.println("LanIT: attempt " + attempt + " disturbed, " + stall);
            disturbed.add("attempt " + attempt + ": " + stall);
        }
        fail("every attempt was disturbed by a stall (machine overloaded?):\n" + String.join("\n", disturbed));
    }

    /**
     * One run of the scenario, whose every assertion must hold unless a stall of this machine disturbed it: a
     * sender whose clock thread was held up for over 100 ms skips frames (they never go out), and a listener held up
     * past a frame's instant counts it late and drops it; then no recording can be the file, and the machine, not
     * the path, is at fault.
     *
     * @return null, or what disturbed the run
     */
    private static String streamOnce() throws Exception {
        Path folder = Files.createTempDirectory(TARGET, "lan-");
        Path source = folder.resolve("source.wav");
        short[] values = TestSignal.stereo(SOURCE_SAMPLES, SAMPLE_RATE);
        WavFiles.write(source, values, SAMPLE_RATE, CHANNELS);
        Map<String, String> stream = Map.of("group", GROUP, "port", String.valueOf(PORT), "interface",
                TestLan.INTERFACE);
        try (TestLan lan = TestLan.create(1 + LISTENERS);
                LanHosts hosts = new LanHosts(lan, folder, stream)) {
            List<DistributionProcess> listeners = hosts.startListeners(LISTENERS, Map.of("sink", "wav", "file",
                    "recordings/1.wav"));
            // 10 + 6: a block is lost only if 7 of its 16 packets are, about once in 170 000 blocks at 5 % loss,
            // so that the two lossy hosts' 120 blocks of the file are all rebuilt in all but 1 run in 1 400.
            // A playout delay of 300 ms (345 with the block's span): four JVMs on a busy 2-core machine put the
            // sender's clock thread up to 100 ms late now and then, and a frame after its instant is dropped.
            DistributionProcess sender = hosts.startSender(Map.of("source", "file", "file", source.toString(),
                    "loop", "false", "fec", "rs", "fecSourcePackets", "10", "fecRepairPackets", "6",
                    "playoutDelayMillis", "300"));
            // The first block of a stream is heard before the listener knows it has a repair stream: loss starts
            // after it.
            Thread.sleep(300);
            for (int host = 2; host <= LISTENERS; host++) {
                lan.loseRandomly(host, LOSS_PERCENT, PORT, PORT + 2);
            }
            Thread.sleep(SOURCE_SAMPLES * 1000L / SAMPLE_RATE + 1_500);

            // Before the listeners stop: each says BYE, and the sender forgets it.
            String heard = RepairReports.await(sender, LISTENERS, Duration.ofSeconds(20));
            StringBuilder report = new StringBuilder();
            List<String> late = new ArrayList<>();
            for (int host = 1; host <= LISTENERS; host++) {
                DistributionProcess listener = listeners.get(host - 1);
                String stats = listener.output("listener:stats", Duration.ofSeconds(20));
                late.addAll(ShellTable.column(stats, "late"));
                report.append("host ").append(host).append(host >= 2 ? ", dropped " + lan.dropped(host) : "")
                        .append(":\n").append(stats);
                assertTrue("listener " + host + " ends on stop 0", listener.stop());
            }
            String sent = sender.output("stream:stats", Duration.ofSeconds(20));
            report.append("sender:\n").append(sent).append("\n").append(heard);
            assertTrue("the sender ends on stop 0", sender.stop());
            System.out.println("LanIT:\n" + report);
            if (!sent.contains("skipped 0 ")) {
                return "the sender skipped frames: " + sent;
            }
            if (late.size() != LISTENERS || late.stream().anyMatch(count -> !count.equals("0"))) {
                return "listeners counted frames late: " + late;
            }

            for (int host = 1; host <= LISTENERS; host++) {
                Path recording = hosts.listenerFile(host, "recordings/1.wav");
                assertTrue("host " + host + "'s recording is finalized", WavFiles.isFinalized(recording));
                RecordingMatch.assertContainsAfterSilence("host " + host + " (" + report + ")", values,
                        WavFiles.read(recording, SAMPLE_RATE, CHANNELS), CHANNELS, SAMPLE_RATE);
            }
            for (int host = 2; host <= LISTENERS; host++) {
                assertTrue("host " + host + " lost datagrams: " + report, lan.dropped(host) > 0);
            }
            assertRepairsReported(heard);
        }
        return null;
    }

    /** Of every listener, what packet FEC left lost is at most what was lost before repair. */
    private static void assertRepairsReported(String table) {
        List<String> before = ShellTable.column(table, "cum lost");
        List<String> after = ShellTable.column(table, RepairReports.AFTER_FEC);
        for (int i = 0; i < after.size(); i++) {
            assertTrue("after FEC at most the loss before:\n" + table,
                    Long.parseLong(after.get(i)) <= Long.parseLong(before.get(i)));
        }
    }
}
