package org.liveaudio.listener.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.api.testing.RecordingLogger;

/** The playout waits precisely only for a sink that says the instant of a hand-over matters. */
class OutputStageInstantTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);

    private final OutputStage stage = new OutputStage("test", STEREO, new RecordingLogger().logger());

    @Test
    void theAttachedSinkSaysWhetherItsInstantMatters() {
        stage.attach(new FakeSink.FakeOutput("device", STEREO));
        assertTrue(stage.handOverInstantMatters());

        stage.attach(new AudioOutput() {
            @Override
            public String description() {
                return "file";
            }

            @Override
            public void write(short[] pcm, int samples) {
            }

            @Override
            public long samplesWritten() {
                return 0;
            }

            @Override
            public boolean handOverInstantMatters() {
                return false;
            }

            @Override
            public void close() {
            }
        });
        assertFalse(stage.handOverInstantMatters());
    }

    @Test
    void withoutASinkNoInstantMatters() {
        stage.attach(new FakeSink.FakeOutput("device", STEREO));

        stage.detach();

        assertFalse(stage.handOverInstantMatters());
    }
}
