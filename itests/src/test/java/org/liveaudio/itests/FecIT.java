package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Packet FEC end to end through the real bundles: the sender streams an L16 file with Reed-Solomon repair to its
 * group, a {@link LossyRelay} forwards it to the listener's group losing packets, and the listener records what it
 * plays. At 5 % random loss every lost packet is rebuilt, so the recording is the source sample for sample; under
 * bursts, every packet the relay dropped is either rebuilt or counted lost, and every lost one concealed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FecIT extends StreamingTestSupport {
    private static final int SAMPLE_RATE = 48_000;
    private static final int CHANNELS = 2;
    private static final int FRAME_SAMPLES = SAMPLE_RATE * 5 / 1000;
    /** 3 s, a whole number of 5 ms frames. */
    private static final int SOURCE_SAMPLES = 600 * FRAME_SAMPLES;
    private static final int FRAMES_PAST_THE_END = 20;
    /** Frames played before loss starts: the listener has locked on, seen the repair stream and trimmed its prebuffer. */
    private static final int CLEAN_PACKETS = 40;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Configuration
    public Option[] config() {
        return config("FecIT");
    }

    @Test
    public void atFivePercentRandomLossEveryLostPacketIsRebuiltAndTheRecordingIsBitExact() throws Exception {
        // 10 + 6 rather than the default 10 + 5: a block is then lost only if 7 of its 16 packets are (about 1 in
        // 170 000 at 5 %, against 1 in 16 000 with 10 + 5), so that the run's 60 blocks all come back in all but
        // 1 run in 3 000.
        Run run = stream("random", LossModel.random(0.05, 20_261_206L), Map.of("fec", "rs", "fecRepairPackets", "6"));

        assertTrue("the relay dropped source packets: " + run.dropped, run.dropped >= 10);
        assertEquals(run.describe(), 0, run.stats.lost());
        assertEquals(run.describe(), run.dropped, run.stats.fecRecovered());
        assertEquals(run.describe(), 0, run.stats.concealedFrames());
        // By its own clock the listener starts from the newest frames of its prebuffer: the rest of the source.
        RecordingMatch.assertPlaysTheRestOf("random", run.source, WavFiles.read(run.recording, SAMPLE_RATE, CHANNELS),
                CHANNELS, SAMPLE_RATE / 2);
    }

    @Test
    public void underBurstsEveryDroppedPacketIsRebuiltOrCountedLostAndConcealed() throws Exception {
        // Seed 9: its bursts, which take the repair packets crossing the link as well, dropped 41 of 752 source
        // packets and 9 of 372 repair packets in a run, so that every run has loss to repair. The link's one chain
        // draws for the two streams' packets in the order they cross it, the order the sender sends them.
        Run run = stream("bursts", LossModel.gilbertElliott(0.05, 4, 9L),
                Map.of("fec", "rs", "fecSourcePackets", "6", "fecRepairPackets", "3", "fecDepth", "2"));

        assertTrue("the relay dropped source packets: " + run.dropped, run.dropped >= 10);
        assertTrue(run.describe(), run.stats.fecRecovered() > 0);
        assertEquals(run.describe(), run.dropped, run.stats.lost() + run.stats.fecRecovered());
        assertEquals(run.describe(), run.stats.lost(), run.stats.concealedFrames() + run.stats.passedOver());
    }

    @Test
    public void ffmpegPlaysTheSourcePacketsOfAStreamWithFecFromItsSdp() throws Exception {
        Path folder = Files.createDirectories(targetDir().resolve("FecIT"));
        String noFfmpeg = Ffmpeg.unavailable(folder);
        assumeTrue(noFfmpeg, noFfmpeg == null);
        Path source = folder.resolve("looped-source.wav");
        short[] values = TestSignal.stereo(SOURCE_SAMPLES, SAMPLE_RATE);
        WavFiles.write(source, values, SAMPLE_RATE, CHANNELS);
        Path sdp = folder.resolve("fec.sdp");
        Path recording = folder.resolve("ffmpeg-recording.wav");
        Files.deleteIfExists(sdp);
        Files.deleteIfExists(recording);
        configureSender(merge(randomLoopbackEndpoint(), Map.of("source", "file", "file", source.toString(),
                "loop", "true", "fec", "rs", "sdpFile", sdp.toString())));
        awaitSender();
        waitUntil("the sender has written " + sdp, TIMEOUT, () -> Files.isRegularFile(sdp));
        String description = Files.readString(sdp);
        assertTrue(description, description.contains("a=group:FEC-FR S1 R1"));

        Path log = folder.resolve("ffmpeg-fec.log");
        int exit = Ffmpeg.run(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-protocol_whitelist",
                "file,udp,rtp", "-localaddr", "127.0.0.1", "-i", sdp.toString(), "-map", "0:a", "-t", "2",
                "-y", recording.toString()), log, Duration.ofSeconds(30));
        assertEquals("ffmpeg recording from " + sdp + ":\n" + description + LogFiles.tail(log), 0, exit);
        RecordingMatch.assertStretchOfLoop("ffmpeg", values, WavFiles.read(recording, SAMPLE_RATE, CHANNELS),
                CHANNELS);
    }

    private Run stream(String name, LossModel.Link loss, Map<String, Object> fec) throws Exception {
        Path folder = targetDir().resolve("FecIT");
        Files.createDirectories(folder);
        Path source = folder.resolve(name + "-source.wav");
        short[] values = TestSignal.stereo(SOURCE_SAMPLES, SAMPLE_RATE);
        WavFiles.write(source, values, SAMPLE_RATE, CHANNELS);
        Path recording = folder.resolve(name + ".wav");
        Files.deleteIfExists(recording);

        Map<String, Object> senderSide = randomLoopbackEndpoint();
        Map<String, Object> listenerSide = new HashMap<>(senderSide);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        listenerSide.put("group", "239.254." + random.nextInt(1, 255) + "." + random.nextInt(1, 255));
        int port = Integer.parseInt(senderSide.get("port").toString());
        try (LossyRelay relay = new LossyRelay(senderSide.get("group").toString(),
                listenerSide.get("group").toString(), port, LossModel.NONE)) {
            // No RTCP crosses the relay: the listener plays by its own clock after a prebuffer long enough for
            // a block's repairs.
            org.osgi.service.cm.Configuration listenerConfiguration = addListener(name, merge(listenerSide,
                    Map.of("sink", "wav", "file", recording.toString(), "bufferMillis", "120")));
            ListenerControl listener = awaitListener(name);
            configureSender(merge(senderSide, fec, Map.of("source", "file", "file", source.toString(),
                    "loop", "false")));
            awaitSender();
            waitUntil(name + " plays the stream", TIMEOUT, () -> listener.stats().framesPlayed() >= CLEAN_PACKETS);
            ListenerStats clean = listener.stats();
            relay.lose(loss);
            long sourceFrames = SOURCE_SAMPLES / FRAME_SAMPLES;
            waitUntil(name + " has played the whole file", TIMEOUT,
                    () -> listener.stats().framesPlayed() >= sourceFrames + FRAMES_PAST_THE_END);
            relay.lose(LossModel.NONE);
            Thread.sleep(400); // every gap is at or past its instant: lost or rebuilt by now
            ListenerStats stats = since(clean, listener.stats());
            long dropped = relay.sourceDropped();
            System.out.printf("FecIT %s (%s, %s): relay dropped %d of %d source and %d of %d repair packets; %s%n",
                    name, loss.describe(), fec, dropped, dropped + relay.sourceForwarded(), relay.repairDropped(),
                    relay.repairDropped() + relay.repairForwarded(), stats.counters());
            delete(listenerConfiguration);
            waitUntil(name + " has closed its recording", Duration.ofSeconds(15),
                    () -> !listenerRegistered(name) && WavFiles.isFinalized(recording));
            return new Run(values, recording, stats, dropped);
        }
    }

    /** The counters of {@code after} less those of {@code before}. */
    private static ListenerStats since(ListenerStats before, ListenerStats after) {
        Map<String, Long> counters = new HashMap<>();
        after.counters().forEach((name, value) -> counters.put(name, value - before.count(name)));
        return new ListenerStats(after.name(), after.endpoint(), after.ssrc(), after.codec(), after.jitterMillis(),
                after.bufferedFrames(), after.sink(), counters);
    }

    private record Run(short[] source, Path recording, ListenerStats stats, long dropped) {
        String describe() {
            return "dropped " + dropped + ", listener " + stats.counters();
        }
    }
}
