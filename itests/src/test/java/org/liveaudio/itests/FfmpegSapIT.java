package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * ffmpeg announces a stream by SAP and sends it ({@code -f sap}: L16 at 44.1 kHz mono, RFC 3551's static payload
 * type 11, no rtpmap), and our listener tuned by the stream's name finds it and records it sample for sample; a
 * second listener set by hand to 48 kHz stereo on the same group says that the payloads do not fit its format
 * instead of playing them as noise. ffmpeg's SAP muxer cannot be told an interface, so ffmpeg and the listener run
 * in a network namespace of the test's own that has only loopback: nothing leaves the machine.
 */
public class FfmpegSapIT {
    private static final int RATE = 44_100;
    private static final int SECONDS = 6;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FFMPEG_TIMEOUT = Duration.ofSeconds(60);
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));

    @Test
    public void ourListenerTunedByNameRecordsFfmpegsAnnouncedStreamSampleForSample() throws Exception {
        String unavailable = Distribution.unavailable();
        assumeTrue(unavailable, unavailable == null);
        String noNamespace = NetworkNamespace.unavailable();
        assumeTrue(noNamespace, noNamespace == null);
        Path folder = Files.createTempDirectory(TARGET, "ffmpeg-sap-");
        String noFfmpeg = Ffmpeg.unavailable(folder);
        assumeTrue(noFfmpeg, noFfmpeg == null);
        short[] source = mono(TestSignal.chirps(RATE * SECONDS, RATE));
        Path sourceFile = folder.resolve("source.wav");
        WavFiles.write(sourceFile, source, RATE, 1);

        try (NetworkNamespace namespace = NetworkNamespace.create("la-sap");
                Distribution distribution = Distribution.copyTo(folder.resolve("liveaudio"))) {
            // ffmpeg -re releases a WAV file in bursts of 2048 samples (46 ms): a buffer of 20 ms runs dry between
            // them and the playout fills in, which this test would count against the recording.
            distribution.configure("listener/org.liveaudio.listener-1.cfg", Map.of("name", "radio",
                    "stream", "Kitchen radio", "sink", "wav", "file", "recordings/radio.wav", "bufferMillis", "250"));
            Files.writeString(distribution.home().resolve("config/listener/org.liveaudio.listener-byhand.cfg"),
                    String.join("\n", "group=239.255.0.85", "port=5078", "interface=lo", "codec=L16",
                            "payloadType=11", "sampleRate=48000", "channels=2", "sink=null", ""));
            DistributionProcess listener = distribution.startIn(namespace, "listener");
            // The SAP browser listens (a log line of the framework's start may be lost to the log bundle's refresh).
            listener.awaitOutput("listener:streams", "no SAP announcements heard on lo", TIMEOUT);
            listener.awaitOutput("listener:list", "239.255.0.85:5078", TIMEOUT);

            Path log = folder.resolve("ffmpeg-sap.log");
            int exit = Ffmpeg.run(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-re", "-i",
                    sourceFile.toString(), "-c:a", "pcm_s16be", "-metadata", "title=Kitchen radio", "-f", "sap",
                    "sap://239.255.0.85:5078?ttl=1&announce_addr=239.255.255.255"), log, FFMPEG_TIMEOUT,
                    namespace::exec);
            assertEquals("ffmpeg -f sap failed:\n" + LogFiles.tail(log), 0, exit);
            listener.awaitLog("listener radio: tuned to stream \"Kitchen radio\" announced by 0.0.0.0: "
                    + "239.255.0.85:5078 L16/44100/1 PT 11", 1, TIMEOUT);
            listener.awaitLog("SAP: stream \"Kitchen radio\" withdrawn", 1, TIMEOUT);
            listener.awaitLog("do not decode as L16/48000/2 PT 11, which this listener expects; they read as L16 "
                    + "with 1 channel", 1, TIMEOUT);
            assertTrue("the listeners end on stop 0", listener.stop());

            Path recording = distribution.home().resolve("recordings/radio.wav");
            assertTrue("the recording is finalized", WavFiles.isFinalized(recording));
            // From the moment the listener heard the announcement (the first packets go before it tunes in).
            ExactRuns.assertToTheEnd("ffmpeg -f sap", source, WavFiles.read(recording, RATE, 1), 2 * RATE);
        }
    }

    private static short[] mono(short[] stereo) {
        short[] left = new short[stereo.length / 2];
        for (int i = 0; i < left.length; i++) {
            left[i] = stereo[2 * i];
        }
        return left;
    }
}
