package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.stream.LatencyStats;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamControl;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * What each codec costs: for L16 in 5 ms frames (also protected, SRTP/SRTCP) and Opus (128 kbit/s, constrained VBR) in 5, 10 and 20 ms frames, all
 * 48 kHz stereo, one sender plays the melody to one listener (null sink) on a loopback group of its own, and over a
 * measured window the test reads the CPU of the sender's clock thread and of the listener's threads per second of
 * audio, the payload bitrate and packet rate a plain socket sees on the group, and the listener's capture-to-sink
 * latency and losses. Asserted: no packet is lost on loopback, latency is measured, and Opus' payload keeps within
 * 10 % of its bitrate (constrained VBR); the timed figures are the benchmark's, reported in
 * {@code target/reports/codec-cost.md}, not asserted.
 *
 * <p>A first listener plays through the warm-up, so that the JIT has compiled encoder and decoder, and is then
 * replaced by the measured one: a listener's latency histogram runs from its lock onto the stream, so this way it
 * holds the window and the second or so before it, not the warm-up.
 *
 * <p>System property {@value #SECONDS} (default 3; the {@code bench} profile 60): the window of each codec.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CodecCostIT extends StreamingTestSupport {
    static final String SECONDS = "liveaudio.bench.codecSeconds";
    /**
     * Streaming before the measured listener joins, so that the JIT has compiled encoder and decoder. The normal
     * build's short windows, whose figures are a smoke test, make do with less to keep the test near 25 s.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration SHORT_WARM_UP = Duration.ofSeconds(2);
    private static final double SHORT_WINDOW_SECONDS = 10;
    /** Constrained VBR keeps Opus near its bitrate over a few seconds already; the 5 % is for 60 s. */
    private static final double OPUS_KBIT_PER_SECOND = 128;
    private static final double BITRATE_TOLERANCE = 0.10;
    private static final double BITRATE_MIN_SECONDS = 3;
    /** After the measured listener's first latency sample, so that the window does not begin with its lock. */
    private static final Duration SETTLE = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SENDER_CLOCK_THREAD = "liveaudio-sender-clock";
    private static final String OPUS_PAYLOAD_TYPE = "111";

    /** One sender setting, what the listener must be told to play it, and what the report calls it. */
    private record CodecCase(String label, String id, String frameMillis, Map<String, Object> sender,
            Map<String, Object> listener) {

        static CodecCase l16(String frameMillis) {
            return new CodecCase("L16 " + frameMillis + " ms", "l16-" + frameMillis, frameMillis,
                    Map.of("codec", "L16", "frameMillis", frameMillis), Map.of("codec", "L16"));
        }

        /** L16 as SRTP/SRTCP under {@link #KEY_FILE}: what protection adds to the same stream. */
        static CodecCase protectedL16(String frameMillis) {
            String keyFile = KEY_FILE.toString();
            return new CodecCase("L16 " + frameMillis + " ms SRTP", "l16-srtp-" + frameMillis, frameMillis,
                    Map.of("codec", "L16", "frameMillis", frameMillis, "keyFile", keyFile),
                    Map.of("codec", "L16", "keyFile", keyFile));
        }

        static CodecCase opus(String frameMillis) {
            return new CodecCase("Opus " + frameMillis + " ms", "opus-" + frameMillis, frameMillis,
                    Map.of("codec", "opus", "payloadType", OPUS_PAYLOAD_TYPE, "frameMillis", frameMillis,
                            "bitrate", String.valueOf(Math.round(OPUS_KBIT_PER_SECOND))),
                    Map.of("codec", "opus", "payloadType", OPUS_PAYLOAD_TYPE));
        }

        boolean opus() {
            return "opus".equals(sender.get("codec"));
        }

        long frameMicros() {
            return Math.round(Double.parseDouble(frameMillis) * 1000);
        }
    }

    private static final Path KEY_FILE = targetDir().resolve("CodecCostIT").resolve("stream.key");
    private static final List<CodecCase> CASES = List.of(CodecCase.l16("5"), CodecCase.protectedL16("5"),
            CodecCase.opus("5"), CodecCase.opus("10"), CodecCase.opus("20"));

    @Configuration
    public Option[] config() {
        return config("CodecCostIT");
    }

    @Test
    public void cpuBitrateAndLatencyOfL16AndOpusAtEachFrameLength() throws Exception {
        double seconds = Double.parseDouble(System.getProperty(SECONDS, "3"));
        Files.createDirectories(KEY_FILE.getParent());
        Files.deleteIfExists(KEY_FILE);
        Files.createFile(KEY_FILE, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(KEY_FILE, StreamKey.generate(new SecureRandom()).inline() + "\n");
        Map<CodecCase, CodecCost> costs = new LinkedHashMap<>();
        for (CodecCase codec : CASES) {
            CodecCost cost = measure(codec, seconds);
            System.out.println("CodecCostIT: " + cost.line());
            costs.put(codec, cost);
        }
        StringBuilder table = new StringBuilder("# CPU, bitrate and latency by codec\n\nCPU in ms per second of "
                + "audio; payload without RTP header; latency from capture to the sink, since the listener locked "
                + "onto the stream (shortly before the window). 48 kHz stereo, melody, one listener, loopback.\n\n")
                .append(CodecCost.TABLE_HEADER);
        costs.values().forEach(cost -> table.append(cost.tableRow()));
        Path reports = targetDir().resolve("reports");
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("codec-cost.md"), table.toString());

        for (Map.Entry<CodecCase, CodecCost> entry : costs.entrySet()) {
            CodecCost cost = entry.getValue();
            assertEquals(cost.codec() + ": packets lost on loopback\n" + cost.line(), 0, cost.lost());
            assertTrue(cost.codec() + ": the wire carried the stream\n" + cost.line(), cost.wirePackets() > 0);
            assertTrue(cost.codec() + ": latency measured\n" + cost.line(), cost.latency().samples() > 0);
            if (entry.getKey().opus() && seconds >= BITRATE_MIN_SECONDS) {
                assertEquals(cost.codec() + ": payload bitrate\n" + cost.line(), OPUS_KBIT_PER_SECOND,
                        cost.payloadKbitPerSecond(), OPUS_KBIT_PER_SECOND * BITRATE_TOLERANCE);
            }
        }
    }

    private CodecCost measure(CodecCase codec, double seconds) throws Exception {
        Map<String, Object> endpoint = randomLoopbackEndpoint();
        try (RtpWireObserver wire = RtpWireObserver.join((String) endpoint.get("group"),
                Integer.parseInt((String) endpoint.get("port")), "lo", codec.id())) {
            configureSender(merge(endpoint, codec.sender(), Map.of("source", "melody")));
            StreamControl sender = awaitSender();
            Map<String, Object> listenerSettings = merge(endpoint, codec.listener(), Map.of("sink", "null"));
            Duration warmUp = seconds < SHORT_WINDOW_SECONDS ? SHORT_WARM_UP : WARM_UP;
            warmUp(codec, sender, wire, listenerSettings, warmUp);

            String name = "cost-" + codec.id();
            org.osgi.service.cm.Configuration measured = addListener(name, listenerSettings);
            ListenerControl listener = awaitListener(name);
            long added = System.nanoTime();
            waitUntil(name + " measures latency", TIMEOUT, () -> listener.latency().samples() > 0);
            Thread.sleep(SETTLE.toMillis());
            CodecCost cost = window(codec, seconds, sender, listener, wire, added);
            delete(measured);
            return cost;
        }
    }

    /** Streams with a listener of its own until the JIT has compiled what this codec runs on both sides. */
    private void warmUp(CodecCase codec, StreamControl sender, RtpWireObserver wire,
            Map<String, Object> listenerSettings, Duration warmUp) throws Exception {
        String name = "warm-" + codec.id();
        org.osgi.service.cm.Configuration warm = addListener(name, listenerSettings);
        ListenerControl listener = awaitListener(name);
        waitUntil(codec.label() + " plays", TIMEOUT, () -> wire.count() > 0
                && sender.status().frameMicros() == codec.frameMicros() && listener.stats().framesPlayed() > 0);
        Thread.sleep(warmUp.toMillis());
        delete(warm);
        waitUntil(name + " stops", TIMEOUT, () -> !listenerRegistered(name));
    }

    private static CodecCost window(CodecCase codec, double seconds, StreamControl sender, ListenerControl listener,
            RtpWireObserver wire, long listenerAddedNanos) throws InterruptedException {
        String name = listener.name();
        String receive = "liveaudio-listener-receive-" + name;
        String playout = "liveaudio-listener-playout-" + name;
        // RTCP's own socket receives the time exchanges on a thread of that name with "-time" added.
        Set<String> control = Set.of("liveaudio-listener-rtcp-" + name, "liveaudio-listener-rtcp-" + name + "-time",
                "liveaudio-listener-report-" + name, "liveaudio-listener-clock-" + name);

        ListenerStats before = listener.stats();
        SenderStats sentBefore = sender.stats();
        int wireStart = wire.count();
        long senderCpu = CpuClocks.threadCpuNanos(SENDER_CLOCK_THREAD::equals);
        long receiveCpu = CpuClocks.threadCpuNanos(receive::equals);
        long playoutCpu = CpuClocks.threadCpuNanos(playout::equals);
        long controlCpu = CpuClocks.threadCpuNanos(control::contains);
        long start = System.nanoTime();
        Thread.sleep(Math.round(seconds * 1000));
        senderCpu = CpuClocks.threadCpuNanos(SENDER_CLOCK_THREAD::equals) - senderCpu;
        receiveCpu = CpuClocks.threadCpuNanos(receive::equals) - receiveCpu;
        playoutCpu = CpuClocks.threadCpuNanos(playout::equals) - playoutCpu;
        controlCpu = CpuClocks.threadCpuNanos(control::contains) - controlCpu;
        long end = System.nanoTime();
        int wireEnd = wire.count();
        SenderStats sentAfter = sender.stats();
        ListenerStats after = listener.stats();
        LatencyStats latency = listener.latency();

        long payloadBytes = 0;
        for (int i = wireStart; i < wireEnd; i++) {
            payloadBytes += wire.packet(i).payloadBytes();
        }
        return new CodecCost(codec.label(), Double.parseDouble(codec.frameMillis()), (end - start) / 1e9,
                sentAfter.packetsSent() - sentBefore.packetsSent(), senderCpu, receiveCpu, playoutCpu, controlCpu,
                wireEnd - wireStart, payloadBytes, after.lost() - before.lost(), after.late() - before.late(),
                after.concealedFrames() - before.concealedFrames(), after.underruns() - before.underruns(), latency,
                (start - listenerAddedNanos) / 1e9);
    }
}
