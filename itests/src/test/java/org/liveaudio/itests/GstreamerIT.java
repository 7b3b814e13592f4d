package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Test;

/**
 * GStreamer as a peer both ways. Its {@code rtpL16pay} and {@code rtpL24pay} send a file and our listener records
 * it sample for sample; its {@code sdpdemux} plays our L16 and L24 streams from the SDP our sender writes, and
 * records them sample for sample (L24 down to 16 bits without dither, as our 16-bit audio went out in its upper
 * bits), and our Opus stream through {@code rtpopusdepay} and {@code opusdec}, compared with the source by
 * cross-correlation ({@link Correlation}) as Opus is lossy. {@code sdpdemux} joins the group on the default
 * interface, which it cannot be told, so everything runs in a network namespace of the test's own that has only
 * loopback.
 */
public class GstreamerIT {
    private static final int RATE = 48_000;
    private static final int SECONDS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /**
     * Opus at its default 128 kbit/s keeps the chirps above 0.99 (FfmpegOpusIT's figures); a recording shifted,
     * garbled or mostly silent falls far below.
     */
    private static final double MIN_OPUS_CORRELATION = 0.9;
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));

    private short[] source;
    private Path folder;
    private Path sourceFile;

    @Before
    public void source() throws Exception {
        NetworkNamespace.assumeDistributionRunsInOne();
        String noGstreamer = GStreamer.unavailable();
        assumeTrue(noGstreamer, noGstreamer == null);
        folder = Files.createTempDirectory(TARGET, "gstreamer-");
        sourceFile = folder.resolve("source.wav");
        source = TestSignal.chirpsFile(sourceFile, RATE, SECONDS);
    }

    @Test
    public void ourListenerRecordsGstreamersL16SampleForSample() throws Exception {
        recordGstreamer("L16", "S16BE", "rtpL16pay", 96);
    }

    @Test
    public void ourListenerRecordsGstreamersL24SampleForSample() throws Exception {
        recordGstreamer("L24", "S24BE", "rtpL24pay", 97);
    }

    @Test
    public void gstreamerPlaysOurL16StreamFromOurSdp() throws Exception {
        assertWhole("our L16 played by GStreamer's sdpdemux and rtpL16depay",
                playOurStream("L16", List.of("rtpL16depay")));
    }

    @Test
    public void gstreamerPlaysOurL24StreamFromOurSdp() throws Exception {
        assertWhole("our L24 played by GStreamer's sdpdemux and rtpL24depay",
                playOurStream("L24", List.of("rtpL24depay")));
    }

    @Test
    public void gstreamerPlaysOurOpusStreamFromOurSdp() throws Exception {
        short[] recorded = WavFiles.read(playOurStream("opus", List.of("rtpopusdepay", "!", "opusdec")), RATE, 2);
        Correlation.Match match = Correlation.best(source, recorded, 2, RATE, RATE);
        String figures = String.format(Locale.ROOT, "correlation %.4f at delay %.1f ms of %d samples recorded",
                match.correlation(), match.delayMillis(RATE), recorded.length / 2);
        System.out.println("GstreamerIT: our Opus played by GStreamer's opusdec: " + figures);
        assertTrue("our Opus played by GStreamer's sdpdemux, rtpopusdepay and opusdec: " + figures
                + ", expected above " + MIN_OPUS_CORRELATION, match.correlation() > MIN_OPUS_CORRELATION);
    }

    private void recordGstreamer(String codec, String format, String payloader, int payloadType) throws Exception {
        try (NetworkNamespace namespace = NetworkNamespace.create("la-gst");
                Distribution distribution = Distribution.copyTo(folder.resolve("liveaudio-" + codec))) {
            distribution.configure("listener/org.liveaudio.listener-1.cfg", Map.of("group", "239.255.0.86",
                    "port", "5080", "codec", codec, "payloadType", String.valueOf(payloadType), "sink", "wav",
                    "file", "recordings/gst.wav", "bufferMillis", "100"));
            DistributionProcess listener = distribution.startIn(namespace, "listener");
            listener.awaitOutput("listener:list", "239.255.0.86:5080", TIMEOUT);

            Path log = folder.resolve("gst-send-" + codec + ".log");
            int exit = GStreamer.run(List.of("filesrc", "location=" + sourceFile, "!", "wavparse", "!",
                    "audioconvert", "!", "audio/x-raw,format=" + format + ",rate=48000,channels=2", "!", payloader,
                    "pt=" + payloadType, "!", "udpsink", "host=239.255.0.86", "port=5080", "ttl-mc=1",
                    "auto-multicast=true", "sync=true"), log, TIMEOUT, namespace::exec);
            assertEquals("gst-launch-1.0 failed:\n" + LogFiles.tail(log), 0, exit);
            listener.awaitLog("playing stream ssrc", 1, TIMEOUT);
            Thread.sleep(500);
            assertTrue("the listener ends on stop 0", listener.stop());

            assertWhole(codec + " from GStreamer's " + payloader, distribution.home().resolve("recordings/gst.wav"));
        }
    }

    /** Our sender streams the source in {@code codec}; what GStreamer recorded from its SDP through {@code decoder}. */
    private Path playOurStream(String codec, List<String> decoder) throws Exception {
        try (NetworkNamespace namespace = NetworkNamespace.create("la-gst");
                Distribution distribution = Distribution.copyTo(folder.resolve("liveaudio-" + codec))) {
            Path sdp = distribution.home().resolve("liveaudio.sdp");
            distribution.configure("sender/org.liveaudio.sender.cfg", Map.of("group", "239.255.0.87", "port",
                    "5082", "codec", codec, "source", "file", "file", sourceFile.toString(), "loop", "false",
                    "frameMillis", "5", "sdpFile", sdp.toString()));
            DistributionProcess sender = distribution.startIn(namespace, "sender");
            sender.awaitOutput("stream:sdp", "a=rtpmap:96 " + codec + "/48000/2", TIMEOUT);
            assertTrue(Files.readString(sdp), Files.readString(sdp).contains(codec + "/48000/2"));
            assertTrue("the sender ends on stop 0", sender.stop());

            // GStreamer first, then a new run of our sender, so that it hears the file from its start.
            Path recording = folder.resolve("gst-" + codec + ".wav");
            Path log = folder.resolve("gst-play-" + codec + ".log");
            List<String> pipeline = new ArrayList<>(List.of("filesrc", "location=" + sdp, "!", "sdpdemux",
                    "latency=100", "!"));
            pipeline.addAll(decoder);
            pipeline.addAll(List.of("!", "audioconvert", "dithering=none", "noise-shaping=none", "!",
                    "audio/x-raw,format=S16LE,rate=48000,channels=2", "!", "wavenc", "!", "filesink",
                    "location=" + recording));
            Process gst = GStreamer.startFor(SECONDS + 8, pipeline, log, namespace::exec);
            Thread.sleep(1_000);
            sender = distribution.startIn(namespace, "sender");
            sender.awaitOutput("stream:status", "playing", TIMEOUT);
            assertTrue("gst-launch-1.0 ends when interrupted:\n" + LogFiles.tail(log),
                    gst.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            assertTrue("the sender ends on stop 0", sender.stop());
            return recording;
        }
    }

    private void assertWhole(String path, Path recording) throws Exception {
        ExactRuns.assertToTheEnd(path, source, WavFiles.read(recording, RATE, 2), RATE * 2);
    }
}
