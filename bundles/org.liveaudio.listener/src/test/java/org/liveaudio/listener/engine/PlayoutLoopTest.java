package org.liveaudio.listener.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.api.net.NtpTime;
import org.liveaudio.api.net.TimeResponse;
import org.liveaudio.api.testing.FakeL16Codec;
import org.liveaudio.api.testing.RecordingLogger;
import org.liveaudio.listener.latency.LatencyMeter;
import org.liveaudio.listener.rtcp.WallClock;
import org.liveaudio.listener.sync.PlayoutSync;

/**
 * The playout thread in step with the sender, driven through its public API: a {@link Reception} fed packets, a
 * {@link PlayoutSync} given the sender's answer, and an output that notes when each frame reaches it.
 */
class PlayoutLoopTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    private static final long MS = 1_000_000L;
    private static final int FRAME_SAMPLES = 240;
    private static final long PERIOD = 5 * MS;
    private static final int FRAMES = 20;
    private static final long SOURCE = 0x5EED_0001L;
    private static final long LISTENER = 0x0000_BEEFL;
    private static final long FIRST_TIMESTAMP = 90_000;
    private static final long DELAY_MICROS = 80_000;
    private static final InetSocketAddress SENDER_AT = new InetSocketAddress("127.0.0.1", 40_000);
    /**
     * How late a hand-over may be: the wait spins to the instant, so on an idle core a frame goes over within
     * microseconds. One period later it would run into the next frame's slot, which is what playing in step must
     * never do; but a busy machine (a build beside the test, or PIT's runs) may preempt the thread that long, so
     * this is asserted of most frames, and of every frame only that none is early.
     */
    private static final long LATE_TOLERANCE = PERIOD;

    private final RecordingLogger log = new RecordingLogger();
    private final WallClock wall = WallClock.anchoredNow();
    private final PlayoutSync sync = new PlayoutSync(wall, STEREO.sampleRate());
    private final LatencyMeter latency = new LatencyMeter(sync::senderEpochNanos, sync::senderEpochNanosAt);
    /** The default 20 ms buffer: the frames play once four of them are in, as a stream that just began does. */
    private final Reception reception = new Reception(96, STEREO, 20, latency);
    private final OutputStage output = new OutputStage("test", STEREO, log.logger());
    private final TimedOutput sink = new TimedOutput();
    private final AtomicInteger resyncs = new AtomicInteger();
    private PlayoutLoop loop;

    @BeforeEach
    void start() {
        reception.useCodec(new FakeL16Codec());
        // As the engine wires it: the stream the reception locks onto is the one the sync plans for.
        reception.onNewStream(sync::lock);
        output.useCodec(new FakeL16Codec(), STEREO);
        output.attach(sink);
        loop = new PlayoutLoop("test", reception, output, latency, sync, resyncs::incrementAndGet, log.logger());
        loop.start();
    }

    @AfterEach
    void stop() {
        loop.stop();
    }

    /** Frame {@code index} of a recognisable signal: every value differs from its neighbours. */
    private static short[] pcm(int index) {
        short[] values = new short[FRAME_SAMPLES * STEREO.channels()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (short) (index * 7919 + i * 31 - 20_000);
        }
        return values;
    }

    /**
     * The sender answers a time request: its clock is this one's (100 us each way, 20 us inside the sender), frame
     * {@link #FIRST_TIMESTAMP} was captured at {@code capturedAt} and plays {@link #DELAY_MICROS} later.
     */
    private void senderAnswers(long capturedAt) {
        long asked = System.nanoTime();
        long askedEpoch = wall.epochNanosAt(asked);
        TimeResponse response = new TimeResponse(SOURCE, LISTENER, NtpTime.fromEpochNanos(askedEpoch),
                NtpTime.fromEpochNanos(askedEpoch + 100_000), NtpTime.fromEpochNanos(askedEpoch + 120_000),
                NtpTime.fromEpochNanos(wall.epochNanosAt(capturedAt)), FIRST_TIMESTAMP, DELAY_MICROS);
        sync.timeResponse(response, SENDER_AT, asked + 220_000);
    }

    private void receive(int index) {
        reception.onPacket(TestPacket.of(96, SOURCE, 1_000 + index, FIRST_TIMESTAMP + (long) index * FRAME_SAMPLES,
                FakeL16Codec.encode(pcm(index)), System.nanoTime()));
    }

    @Test
    void eachFrameIsHandedOverInSequenceAtItsInstantOnTheSendersClockPlusTheDelay() throws InterruptedException {
        // Far enough ahead for a cold JVM to have the playout thread waiting before the first instant.
        long capturedAt = System.nanoTime() + 200 * MS;
        receive(0);
        PlayoutThreads.awaitParked("test");
        for (int i = 1; i < FRAMES; i++) {
            receive(i);
        }
        senderAnswers(capturedAt);

        sink.awaitWrites(FRAMES);
        List<TimedOutput.Write> writes = sink.writes.subList(0, FRAMES);
        List<String> early = new ArrayList<>();
        List<String> late = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            TimedOutput.Write write = writes.get(i);
            assertArrayEquals(pcm(i), write.pcm(), "frame " + i + " in its place");
            // The sender's clock is this one, so frame i plays DELAY after its capture, 5 ms after frame i - 1.
            long due = capturedAt + DELAY_MICROS * 1_000 + i * PERIOD;
            long after = write.atNanos() - due;
            String placed = "frame " + i + " " + after / 1e6 + " ms after its instant";
            if (after < 0) {
                early.add(placed);
            } else if (after > LATE_TOLERANCE) {
                late.add(placed);
            }
        }
        assertEquals(List.of(), early, "hand-overs before their instant");
        assertTrue(late.size() <= FRAMES / 2, "hand-overs more than a period after their instant: " + late);
        assertEquals(0, resyncs.get(), "no frame was late, so no new time exchange was asked for");
    }

    @Test
    void aFrameWhoseSinkComesShortlyBeforeItsInstantStillGoesToIt() throws InterruptedException {
        // As for a listener that takes over the sink its departing predecessor still plays into.
        output.detach();
        for (int i = 0; i < FRAMES; i++) {
            receive(i);
        }
        // The first instant 45 ms ahead as the plan comes: within the playout's reach at once, so that a frame
        // prepared as soon as it could be would find no sink yet.
        long firstInstant = System.nanoTime() + 45 * MS;
        senderAnswers(firstInstant - DELAY_MICROS * 1_000);
        long attachAt = firstInstant - 20 * MS;
        while (attachAt - System.nanoTime() > 0) {
            Thread.sleep(1);
        }
        output.attach(sink);

        sink.awaitWrites(FRAMES);
        assertArrayEquals(pcm(0), sink.writes.get(0).pcm(), "the first frame, prepared once its sink had come");
    }

    /** Notes the instant of each write and what was written. */
    private static final class TimedOutput implements AudioOutput {
        record Write(long atNanos, short[] pcm) {
        }

        final List<Write> writes = new CopyOnWriteArrayList<>();
        private volatile long samples;

        @Override
        public String description() {
            return "timed";
        }

        @Override
        public void write(short[] pcm, int count) {
            long at = System.nanoTime();
            writes.add(new Write(at, Arrays.copyOf(pcm, count * STEREO.channels())));
            samples += count;
        }

        @Override
        public long samplesWritten() {
            return samples;
        }

        @Override
        public void close() {
        }

        void awaitWrites(int count) throws InterruptedException {
            long deadline = System.nanoTime() + 10_000 * MS;
            while (writes.size() < count) {
                assertTrue(System.nanoTime() < deadline, "only " + writes.size() + " of " + count + " frames written");
                Thread.sleep(5);
            }
        }
    }
}
