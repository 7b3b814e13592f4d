package org.liveaudio.itests;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.liveaudio.api.audio.AudioTap;
import org.liveaudio.api.stream.StreamControl;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The Icecast relay against a real Icecast 2.4 server (Debian's icecast2, on 127.0.0.1): the sender streams a
 * file, the relay pushes it as Ogg Opus to a mount, and ffmpeg, as any listener of the server would, plays the
 * mount, which must sound like the source. Then the server goes away and comes back, and so must the relay.
 */
@RunWith(IcecastPaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IcecastRelayIT extends StreamingTestSupport {
    private static final String RELAY_PID = "org.liveaudio.relay";
    private static final String MOUNT = "/it.opus";
    private static final String PASSWORD = "it-source-secret";
    private static final int SAMPLE_RATE = 48_000;
    private static final int CHANNELS = 2;
    /**
     * A 2 s loop, and 1 s of it searched for in the 10 s that ffmpeg plays from the mount, as a listener of the
     * server would: ffmpeg joins the loop anywhere, and any stretch of 3 s holds the window whole once.
     */
    private static final int SOURCE_SAMPLES = 2 * SAMPLE_RATE;
    private static final int WINDOW_START = SAMPLE_RATE / 2;
    private static final int WINDOW_LENGTH = SAMPLE_RATE;
    /** Opus at 128 kbit/s keeps the chirps above 0.99; silence, noise or a garbled stream fall far below. */
    private static final double MIN_CORRELATION = 0.9;
    private static final double PLAY_SECONDS = 10;
    /** Pauses and plays whose latency to an Icecast client is measured (reported, not asserted). */
    private static final int RESUMES = 5;
    private static final Duration FFMPEG_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STREAMING_TIMEOUT = Duration.ofSeconds(15);
    /** The relay tries again after 1, 2, 4, ... s: a server back within seconds is found within this. */
    private static final Duration RECONNECT_TIMEOUT = Duration.ofSeconds(45);

    @Configuration
    public Option[] config() {
        return config("IcecastRelayIT");
    }

    @Test
    public void ffmpegPlaysTheRelayedStreamFromIcecastAndAgainAfterTheServerCameBack() throws Exception {
        Path folder = Files.createDirectories(targetDir().resolve("IcecastRelayIT"));
        Path source = folder.resolve("source.wav");
        short[] sourceValues = TestSignal.chirps(SOURCE_SAMPLES, SAMPLE_RATE);
        WavFiles.write(source, sourceValues, SAMPLE_RATE, CHANNELS);
        Path passwordFile = folder.resolve("icecast.password");
        Files.deleteIfExists(passwordFile);
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                "rw-------")));
        Files.writeString(passwordFile, PASSWORD + "\n");

        try (IcecastServer icecast = IcecastServer.start(folder, PASSWORD)) {
            configureSender(merge(randomLoopbackEndpoint(), Map.of("source", "file", "file", source.toString(),
                    "loop", "true")));
            StreamControl sender = awaitSender();
            configure(RELAY_PID, Map.of("url", icecast.url(), "mount", MOUNT, "passwordFile",
                    passwordFile.toString()));
            AudioTap relay = awaitService(AudioTap.class, null);
            waitUntil("the relay streams: " + relay.status(), STREAMING_TIMEOUT,
                    () -> relay.status().contains(": streaming"));

            assertPlaysTheSource(icecast, folder.resolve("from-icecast.wav"), folder.resolve("ffmpeg.log"),
                    "first connection", sourceValues);
            System.out.println("IcecastRelayIT: from play() to ffmpeg's first decoded audio through Icecast: "
                    + ResumeLatency.summary(ResumeLatency.measure(ResumeLatency.Gate.of(sender),
                            icecast.url() + MOUNT, RESUMES, folder.resolve("ffmpeg-latency.log"))));

            icecast.stop();
            waitUntil("the relay notices that the server went: " + relay.status(), STREAMING_TIMEOUT,
                    () -> relay.status().contains(": waiting"));
            long restarted = System.nanoTime();
            icecast.start();
            waitUntil("the relay streams again: " + relay.status(), RECONNECT_TIMEOUT,
                    () -> relay.status().contains(": streaming"));
            System.out.printf(Locale.ROOT, "IcecastRelayIT: streaming again %.1f s after the server came back%n",
                    (System.nanoTime() - restarted) / 1e9);
            assertTrue(relay.status(), relay.status().contains("2 connections"));

            assertPlaysTheSource(icecast, folder.resolve("from-icecast-again.wav"),
                    folder.resolve("ffmpeg-again.log"), "after the server came back", sourceValues);
            assertTrue("the password got into the relay's status", !relay.status().contains(PASSWORD));
        }
    }

    private static void assertPlaysTheSource(IcecastServer icecast, Path recording, Path log, String when,
            short[] source) throws Exception {
        String url = icecast.url() + MOUNT;
        Correlation.Match match = Ffmpeg.playAndCorrelate(url, PLAY_SECONDS, recording, log, source, SAMPLE_RATE,
                CHANNELS, WINDOW_START, WINDOW_LENGTH, FFMPEG_TIMEOUT);
        String figures = String.format(Locale.ROOT, "correlation %.4f", match.correlation());
        System.out.println("IcecastRelayIT: ffmpeg from " + url + " (" + when + "): " + figures);
        assertTrue(when + ": " + figures + ", expected above " + MIN_CORRELATION,
                match.correlation() > MIN_CORRELATION);
    }
}
