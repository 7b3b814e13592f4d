package org.liveaudio.listener.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioDecoder;
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
 * The playout thread without the sender's clock, and around it: what it says when it changes its clock, frames
 * far too late for their instants, and a codec or sink that fails. Timing is asserted only one way (never
 * sooner than allowed), so that a busy machine cannot fail it.
 */
class PlayoutLoopOwnClockTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    private static final long MS = 1_000_000L;
    private static final int FRAME_SAMPLES = 240;
    private static final long PERIOD = 5 * MS;
    private static final long SOURCE = 0x5EED_0001L;
    private static final long FIRST_TIMESTAMP = 90_000;

    private final RecordingLogger log = new RecordingLogger();
    private final WallClock wall = WallClock.anchoredNow();
    private final PlayoutSync sync = new PlayoutSync(wall, STEREO.sampleRate());
    private final LatencyMeter latency = new LatencyMeter(sync::senderEpochNanos, sync::senderEpochNanosAt);
    private final Reception reception = new Reception(96, STEREO, 20, latency);
    private final OutputStage output = new OutputStage("test", STEREO, log.logger());
    private final TimedOutput sink = new TimedOutput();
    private final AtomicInteger resyncs = new AtomicInteger();
    private PlayoutLoop loop;

    private void start(FakeL16Codec codec) {
        reception.useCodec(codec);
        reception.onNewStream(sync::lock);
        output.useCodec(codec, STEREO);
        output.attach(sink);
        loop = new PlayoutLoop("test", reception, output, latency, sync, resyncs::incrementAndGet, log.logger());
        loop.start();
    }

    @AfterEach
    void stop() {
        loop.stop();
    }

    private void receive(int index, long receivedNanos) {
        reception.onPacket(TestPacket.of(96, SOURCE, 1_000 + index, FIRST_TIMESTAMP + (long) index * FRAME_SAMPLES,
                FakeL16Codec.encode(new short[FRAME_SAMPLES * STEREO.channels()]), receivedNanos));
    }

    /** The sender's answer: its clock is this one's, frame {@link #FIRST_TIMESTAMP} captured at {@code capturedAt}. */
    private void senderAnswers(long capturedAt, long delayMicros) {
        long asked = System.nanoTime();
        long askedEpoch = wall.epochNanosAt(asked);
        TimeResponse response = new TimeResponse(SOURCE, 1, NtpTime.fromEpochNanos(askedEpoch),
                NtpTime.fromEpochNanos(askedEpoch + 100_000), NtpTime.fromEpochNanos(askedEpoch + 120_000),
                NtpTime.fromEpochNanos(wall.epochNanosAt(capturedAt)), FIRST_TIMESTAMP, delayMicros);
        sync.timeResponse(response, new InetSocketAddress("127.0.0.1", 40_000), asked + 220_000);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000 * MS;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void withoutTheSendersClockItWaitsForItThenPlaysTheNewestOfItsPrebufferOneFramePerPeriod()
            throws InterruptedException {
        start(new FakeL16Codec());
        long lockedAt = System.nanoTime();
        int frames = 40;
        int prebuffered = 4;
        receive(0, lockedAt);
        PlayoutThreads.awaitParked("test");
        for (int i = 1; i < frames; i++) {
            receive(i, lockedAt);
        }

        await("the prebuffer's frames are played", () -> sink.writes.size() >= prebuffered);

        long first = sink.writes.get(0);
        long last = sink.writes.get(prebuffered - 1);
        assertTrue(first - lockedAt >= PlayoutLoop.SYNC_WAIT_NANOS, "played " + (first - lockedAt) / 1e6
                + " ms after the lock, before the sender's clock could come");
        // A late wake-up only makes the span longer; a burst makes it shorter.
        assertTrue(last - first >= (prebuffered - 1) * PERIOD - PERIOD, prebuffered + " frames in "
                + (last - first) / 1e6 + " ms");
        assertEquals(frames - prebuffered, reception.stats().late(), "what piled up while it waited is passed over: "
                + "the 20 ms prebuffer's 4 newest frames play");
        assertEquals(List.of("listener test: the sender answers no time request (another RTP tool?); playing by this "
                + "machine's clock, 20 ms behind arrival, not in step with other listeners",
                "listener test: playing stream ssrc 0x5eed0001"), log.at("info"));
    }

    @Test
    void goingInStepAndOutOfItIsSaidEachTimeWithTheFigures() throws InterruptedException {
        start(new FakeL16Codec());
        receive(0, System.nanoTime());

        senderAnswers(System.nanoTime(), 80_000);
        String inStep = "listener test: playing in step with the sender, 80.000 ms after capture (clock offset "
                + "+0.000 ms, round trip 0.200 ms)";
        await("in step", () -> log.at("info").contains(inStep));
        sync.useClock(wall);

        await("out of step", () -> log.at("info").contains("listener test: the sender answers no time request "
                + "(another RTP tool?); playing by this machine's clock, 20 ms behind arrival, not in step with other "
                + "listeners"));
        assertEquals(1, log.at("info").stream().filter(inStep::equals).count());
    }

    @Test
    void framesFarPastTheirInstantsAreDroppedAndARunOfThemAsksForTheSendersClockOnce() throws InterruptedException {
        start(new FakeL16Codec());
        long now = System.nanoTime();
        int frames = 20;
        receive(0, now);
        PlayoutThreads.awaitParked("test");
        for (int i = 1; i < frames; i++) {
            receive(i, now);
        }

        senderAnswers(now - 1_000 * MS, 80_000);

        await("every frame is dropped", () -> reception.stats().late() >= frames);
        assertEquals(List.of(), sink.writes);
        assertEquals(1, resyncs.get(), "one request after 8 late frames in a row, not one per frame");
    }

    @Test
    void aSinkThatThrowsIsWarnedOfOnceAndPlayoutGoesOn() throws InterruptedException {
        sink.failure = new IllegalStateException("line unplugged");
        start(new FakeL16Codec());
        long lockedAt = System.nanoTime() - PlayoutLoop.SYNC_WAIT_NANOS;
        for (int i = 0; i < 8; i++) {
            receive(i, lockedAt);
        }

        await("three writes tried", () -> sink.attempts.get() >= 3);

        assertEquals(List.of("WARN listener test: playing a frame failed; counting further failures without logging "
                + "them"), log.warnings());
    }

    @Test
    void aDecoderThatCannotBeMadeIsWarnedOfOnceAndPlayoutGoesOn() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        start(new FakeL16Codec() {
            @Override
            public AudioDecoder newDecoder(AudioFormat format, int samplesPerFrame) {
                attempts.incrementAndGet();
                throw new IllegalStateException("codec bundle going away");
            }
        });
        long lockedAt = System.nanoTime() - PlayoutLoop.SYNC_WAIT_NANOS;
        for (int i = 0; i < 8; i++) {
            receive(i, lockedAt);
        }

        await("three decoders tried", () -> attempts.get() >= 3);

        assertEquals(List.of("WARN listener test: playing a frame failed; counting further failures without logging "
                + "them"), log.warnings());
    }

    @Test
    void theThreadFollowsTheListenersNameAndStopsQuietly() {
        start(new FakeL16Codec());

        loop.rename("kitchen");

        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(PlayoutLoop.THREAD_PREFIX + "kitchen")));
        loop.stop();
        assertEquals(List.of(), log.warnings());
    }

    /** Notes the instant of each write; throws {@link #failure} instead where one is set. */
    private static final class TimedOutput implements AudioOutput {
        final List<Long> writes = new CopyOnWriteArrayList<>();
        final AtomicInteger attempts = new AtomicInteger();
        volatile RuntimeException failure;

        @Override
        public String description() {
            return "timed";
        }

        @Override
        public void write(short[] pcm, int count) {
            attempts.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            writes.add(System.nanoTime());
        }

        @Override
        public long samplesWritten() {
            return (long) writes.size() * FRAME_SAMPLES;
        }

        @Override
        public void close() {
        }
    }
}
