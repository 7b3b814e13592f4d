package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;

/**
 * PipeWire as a peer: the RTP sink a desktop offers ({@code module-rtp-sink}) sends what {@code pw-cat} plays into
 * it and announces it by SAP at PipeWire's own default address, 224.0.0.56; our listener, tuned by the announced
 * name, records it sample for sample. The other way, PipeWire's RTP source hears our sender's SAP announcement, by
 * name, and receives our stream into a source node that {@code pw-record} records. PipeWire runs headless (a dummy
 * driver for a clock, WirePlumber to link the streams), and everything runs in a network namespace of the test's
 * own that has only loopback.
 */
public class PipeWireIT {
    private static final int RATE = 48_000;
    private static final int SECONDS = 6;
    private static final String NAME = "PipeWire desktop";
    private static final String GROUP = "239.255.0.88";
    private static final int PORT = 5090;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The listener joins once it hears the first announcement, which PipeWire sends as the sink starts to play. */
    private static final int LATEST_START = 2 * RATE * 2;
    private static final String OUR_NAME = "Live Audio Streamer for PipeWire";
    private static final String OUR_GROUP = "239.255.0.89";
    private static final int OUR_PORT = 5092;
    /** Where RFC 2974 puts SAP for 239.255.0.0/16, and so where our sender announces; PipeWire is told to listen. */
    private static final String SCOPE_SAP_ADDRESS = "239.255.255.255";
    /** Longer than the looped source plus the window searched for, so the window lies whole in the recording. */
    private static final int RECORD_SECONDS = SECONDS + 2;
    /**
     * PipeWire's RTP source resamples a little to hold its latency against the sender's clock, so the recording is
     * not the source sample for sample; a recording that is garbled, shifted or silent correlates far below this.
     */
    private static final double MIN_CORRELATION = 0.98;
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));

    private Path folder;
    private short[] source;
    private Path sourceFile;

    @Before
    public void source() throws Exception {
        NetworkNamespace.assumeDistributionRunsInOne();
        String noPipeWire = PipeWire.unavailable();
        assumeTrue(noPipeWire, noPipeWire == null);
        folder = Files.createTempDirectory(TARGET, "pipewire-");
        sourceFile = folder.resolve("source.wav");
        source = TestSignal.chirpsFile(sourceFile, RATE, SECONDS);
    }

    @Test
    public void ourListenerTunedByNameRecordsPipeWiresRtpSinkSampleForSample() throws Exception {
        try (NetworkNamespace namespace = NetworkNamespace.create("la-pw");
                Distribution distribution = Distribution.copyTo(folder.resolve("liveaudio"))) {
            distribution.configure("listener/org.liveaudio.listener-1.cfg", Map.of("name", "desktop",
                    "stream", NAME, "sink", "wav", "file", "recordings/desktop.wav", "bufferMillis", "100"));
            DistributionProcess listener = distribution.startIn(namespace, "listener");
            listener.awaitOutput("listener:streams", "no SAP announcements heard on lo", TIMEOUT);

            try (PipeWire pipeWire = PipeWire.startRtpSink(Files.createDirectories(folder.resolve("pipewire")), NAME,
                    GROUP, PORT, namespace::exec)) {
                int exit = pipeWire.play(sourceFile, TIMEOUT);
                assertEquals("pw-cat failed" + pipeWire.logs(), 0, exit);
                listener.awaitLog("listener desktop: tuned to stream \"" + NAME + "\" announced by ", 1, TIMEOUT);
                listener.awaitLog(GROUP + ":" + PORT + " L16/48000/2 PT 127", 1, TIMEOUT);
            }
            Thread.sleep(1_000);
            assertTrue("the listener ends on stop 0", listener.stop());

            Path recording = distribution.home().resolve("recordings/desktop.wav");
            assertTrue("the recording is finalized", WavFiles.isFinalized(recording));
            ExactRuns.assertToTheEnd("PipeWire's module-rtp-sink", source, WavFiles.read(recording, RATE, 2),
                    LATEST_START);
        }
    }

    @Test
    public void pipeWireFindsOurStreamBySapAndPlaysIt() throws Exception {
        try (NetworkNamespace namespace = NetworkNamespace.create("la-pw");
                Distribution distribution = Distribution.copyTo(folder.resolve("liveaudio"))) {
            distribution.configure("sender/org.liveaudio.sender.cfg", Map.of("group", OUR_GROUP, "port",
                    String.valueOf(OUR_PORT), "name", OUR_NAME, "sapIntervalSeconds", "1", "source", "file", "file",
                    sourceFile.toString(), "loop", "true"));
            try (PipeWire pipeWire = PipeWire.startRtpSource(Files.createDirectories(folder.resolve("pipewire")),
                    SCOPE_SAP_ADDRESS, OUR_NAME, namespace::exec)) {
                DistributionProcess sender = distribution.startIn(namespace, "sender");
                sender.awaitOutput("stream:status", "playing", TIMEOUT);
                pipeWire.awaitNode(PipeWire.SOURCE);
                Path recording = folder.resolve("pipewire-recording.wav");
                int exit = pipeWire.record(PipeWire.SOURCE, recording, RECORD_SECONDS);
                assertTrue("the sender ends on stop 0", sender.stop());
                // timeout's 124: pw-record ran until the interrupt ended it, as it should.
                assertTrue("pw-record failed (exit " + exit + ")" + pipeWire.logs(), exit == 0 || exit == 124);

                short[] recorded = WavFiles.read(recording, RATE, 2);
                Correlation.Match match = Correlation.best(source, recorded, 2, RATE, RATE);
                String figures = String.format(Locale.ROOT, "correlation %.4f at delay %.1f ms of %d samples "
                        + "recorded", match.correlation(), match.delayMillis(RATE), recorded.length / 2);
                System.out.println("PipeWireIT: our L16 received by PipeWire's module-rtp-source: " + figures);
                assertTrue("our L16 stream recorded from PipeWire's RTP source: " + figures + ", expected above "
                        + MIN_CORRELATION, match.correlation() > MIN_CORRELATION);
            }
        }
    }
}
