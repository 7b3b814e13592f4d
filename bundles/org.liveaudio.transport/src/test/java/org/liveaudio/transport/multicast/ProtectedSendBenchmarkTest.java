package org.liveaudio.transport.multicast;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.testing.RecordingLogger;

/**
 * A whole send on this thread's CPU clock, socket included, unprotected and protected under each suite: what a sender
 * pays for protection per packet of the default stream (5 ms of 48 kHz stereo L16). Loopback only, a group of its
 * own, TTL 1; nobody listens. Prints figures, asserts none. Run with {@code mvn -pl
 * bundles/org.liveaudio.api,bundles/org.liveaudio.transport package -Dtest=ProtectedSendBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dliveaudio.bench=true}.
 */
@EnabledIfSystemProperty(named = "liveaudio.bench", matches = "true")
class ProtectedSendBenchmarkTest {
    private static final int PACKETS = 20_000;
    private static final int RUNS = 5;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final MulticastTransport transport = new MulticastTransport(new RecordingLogger().logger());

    @Test
    void sendCostPerPacketPlainAndProtected() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        MulticastEndpoint endpoint = MulticastEndpoint.of("239.255." + random.nextInt(1, 255) + "."
                + random.nextInt(1, 255), random.nextInt(20_000, 30_000) * 2, "lo", 1);
        byte[] payload = new byte[960];
        random.nextBytes(payload);
        StreamKey[] keys = {null, StreamKey.generate(new SecureRandom()),
            StreamKey.generate(new SecureRandom(), StreamKey.SUITE_GCM)};
        for (int round = 0; round < 2; round++) {
            for (StreamKey key : keys) {
                double[] micros = new double[RUNS];
                try (RtpSender sender = transport.openSender(endpoint, key)) {
                    for (int run = 0; run < RUNS; run++) {
                        long cpu = threads.getCurrentThreadCpuTime();
                        for (int i = 0; i < PACKETS; i++) {
                            int sequence = run * PACKETS + i;
                            sender.send(96, false, sequence, 240L * sequence, 0x1234_5678L, payload, 0,
                                    payload.length);
                        }
                        micros[run] = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / PACKETS;
                    }
                }
                Arrays.sort(micros);
                if (round == 1) {
                    System.out.printf("send of a 972-byte L16 packet, %s: %.2f/%.2f/%.2f us CPU (min/median/max of"
                            + " %d runs of %d) = %.2f ms a second of audio at 200 packets/s%n",
                            key == null ? "unprotected" : key.suite(), micros[0], micros[RUNS / 2],
                            micros[RUNS - 1], RUNS, PACKETS, micros[RUNS / 2] * 200 / 1000);
                }
            }
        }
        transport.deactivate();
    }
}
