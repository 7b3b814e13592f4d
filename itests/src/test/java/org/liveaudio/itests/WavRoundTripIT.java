package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * A WAV file streamed by the sender over loopback multicast to two listeners, each recording with the WAV sink,
 * comes out of both recordings sample for sample: L16 is lossless, so anything else is a bug on the path.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WavRoundTripIT extends StreamingTestSupport {
    /** 100 ms of 5 ms frames. */
    private static final int FRAMES_PAST_THE_END = 20;
    private static final int SAMPLE_RATE = 48_000;
    private static final int CHANNELS = 2;
    private static final int FRAME_SAMPLES = SAMPLE_RATE * 5 / 1000;
    /** 3 s, a whole number of 5 ms frames. */
    private static final int SOURCE_SAMPLES = 600 * FRAME_SAMPLES;
    /** Where the source must start in a recording: it may open on silence, not on more than a second of it. */
    private static final int MAX_LEADING_SILENCE = SAMPLE_RATE;

    @Configuration
    public Option[] config() {
        return config("WavRoundTripIT");
    }

    @Test
    public void everySourceSampleArrivesUnchangedAtEveryListener() throws Exception {
        Path folder = targetDir().resolve("WavRoundTripIT");
        Files.createDirectories(folder);
        Path source = folder.resolve("source.wav");
        short[] sourceValues = TestSignal.stereo(SOURCE_SAMPLES, SAMPLE_RATE);
        WavFiles.write(source, sourceValues, SAMPLE_RATE, CHANNELS);

        Map<String, Object> endpoint = randomLoopbackEndpoint();
        Map<String, Path> recordings = new LinkedHashMap<>();
        Map<String, org.osgi.service.cm.Configuration> configurations = new LinkedHashMap<>();
        Map<String, ListenerControl> listeners = new LinkedHashMap<>();
        for (String name : new String[] {"left-room", "right-room"}) {
            Path recording = folder.resolve(name + ".wav");
            Files.deleteIfExists(recording);
            recordings.put(name, recording);
            configurations.put(name, addListener(name, merge(endpoint,
                    Map.of("sink", "wav", "file", recording.toString()))));
        }
        for (String name : recordings.keySet()) {
            listeners.put(name, awaitListener(name));
        }

        // Both listeners have joined the group before the first packet is sent.
        configureSender(merge(endpoint, Map.of("source", "file", "file", source.toString(), "loop", "false")));
        awaitSender();

        long sourceFrames = SOURCE_SAMPLES / FRAME_SAMPLES;
        for (ListenerControl listener : listeners.values()) {
            // Played frames count filler too (a slot before the first frame came): the file has surely been played
            // once the listener is some frames past it, into the silence the sender sends after the file's end.
            waitUntil(listener.name() + " has played the whole file", Duration.ofSeconds(30),
                    () -> listener.stats().framesPlayed() >= sourceFrames + FRAMES_PAST_THE_END);
        }
        Map<String, ListenerStats> finalStats = new LinkedHashMap<>();
        listeners.forEach((name, listener) -> finalStats.put(name, listener.stats()));

        // Deleting a listener's configuration stops it, which finalizes its recording.
        for (Map.Entry<String, org.osgi.service.cm.Configuration> entry : configurations.entrySet()) {
            delete(entry.getValue());
        }
        for (Map.Entry<String, Path> entry : recordings.entrySet()) {
            waitUntil(entry.getKey() + " has stopped and closed " + entry.getValue(), Duration.ofSeconds(15),
                    () -> !listenerRegistered(entry.getKey()) && WavFiles.isFinalized(entry.getValue()));
        }

        for (Map.Entry<String, Path> entry : recordings.entrySet()) {
            ListenerStats stats = finalStats.get(entry.getKey());
            assertEquals(entry.getKey() + " lost packets: " + stats, 0, stats.lost());
            assertEquals(entry.getKey() + " had late packets: " + stats, 0, stats.late());
            short[] recorded = WavFiles.read(entry.getValue(), SAMPLE_RATE, CHANNELS);
            RecordingMatch.assertContainsAfterSilence(entry.getKey(), sourceValues, recorded, CHANNELS,
                    MAX_LEADING_SILENCE);
        }
    }
}
