package org.liveaudio.transport.fec;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What FEC costs on the hot paths, in ms of this thread's CPU per second of audio: the sender's encoding of repair
 * packets, and a receiver's filing of every packet and rebuilding of the lost ones, for L16 48 kHz stereo in 5 ms
 * frames (960-byte payloads, 200 packets/s) at 5 % random loss. Prints figures rather than asserting them. Run
 * with {@code mvn -pl bundles/org.liveaudio.api,bundles/org.liveaudio.transport test -Dtest=FecBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dliveaudio.bench=true}.
 */
@EnabledIfSystemProperty(named = "liveaudio.bench", matches = "true")
class FecBenchmarkTest {
    private static final int SECONDS = 60;
    private static final int PACKETS_PER_SECOND = 200;
    private static final int RUNS = 3;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void cpuPerSecondOfAudio() throws Exception {
        for (int[] shape : new int[][] {{6, 3}, {10, 5}, {10, 6}, {20, 10}, {7, 6}, {7, 14}}) {
            FecSettings settings = new FecSettings(true, shape[0], shape[1], 1, 100);
            run(settings);
            double[] encode = new double[RUNS];
            double[] decode = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                double[] figures = run(settings);
                encode[i] = figures[0];
                decode[i] = figures[1];
            }
            System.out.printf(Locale.ROOT, "%s: encode %s, receive and rebuild %s ms per s of audio%n", settings,
                    figures(encode), figures(decode));
        }
    }

    /** Sends SECONDS of packets through the encoder into a receiver losing 5 %: CPU ms per second, each side. */
    private double[] run(FecSettings settings) throws Exception {
        FecRtpReceiver receiver = new FecRtpReceiver(packet -> { });
        Random loss = new Random(7);
        Wire source = Wire.timing(receiver.sourceHandler(), sequence -> loss.nextDouble() < 0.05);
        Wire repair = Wire.timing(receiver.repairHandler(), sequence -> loss.nextDouble() < 0.05);
        FecRtpSender sender = new FecRtpSender(source, repair, settings, 1, 1);
        byte[] payload = new byte[960];
        new Random(1).nextBytes(payload);
        int packets = SECONDS * PACKETS_PER_SECOND;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < packets; i++) {
            sender.send(96, false, i & 0xffff, 240L * i, 1, payload, 0, payload.length);
        }
        long total = threads.getCurrentThreadCpuTime() - start;
        long receiving = source.handlerCpuNanos() + repair.handlerCpuNanos();
        return new double[] {(total - receiving) / 1e6 / SECONDS, receiving / 1e6 / SECONDS};
    }

    private static String figures(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", sorted[0], sorted[sorted.length / 2],
                sorted[sorted.length - 1]);
    }
}
