package org.liveaudio.listener.drift;

import org.liveaudio.api.testing.FakeL16Codec;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.testing.RecordingLogger;
import org.liveaudio.listener.buffer.Frame;
import org.liveaudio.listener.buffer.JitterBuffer;
import org.liveaudio.listener.buffer.StreamCounters;
import org.liveaudio.listener.engine.OutputStage;

class ResamplingAllocationTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    private static final int FRAME = 240;
    private static final int FRAMES = 20_000;

    @Test
    void playingThroughTheResamplerAllocatesNothingPerFrame() {
        OutputStage stage = new OutputStage("drift", STEREO, new RecordingLogger().logger());
        stage.useCodec(new FakeL16Codec(), STEREO);
        SimulatedClockSink card = new SimulatedClockSink(200, 48, 960);
        stage.attach(card);
        byte[] payload = FakeL16Codec.encode(Sine.interleaved(FRAME, Sine.HALF_SCALE, 1_000, 1_000));
        JitterBuffer buffer = new JitterBuffer(JitterBuffer.capacityFor(0), 0, STEREO.sampleRate(),
                payload.length, new StreamCounters());
        Frame frame = new Frame(payload.length);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        play(stage, card, buffer, frame, payload, 0, FRAMES);
        long before = threads.getCurrentThreadAllocatedBytes();
        play(stage, card, buffer, frame, payload, FRAMES, FRAMES);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated < FRAMES / 2, allocated + " bytes allocated for " + FRAMES + " frames");
        assertTrue(!Double.isNaN(stage.sinkDriftPpm()), "the frames went through drift compensation");
    }

    private static void play(OutputStage stage, SimulatedClockSink card, JitterBuffer buffer, Frame frame,
            byte[] payload, int first, int count) {
        for (int i = first; i < first + count; i++) {
            long nanos = i * 5_000_000L;
            card.advanceTo((long) i * FRAME);
            buffer.insert(i & 0xFFFF, i * 240L, FRAME, payload, 0, payload.length, nanos, nanos);
            buffer.poll(nanos, frame);
            stage.play(frame);
        }
    }
}
