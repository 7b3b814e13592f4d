package org.liveaudio.transport.srtp;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.liveaudio.api.net.StreamKey;

/**
 * What protection costs on this thread's CPU clock: protecting (the sender) and checking and decrypting (a listener)
 * one packet, and so one second of audio, for the default L16 stream (5 ms frames of 48 kHz stereo, 972-byte
 * packets, 200 a second) and an Opus one (20 ms frames at 128 kbit/s, 332-byte packets, 50 a second); and what a
 * packet allocates. Prints figures rather than asserting them, since they depend on the machine. Run with
 * {@code mvn -pl bundles/org.liveaudio.api,bundles/org.liveaudio.transport package -Dtest=SrtpBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dliveaudio.bench=true}.
 */
@EnabledIfSystemProperty(named = "liveaudio.bench", matches = "true")
class SrtpBenchmarkTest {
    private static final int RUNS = 5;
    /** A sequence space: the captured packets are each checked once a run, none a replay. */
    private static final int PACKETS = 1 << 16;
    private static final long SSRC = 0x1234_5678L;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    @Test
    void costPerPacketAndPerSecondOfAudio() {
        for (String suite : new String[] {StreamKey.SUITE, StreamKey.SUITE_GCM}) {
            StreamKey key = StreamKey.generate(new SecureRandom(), suite);
            System.out.println("SRTP " + suite + ", " + PACKETS + " packets a run, min/median/max of " + RUNS
                    + " runs, on " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            measure(key, "L16 5 ms (972 B, 200/s)", 960, 200);
            measure(key, "Opus 20 ms (332 B, 50/s)", 320, 50);
        }
    }

    private void measure(StreamKey key, String stream, int payloadBytes, int packetsPerSecond) {
        byte[][] wire = new byte[PACKETS][];
        RtpProtection sender = new RtpProtection(key);
        byte[] packet = new byte[12 + payloadBytes + RtpProtection.MAX_OVERHEAD];
        new SecureRandom().nextBytes(packet);
        packet[0] = (byte) 0x80;
        for (int i = 0; i < 4; i++) {
            packet[8 + i] = (byte) (SSRC >>> 8 * (3 - i));
        }
        for (int i = 0; i < wire.length; i++) {
            setSequence(packet, i);
            int length = sender.protect(packet, 12, 12 + payloadBytes, SSRC, i);
            wire[i] = Arrays.copyOf(packet, length);
        }
        double[] protect = new double[RUNS];
        double[] unprotect = new double[RUNS];
        long[] protectAllocated = new long[RUNS];
        long[] unprotectAllocated = new long[RUNS];
        runs(key, payloadBytes, wire, sender, packet, protect, unprotect, protectAllocated, unprotectAllocated);
        runs(key, payloadBytes, wire, sender, packet, protect, unprotect, protectAllocated, unprotectAllocated);
        System.out.printf("%s: protect %s us a packet = %s ms CPU a second of audio, %d bytes allocated a packet;"
                + " check+decrypt %s us = %s ms, %d bytes%n", stream, figures(protect, 1), figures(protect,
                packetsPerSecond / 1000.0), protectAllocated[RUNS - 1] / PACKETS, figures(unprotect, 1),
                figures(unprotect, packetsPerSecond / 1000.0), unprotectAllocated[RUNS - 1] / PACKETS);
    }

    private void runs(StreamKey key, int payloadBytes, byte[][] wire, RtpProtection sender, byte[] packet, double[] protect,
            double[] unprotect, long[] protectAllocated, long[] unprotectAllocated) {
        for (int run = 0; run < RUNS; run++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long allocated = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < PACKETS; i++) {
                setSequence(packet, i);
                sender.protect(packet, 12, 12 + payloadBytes, SSRC, (long) run * PACKETS + i);
            }
            protect[run] = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / PACKETS;
            protectAllocated[run] = threads.getCurrentThreadAllocatedBytes() - allocated;

            RtpUnprotection receiver = new RtpUnprotection(key);
            byte[] buffer = new byte[packet.length];
            cpu = threads.getCurrentThreadCpuTime();
            allocated = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < PACKETS; i++) {
                byte[] next = wire[i];
                System.arraycopy(next, 0, buffer, 0, next.length);
                if (receiver.unprotect(buffer, next.length) < 0) {
                    throw new AssertionError("packet " + i + " did not authenticate");
                }
            }
            unprotect[run] = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / PACKETS;
            unprotectAllocated[run] = threads.getCurrentThreadAllocatedBytes() - allocated;
        }
    }

    private static void setSequence(byte[] packet, int index) {
        packet[2] = (byte) (index >>> 8);
        packet[3] = (byte) index;
    }

    private static String figures(double[] micros, double scale) {
        double[] sorted = micros.clone();
        Arrays.sort(sorted);
        return String.format("%.2f/%.2f/%.2f", sorted[0] * scale, sorted[sorted.length / 2] * scale,
                sorted[sorted.length - 1] * scale);
    }
}
