package org.liveaudio.listener.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liveaudio.api.testing.LongAssertions.assertWithin;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;

class DriftCompensationTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);

    @Test
    void aFrameLongerThanTheBuffersWereMadeForIsResampledWhole() {
        DriftCompensation drift = new DriftCompensation(STEREO);
        int samples = 48_000 * 40 / 1000;
        short[] pcm = new short[samples * STEREO.channels()];
        Arrays.fill(pcm, (short) 1_000);

        int resampled = drift.resample(pcm, samples);

        assertEquals(samples, resampled, "at a ratio of 1, as many out as in");
        assertTrue(drift.resampled().length >= resampled * STEREO.channels());
        assertWithin(1_000, drift.resampled()[(resampled - 1) * STEREO.channels()], 2, "steady by the frame's end");
    }

    @Test
    void aSinkThatCannotTellItsQueueLeavesTheRatioAlone() {
        DriftCompensation drift = new DriftCompensation(STEREO);
        for (int frame = 0; frame < 400; frame++) {
            drift.queued(frame < 200 ? 480 : -1, 240);
        }

        assertEquals(0.0, drift.sinkDriftPpm());
    }
}
