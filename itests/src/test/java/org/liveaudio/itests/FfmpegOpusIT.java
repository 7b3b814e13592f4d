package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.log.LogReaderService;

/**
 * Our Opus RTP is the standard's, both ways, with ffmpeg (libopus) as the peer: ffmpeg records the stream our
 * sender describes in its SDP, and our listener records the stream ffmpeg sends. Opus is lossy, so each recording
 * is compared with its source by normalized cross-correlation after aligning the delay ({@link Correlation}); the
 * figures go to the output and to {@code target/reports/interop.md}. Skipped, with the reason, where ffmpeg or
 * its libopus is missing ({@link FfmpegPaxExam}; {@code .ci/run} installs it). Everything stays on loopback with TTL 1.
 */
@RunWith(FfmpegPaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FfmpegOpusIT extends StreamingTestSupport {
    private static final int SAMPLE_RATE = 48_000;
    private static final int CHANNELS = 2;
    private static final int SOURCE_SAMPLES = 5 * SAMPLE_RATE;
    /**
     * The stretch of the source searched for in a recording: 1 s from 1 s in, clear of both ends of ffmpeg's
     * recording (measured: it starts 0.11 to 0.34 s into the stream and holds 2.7 to 3 s of it).
     */
    private static final int WINDOW_START = SAMPLE_RATE;
    private static final int WINDOW_LENGTH = SAMPLE_RATE;
    /**
     * Opus at 128 kbit/s keeps this clean a signal above 0.99; a recording that is shifted, garbled or
     * mostly silence falls far below.
     */
    private static final double MIN_CORRELATION = 0.9;
    private static final int PAYLOAD_TYPE = 96;
    /** What ffmpeg's Opus is often sent with, and what our L16 listener does not take. */
    private static final int FOREIGN_PAYLOAD_TYPE = 111;
    private static final double RECORD_SECONDS = 3;
    private static final Duration FFMPEG_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** When the buffer's depth starts to count: after the listener has given up waiting for the sender's clock. */
    private static final long DEPTH_SAMPLES_FROM_MILLIS = 1_000;
    /** The 20 ms prebuffer's two 10 ms frames, and two more for ffmpeg's pacing and a busy machine. */
    private static final int MAX_MEDIAN_DEPTH = 4;
    /** Rows of the report, by test, so each test's run rewrites the file with every figure known so far. */
    private static final Map<String, String> REPORT = new TreeMap<>();

    private Path folder;

    @Inject
    private LogReaderService logReader;

    @Configuration
    public Option[] config() {
        return config("FfmpegOpusIT");
    }

    @Before
    public void createFolder() throws IOException {
        folder = Files.createDirectories(targetDir().resolve("FfmpegOpusIT"));
    }

    @Test
    public void ffmpegRecordsOurOpusStreamFromItsSdp() throws Exception {
        Path source = folder.resolve("sender-source.wav");
        Path sdp = folder.resolve("stream.sdp");
        Path recording = folder.resolve("ffmpeg-recording.wav");
        Files.deleteIfExists(sdp);
        Files.deleteIfExists(recording);
        short[] sourceValues = TestSignal.chirps(SOURCE_SAMPLES, SAMPLE_RATE);
        WavFiles.write(source, sourceValues, SAMPLE_RATE, CHANNELS);

        // Looped, so that ffmpeg has its seconds whenever it starts.
        configureSender(merge(randomLoopbackEndpoint(), Map.of("source", "file", "file", source.toString(),
                "loop", "true", "codec", "opus", "payloadType", String.valueOf(PAYLOAD_TYPE),
                "sdpFile", sdp.toString())));
        awaitSender();
        waitUntil("the sender has written " + sdp, TIMEOUT, () -> Files.isRegularFile(sdp));

        Path log = folder.resolve("ffmpeg-record.log");
        int exit = Ffmpeg.run(List.of("-nostdin", "-hide_banner", "-loglevel", "error",
                "-protocol_whitelist", "file,udp,rtp", "-localaddr", "127.0.0.1", "-i", sdp.toString(),
                "-t", String.valueOf(RECORD_SECONDS), "-ar", String.valueOf(SAMPLE_RATE),
                "-ac", String.valueOf(CHANNELS), "-y", recording.toString()), log, FFMPEG_TIMEOUT);
        assertEquals("ffmpeg recording from " + sdp + " failed:\n" + Files.readString(sdp) + LogFiles.tail(log), 0,
                exit);

        assertCorrelates("our sender → ffmpeg (from our SDP)", "ffmpegRecordsOurOpusStreamFromItsSdp",
                sourceValues, WavFiles.read(recording, SAMPLE_RATE, CHANNELS));
    }

    @Test
    public void ourListenerRecordsAnOpusStreamFfmpegSends() throws Exception {
        Path source = folder.resolve("ffmpeg-source.wav");
        Path recording = folder.resolve("listener-recording.wav");
        Files.deleteIfExists(recording);
        short[] sourceValues = TestSignal.chirps(SOURCE_SAMPLES, SAMPLE_RATE);
        WavFiles.write(source, sourceValues, SAMPLE_RATE, CHANNELS);

        Map<String, Object> endpoint = randomLoopbackEndpoint();
        String name = "ffmpeg-opus";
        org.osgi.service.cm.Configuration listenerConfiguration = addListener(name, merge(endpoint, Map.of(
                "codec", "opus", "payloadType", String.valueOf(PAYLOAD_TYPE), "sink", "wav",
                "file", recording.toString())));
        ListenerControl listener = awaitListener(name);

        Path log = folder.resolve("ffmpeg-send.log");
        String url = "rtp://" + endpoint.get("group") + ":" + endpoint.get("port")
                + "?localaddr=127.0.0.1&ttl=1&pkt_size=1200";
        List<Integer> depths = new CopyOnWriteArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> depths.add(listener.stats().bufferedFrames()), DEPTH_SAMPLES_FROM_MILLIS,
                50, TimeUnit.MILLISECONDS);
        int exit;
        try {
            exit = Ffmpeg.run(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-re",
                "-i", source.toString(), "-c:a", "libopus", "-b:a", "128k", "-frame_duration", "10",
                "-application", "audio", "-ar", String.valueOf(SAMPLE_RATE), "-ac", String.valueOf(CHANNELS),
                "-payload_type", String.valueOf(PAYLOAD_TYPE),
                "-ssrc", String.valueOf(ThreadLocalRandom.current().nextInt()), "-f", "rtp", url), log,
                FFMPEG_TIMEOUT);
        } finally {
            sampler.shutdownNow();
        }
        assertEquals("ffmpeg sending to " + url + " failed:\n" + LogFiles.tail(log), 0, exit);
        Thread.sleep(500);
        assertTrue("the listener played nothing: " + listener.stats(), listener.stats().framesPlayed() > 0);
        // A sender that answers no time request is played by the listener's own clock, from the newest frames of
        // its buffer's depth (20 ms: two 10 ms frames), not from all that arrived while it waited for an answer.
        List<Integer> sorted = depths.stream().sorted().toList();
        assertFalse("no buffer depth sampled", sorted.isEmpty());
        int median = sorted.get(sorted.size() / 2);
        assertTrue("frames waiting in the buffer while ffmpeg sent, median " + median + " of " + sorted,
                median <= MAX_MEDIAN_DEPTH);

        // Deleting the listener's configuration stops it, which finalizes its recording.
        delete(listenerConfiguration);
        waitUntil(name + " has stopped and closed " + recording, TIMEOUT,
                () -> !listenerRegistered(name) && WavFiles.isFinalized(recording));

        assertCorrelates("ffmpeg (libopus) → our listener", "ourListenerRecordsAnOpusStreamFfmpegSends",
                sourceValues, WavFiles.read(recording, SAMPLE_RATE, CHANNELS));
    }

    @Test
    public void anOpusStreamWithAPayloadTypeOurL16ListenerDoesNotTakeIsToldOnceAndNotPlayed() throws Exception {
        Path source = folder.resolve("ffmpeg-source-short.wav");
        WavFiles.write(source, TestSignal.chirps(SAMPLE_RATE, SAMPLE_RATE), SAMPLE_RATE, CHANNELS);
        Map<String, Object> endpoint = randomLoopbackEndpoint();
        String name = "ffmpeg-foreign-type";
        addListener(name, merge(endpoint, Map.of("codec", "L16", "payloadType", String.valueOf(PAYLOAD_TYPE),
                "sink", "null")));
        ListenerControl listener = awaitListener(name);

        try (LogCapture log = new LogCapture(logReader)) {
            Path ffmpegLog = folder.resolve("ffmpeg-send-foreign-type.log");
            String url = "rtp://" + endpoint.get("group") + ":" + endpoint.get("port")
                    + "?localaddr=127.0.0.1&ttl=1&pkt_size=1200";
            int exit = Ffmpeg.run(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-re",
                    "-i", source.toString(), "-c:a", "libopus", "-b:a", "96k", "-ar", String.valueOf(SAMPLE_RATE),
                    "-ac", String.valueOf(CHANNELS), "-payload_type", String.valueOf(FOREIGN_PAYLOAD_TYPE), "-f",
                    "rtp", url), ffmpegLog, FFMPEG_TIMEOUT);
            assertEquals("ffmpeg sending to " + url + " failed:\n" + LogFiles.tail(ffmpegLog), 0, exit);

            List<String> told = log.warnings().stream().filter(line -> line.contains("listener " + name + ": packets"
                    + " of payload type " + FOREIGN_PAYLOAD_TYPE)).toList();
            assertEquals("one line for the stream's payload type, not one a packet: " + log.warnings(), 1,
                    told.size());
            assertTrue(told.get(0), told.get(0).contains("where it takes payload type " + PAYLOAD_TYPE));
        }
        ListenerStats stats = listener.stats();
        assertTrue("every packet counted malformed: " + stats, stats.malformed() >= 40);
        assertEquals("none played: " + stats, 0, stats.received());
    }

    private static void assertCorrelates(String direction, String test, short[] source, short[] recorded)
            throws IOException {
        Correlation.Match match = Correlation.best(source, recorded, CHANNELS, WINDOW_START, WINDOW_LENGTH);
        String figures = String.format(Locale.ROOT, "correlation %.4f at delay %.1f ms",
                match.correlation(), match.delayMillis(SAMPLE_RATE));
        System.out.println("FfmpegOpusIT: " + direction + ": " + figures + " (" + recorded.length / CHANNELS
                + " samples recorded)");
        report(test, String.format(Locale.ROOT, "| %s | %.4f | %.1f | %.2f |", direction,
                match.correlation(), match.delayMillis(SAMPLE_RATE), (double) recorded.length / CHANNELS
                / SAMPLE_RATE));
        assertTrue(direction + ": " + figures + ", expected above " + MIN_CORRELATION,
                match.correlation() > MIN_CORRELATION);
    }

    private static synchronized void report(String test, String row) throws IOException {
        REPORT.put(test, row);
        StringBuilder table = new StringBuilder("# Opus interoperability with ffmpeg\n\n"
                + "Normalized cross-correlation of a 1 s window of the source (mono mix) with the recording, at the"
                + " best delay (recording minus source; negative when the recorder started after the source).\n\n"
                + "| direction | correlation | delay (ms) | recorded (s) |\n|---|---:|---:|---:|\n");
        REPORT.values().forEach(line -> table.append(line).append('\n'));
        Path reports = targetDir().resolve("reports");
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("interop.md"), table.toString());
    }
}
