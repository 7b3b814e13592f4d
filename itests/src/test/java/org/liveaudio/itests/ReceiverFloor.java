package org.liveaudio.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.liveaudio.api.stream.StreamControl;
import org.liveaudio.itests.floor.PlainReceivers;

/**
 * The floor that issue 14 holds the fan-out to: one JVM of {@link PlainReceivers} (N plain channels, a thread
 * each, counting packets) receiving the sender of this framework for one window, measured the way a throughput run
 * is, so that the whole JVM's CPU of a run with N listeners can be set against it.
 *
 * @param plainCpuNanos CPU time of the plain receivers' process in the window ({@code /proc/PID/stat})
 * @param senderJvmCpuNanos CPU time of this JVM in the same window, where only the sender streams: its sends, in
 *        which loopback delivers each packet to every member socket
 * @param fewestReceived the fewest packets one plain channel received in the window
 */
record ReceiverFloor(int receivers, long sentPackets, double audioSeconds, long plainCpuNanos,
        long senderJvmCpuNanos, long fewestReceived) {

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    /** After the pause, the last packets reach the plain channels before their CPU is read. */
    private static final Duration DRAIN = Duration.ofMillis(200);

    static ReceiverFloor measure(StreamControl sender, Map<String, Object> endpoint, int receivers, double seconds)
            throws IOException, InterruptedException {
        long mostSeconds = (long) Math.ceil(seconds) + JOIN_TIMEOUT.toSeconds() + EXIT_TIMEOUT.toSeconds();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp",
                StreamingTestSupport.targetDir().resolve("test-classes").toString(), PlainReceivers.class.getName(),
                String.valueOf(endpoint.get("group")), String.valueOf(endpoint.get("port")),
                String.valueOf(receivers), String.valueOf(mostSeconds)).redirectError(Redirect.INHERIT).start();
        try {
            BlockingQueue<String> lines = linesOf(process);
            expect(lines, "joined", JOIN_TIMEOUT);
            long plainBefore = ProcessCpu.cpuNanos(process.pid());
            long jvmBefore = CpuClocks.processCpuNanos();
            long sentBefore = sender.stats().packetsSent();
            sender.play();
            Thread.sleep((long) (seconds * 1000));
            sender.pause();
            long jvmCpu = CpuClocks.processCpuNanos() - jvmBefore;
            long sent = sender.stats().packetsSent() - sentBefore;
            Thread.sleep(DRAIN.toMillis());
            long plainCpu = ProcessCpu.cpuNanos(process.pid()) - plainBefore;
            process.getOutputStream().close();
            String[] received = expect(lines, "received", EXIT_TIMEOUT).split(" ");
            process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            double audioSeconds = sent * sender.status().frameMicros() / 1e6;
            return new ReceiverFloor(receivers, sent, audioSeconds, plainCpu, jvmCpu, Long.parseLong(received[1]));
        } finally {
            process.destroyForcibly();
        }
    }

    double plainMillisPerSecond() {
        return plainCpuNanos / 1e6 / audioSeconds;
    }

    double senderJvmMillisPerSecond() {
        return senderJvmCpuNanos / 1e6 / audioSeconds;
    }

    /** Ours against the floor: the whole JVM of a run with as many listeners, over plain receivers plus sender. */
    String against(ThroughputRow ours) {
        double floor = plainMillisPerSecond() + senderJvmMillisPerSecond();
        return String.format(Locale.ROOT, "Floor at %d receivers: a JVM of %d plain DatagramChannel receivers used "
                + "%.1f ms of CPU per s of audio and the sender's JVM meanwhile %.1f ms, %.1f together (every packet "
                + "to every plain receiver: %s); this JVM with %d listeners and the sender: %.1f ms, %.2f times the "
                + "floor", receivers, receivers, plainMillisPerSecond(), senderJvmMillisPerSecond(), floor,
                fewestReceived >= sentPackets ? "yes" : "no, " + fewestReceived + " of " + sentPackets,
                ours.listeners(), ours.jvmCpuMillisPerSecond(), ours.jvmCpuMillisPerSecond() / floor);
    }

    private static BlockingQueue<String> linesOf(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                output.lines().forEach(lines::add);
            } catch (IOException e) {
                lines.add("failed reading the plain receivers' output: " + e);
            }
        }, "plain-receivers-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String expect(BlockingQueue<String> lines, String prefix, Duration timeout)
            throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null || !line.startsWith(prefix + " ")) {
            throw new IllegalStateException("the plain receivers said " + (line == null ? "nothing" : "'" + line
                    + "'") + " where '" + prefix + " ...' was expected within " + timeout.toSeconds() + " s");
        }
        return line;
    }
}
