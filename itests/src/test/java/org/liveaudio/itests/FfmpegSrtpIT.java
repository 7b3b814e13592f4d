package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.log.LogReaderService;

/**
 * Our SRTP/SRTCP is the standard's, both ways, with ffmpeg (libavformat's own SRTP) as the peer: ffmpeg decodes
 * the protected stream our sender describes in its SDP ({@code RTP/SAVP}, {@code a=crypto}), and our listener
 * plays what ffmpeg sends as SRTP and SRTCP under the same key, dropping nothing as unauthenticated. L16 is
 * bit-exact, so a recording that decrypted right matches its source, which the correlation shows; one that did not
 * is noise. Skipped where ffmpeg is missing ({@link FfmpegPaxExam}). Loopback only, TTL 1.
 */
@RunWith(FfmpegPaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FfmpegSrtpIT extends StreamingTestSupport {
    private static final int SAMPLE_RATE = 48_000;
    private static final int CHANNELS = 2;
    private static final int SOURCE_SAMPLES = 5 * SAMPLE_RATE;
    private static final int WINDOW_START = SAMPLE_RATE;
    private static final int WINDOW_LENGTH = SAMPLE_RATE;
    /** L16 through SRTP is bit-exact: a right decryption correlates at 1; a wrong one is noise, near 0. */
    private static final double MIN_CORRELATION = 0.99;
    private static final int PAYLOAD_TYPE = 96;
    private static final double RECORD_SECONDS = 3;
    private static final Duration FFMPEG_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private Path folder;

    @Inject
    private LogReaderService logReader;

    @Configuration
    public Option[] config() {
        return config("FfmpegSrtpIT");
    }

    @Before
    public void createFolder() throws IOException {
        folder = Files.createDirectories(targetDir().resolve("FfmpegSrtpIT"));
    }

    @Test
    public void ffmpegDecodesOurProtectedStreamFromItsSdp() throws Exception {
        Path source = folder.resolve("sender-source.wav");
        Path sdp = folder.resolve("protected.sdp");
        Path recording = folder.resolve("ffmpeg-recording.wav");
        Files.deleteIfExists(sdp);
        Files.deleteIfExists(recording);
        short[] sourceValues = TestSignal.chirps(SOURCE_SAMPLES, SAMPLE_RATE);
        WavFiles.write(source, sourceValues, SAMPLE_RATE, CHANNELS);
        StreamKey key = StreamKey.generate(new SecureRandom());

        configureSender(merge(randomLoopbackEndpoint(), Map.of("source", "file", "file", source.toString(),
                "loop", "true", "codec", "L16", "payloadType", String.valueOf(PAYLOAD_TYPE), "frameMillis", "5",
                "sdpFile", sdp.toString(), "keyFile", keyFile(key, "sender.key").toString())));
        awaitSender();
        waitUntil("the sender has written " + sdp, TIMEOUT, () -> Files.isRegularFile(sdp));
        String description = Files.readString(sdp);
        assertTrue(description, description.contains(" RTP/SAVP " + PAYLOAD_TYPE + "\r\n"));
        assertTrue(description, description.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key.inline()));
        assertEquals("the SDP holds the key: its owner's alone", "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(sdp)));

        Path log = folder.resolve("ffmpeg-record.log");
        int exit = Ffmpeg.run(List.of("-nostdin", "-hide_banner", "-loglevel", "error",
                "-protocol_whitelist", "file,udp,rtp,srtp", "-localaddr", "127.0.0.1", "-i", sdp.toString(),
                "-t", String.valueOf(RECORD_SECONDS), "-ar", String.valueOf(SAMPLE_RATE),
                "-ac", String.valueOf(CHANNELS), "-y", recording.toString()), log, FFMPEG_TIMEOUT);
        assertEquals("ffmpeg recording from " + sdp + " failed:" + LogFiles.tail(log), 0, exit);

        assertCorrelates("our sender (SRTP) → ffmpeg, from our SDP", sourceValues,
                WavFiles.read(recording, SAMPLE_RATE, CHANNELS));
    }

    @Test
    public void ourListenerPlaysWhatFfmpegSendsAsSrtpAndSrtcp() throws Exception {
        Path source = folder.resolve("ffmpeg-source.wav");
        Path recording = folder.resolve("listener-recording.wav");
        Files.deleteIfExists(recording);
        short[] sourceValues = TestSignal.chirps(SOURCE_SAMPLES, SAMPLE_RATE);
        WavFiles.write(source, sourceValues, SAMPLE_RATE, CHANNELS);
        StreamKey key = StreamKey.generate(new SecureRandom());

        Map<String, Object> endpoint = randomLoopbackEndpoint();
        String name = "ffmpeg-srtp";
        org.osgi.service.cm.Configuration listenerConfiguration = addListener(name, merge(endpoint, Map.of(
                "codec", "L16", "payloadType", String.valueOf(PAYLOAD_TYPE), "sink", "wav",
                "file", recording.toString(), "keyFile", keyFile(key, "listener.key").toString())));
        ListenerControl listener = awaitListener(name);

        Path log = folder.resolve("ffmpeg-send.log");
        String url = "srtp://" + endpoint.get("group") + ":" + endpoint.get("port")
                + "?localaddr=127.0.0.1&ttl=1&pkt_size=1000";
        int exit = Ffmpeg.run(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-re",
                "-i", source.toString(), "-c:a", "pcm_s16be", "-ar", String.valueOf(SAMPLE_RATE),
                "-ac", String.valueOf(CHANNELS), "-payload_type", String.valueOf(PAYLOAD_TYPE),
                "-ssrc", String.valueOf(ThreadLocalRandom.current().nextInt()), "-f", "rtp",
                "-srtp_out_suite", StreamKey.SUITE, "-srtp_out_params", key.inline(), url), log, FFMPEG_TIMEOUT);
        assertEquals("ffmpeg sending to " + url + " failed:" + LogFiles.tail(log), 0, exit);
        Thread.sleep(500);
        ListenerStats stats = listener.stats();
        assertTrue("the listener played nothing: " + stats, stats.framesPlayed() > 0);
        assertTrue("ffmpeg's packets were taken: " + stats, stats.received() > 900);
        assertEquals("nothing of ffmpeg's, SRTCP sender reports included, failed to authenticate: " + stats, 0,
                stats.unauthenticated());
        assertEquals(0, stats.replayed());

        delete(listenerConfiguration);
        waitUntil(name + " has stopped and closed " + recording, TIMEOUT,
                () -> !listenerRegistered(name) && WavFiles.isFinalized(recording));
        assertCorrelates("ffmpeg (SRTP) → our listener", sourceValues, WavFiles.read(recording, SAMPLE_RATE,
                CHANNELS));
    }

    @Test
    public void aListenerWithAnotherKeyPlaysNothingOfFfmpegsStreamAndCountsEveryPacket() throws Exception {
        WavFiles.write(folder.resolve("ffmpeg-source-short.wav"), TestSignal.chirps(SAMPLE_RATE, SAMPLE_RATE),
                SAMPLE_RATE, CHANNELS);
        Map<String, Object> endpoint = randomLoopbackEndpoint();
        String name = "ffmpeg-srtp-wrong-key";
        StreamKey listenersKey = StreamKey.generate(new SecureRandom());
        addListener(name, merge(endpoint, Map.of("codec", "L16", "payloadType", String.valueOf(PAYLOAD_TYPE),
                "sink", "null", "keyFile", keyFile(listenersKey, "other.key").toString())));
        ListenerControl listener = awaitListener(name);

        List<String> warnings;
        try (LogCapture capture = new LogCapture(logReader)) {
            sendUnderAnotherKey(endpoint);
            warnings = capture.warnings();
        }
        ListenerStats stats = listener.stats();
        assertEquals("none taken: " + stats, 0, stats.received());
        assertEquals("none played but filler: " + stats, stats.concealedFrames(), stats.framesPlayed());
        assertTrue("every packet counted: " + stats, stats.unauthenticated() >= 190);
        List<String> told = warnings.stream().filter(line -> line.contains("RTP receiver on " + endpoint.get("group")
                + ":" + endpoint.get("port")) && line.contains("no packet has authenticated under " + listenersKey))
                .toList();
        assertEquals("one line says so, not one a packet: " + warnings, 1, told.size());
        assertFalse(told.get(0), told.get(0).contains(listenersKey.inline()));
    }

    private void sendUnderAnotherKey(Map<String, Object> endpoint) throws Exception {
        Path source = folder.resolve("ffmpeg-source-short.wav");
        Path log = folder.resolve("ffmpeg-send-other-key.log");
        String url = "srtp://" + endpoint.get("group") + ":" + endpoint.get("port")
                + "?localaddr=127.0.0.1&ttl=1&pkt_size=1000";
        int exit = Ffmpeg.run(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-re",
                "-i", source.toString(), "-c:a", "pcm_s16be", "-ar", String.valueOf(SAMPLE_RATE),
                "-ac", String.valueOf(CHANNELS), "-payload_type", String.valueOf(PAYLOAD_TYPE), "-f", "rtp",
                "-srtp_out_suite", StreamKey.SUITE, "-srtp_out_params",
                StreamKey.generate(new SecureRandom()).inline(), url), log, FFMPEG_TIMEOUT);
        assertEquals("ffmpeg sending to " + url + " failed:" + LogFiles.tail(log), 0, exit);
        Thread.sleep(300);
    }

    private Path keyFile(StreamKey key, String name) throws IOException {
        Path file = folder.resolve(name);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, key.inline() + "\n");
        return file;
    }

    private static void assertCorrelates(String direction, short[] source, short[] recorded) {
        Correlation.Match match = Correlation.best(source, recorded, CHANNELS, WINDOW_START, WINDOW_LENGTH);
        String figures = String.format(Locale.ROOT, "correlation %.4f at delay %.1f ms",
                match.correlation(), match.delayMillis(SAMPLE_RATE));
        System.out.println("FfmpegSrtpIT: " + direction + ": " + figures + " (" + recorded.length / CHANNELS
                + " samples recorded)");
        assertTrue(direction + ": " + figures + ", expected above " + MIN_CORRELATION,
                match.correlation() > MIN_CORRELATION);
    }
}
