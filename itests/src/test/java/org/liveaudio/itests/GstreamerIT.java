package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Test;

/**
 * GStreamer as a peer both ways. Its {@code rtpL16pay} and {@code rtpL24pay} send a file and our listener records
 * it sample for sample; its {@code sdpdemux} plays our L16 and L24 streams from the SDP our sender writes, and
 * records them sample for sample (L24 down to 16 bits without dither, as our 16-bit audio went out in its upper
 * bits). {@code sdpdemux} joins the group on the default interface, which it cannot be
 * told, so everything runs in a network namespace of the test's own that has only loopback.
 */
public class GstreamerIT {
    private static final int RATE = 48_000;
    private static final int SECONDS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));

    private short[] source;
    private Path folder;
    private Path sourceFile;

    @Before
    public void source() throws Exception {
        String unavailable = Distribution.unavailable();
        assumeTrue(unavailable, unavailable == null);
        String noNamespace = NetworkNamespace.unavailable();
        assumeTrue(noNamespace, noNamespace == null);
        String noGstreamer = GStreamer.unavailable();
        assumeTrue(noGstreamer, noGstreamer == null);
        folder = Files.createTempDirectory(TARGET, "gstreamer-");
        source = TestSignal.chirps(RATE * SECONDS, RATE);
        sourceFile = folder.resolve("source.wav");
        WavFiles.write(sourceFile, source, RATE, 2);
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
        playOurStream("L16", "rtpL16depay");
    }

    @Test
    public void gstreamerPlaysOurL24StreamFromOurSdp() throws Exception {
        playOurStream("L24", "rtpL24depay");
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

    private void playOurStream(String codec, String depayloader) throws Exception {
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
            Process gst = GStreamer.startFor(SECONDS + 8, List.of("filesrc", "location=" + sdp, "!", "sdpdemux",
                    "latency=100", "!", depayloader, "!", "audioconvert", "dithering=none", "noise-shaping=none", "!",
                    "audio/x-raw,format=S16LE", "!",
                    "wavenc", "!", "filesink", "location=" + recording), log, namespace::exec);
            Thread.sleep(1_000);
            sender = distribution.startIn(namespace, "sender");
            sender.awaitOutput("stream:status", "playing", TIMEOUT);
            assertTrue("gst-launch-1.0 ends when interrupted:\n" + LogFiles.tail(log),
                    gst.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            assertTrue("the sender ends on stop 0", sender.stop());

            assertWhole("our " + codec + " played by GStreamer's sdpdemux and " + depayloader, recording);
        }
    }

    private void assertWhole(String path, Path recording) throws Exception {
        ExactRuns.assertToTheEnd(path, source, WavFiles.read(recording, RATE, 2), RATE * 2);
    }
}
