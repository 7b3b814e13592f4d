package org.liveaudio.listener.drift;

import org.liveaudio.api.testing.FakeL16Codec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.testing.RecordingLogger;
import org.liveaudio.listener.buffer.Frame;
import org.liveaudio.listener.buffer.JitterBuffer;
import org.liveaudio.listener.buffer.PlayoutStep;
import org.liveaudio.listener.buffer.StreamCounters;
import org.liveaudio.listener.engine.OutputStage;

/**
 * An hour of a listener's playout on a sound card whose clock is off, in simulated time: the playout hands
 * the sink one 5 ms frame per period of the sender's clock, exactly as the playout thread's deadlines do,
 * and the card plays at its own rate in 1 ms periods.
 */
class SinkDriftSimulationTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    private static final int FRAME = 240;
    private static final int FRAMES = 720_000;
    private static final int DEVICE_PERIOD = 48;
    /** The card starts once it holds 20 ms, a usual start-up fill. */
    private static final int DEVICE_START = 960;
    /** Frames after which the target depth is settled and learned (0.6 s), as the controller does. */
    private static final int LEARNED_AFTER = 120;

    /** An hour simulated takes 20-30 s here: beyond the build's 60 s default on a slower or busier machine. */
    @ParameterizedTest(name = "{0} ppm")
    @ValueSource(ints = {200, -200})
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void anHourOnADriftingCardKeepsTheDepthWithinAFrameWithoutDroppingOrRepeatingFrames(int ppm) {
        OutputStage stage = new OutputStage("drift", STEREO, new RecordingLogger().logger());
        stage.useCodec(new FakeL16Codec(), STEREO);
        SimulatedClockSink card = new SimulatedClockSink(ppm, DEVICE_PERIOD, DEVICE_START);
        stage.attach(card);
        // 240 samples of 1 kHz are five whole cycles: one payload repeated is a continuous sine.
        byte[] payload = FakeL16Codec.encode(Sine.interleaved(FRAME, Sine.HALF_SCALE, 1_000, 1_000));
        JitterBuffer buffer = new JitterBuffer(JitterBuffer.capacityFor(0), 0, STEREO.sampleRate(),
                payload.length, new StreamCounters());
        Frame frame = new Frame(payload.length);

        long began = System.nanoTime();
        double learningSum = 0;
        double target = Double.NaN;
        long worst = 0;
        int notPlayed = 0;
        for (int i = 0; i < FRAMES; i++) {
            long senderSamples = (long) i * FRAME;
            long senderNanos = senderSamples * 1_000_000_000L / STEREO.sampleRate();
            card.advanceTo(senderSamples);
            buffer.insert(i & 0xFFFF, senderSamples, FRAME, payload, 0, payload.length, senderNanos, senderNanos);
            if (buffer.poll(senderNanos, frame) != PlayoutStep.FRAME) {
                notPlayed++;
            }
            stage.play(frame);
            long depth = card.queuedSamples();
            if (i < LEARNED_AFTER) {
                learningSum += depth;
            } else {
                if (i == LEARNED_AFTER) {
                    target = learningSum / LEARNED_AFTER;
                }
                worst = Math.max(worst, Math.round(Math.abs(depth - target)));
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;

        String sign = ppm > 0 ? "+" : "";
        DriftFigures.record("max depth deviation over 1 h, sink " + sign + ppm + " ppm", worst + " samples");
        DriftFigures.record("estimated drift after 1 h, sink " + sign + ppm + " ppm",
                String.format("%+.2f ppm", stage.sinkDriftPpm()));
        DriftFigures.record("simulating 1 h at " + sign + ppm + " ppm took", String.format("%.1f s", seconds));
        assertEquals(0, notPlayed, "frames the jitter buffer did not hand over");
        assertEquals(FRAMES, stage.framesPlayed(), "frames handed to the card");
        assertEquals(0, card.underruns, "underruns");
        assertTrue(worst <= FRAME, "depth left the target " + target + " by " + worst + " samples");
        assertTrue(card.smallestWrite >= FRAME - 2 && card.largestWrite <= FRAME + 2,
                "frames of " + card.smallestWrite + " to " + card.largestWrite + " samples written");
        assertEquals(ppm, stage.sinkDriftPpm(), 5, "estimated drift");
    }
}
