package org.liveaudio.listener.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdaptiveResamplerTest {
    private static final int FRAME = 240;

    /** Feeds {@code input} in frames of {@code frame} samples at a constant ratio; returns what came out. */
    private static short[] resample(short[] input, int channels, int frame, double ratio) {
        AdaptiveResampler resampler = new AdaptiveResampler(channels, frame);
        int samples = input.length / channels;
        short[] output = new short[(AdaptiveResampler.maxOutputSamples(samples) + 1) * channels];
        short[] in = new short[frame * channels];
        short[] out = new short[AdaptiveResampler.maxOutputSamples(frame) * channels];
        int produced = 0;
        for (int first = 0; first < samples; first += frame) {
            int length = Math.min(frame, samples - first);
            System.arraycopy(input, first * channels, in, 0, length * channels);
            int count = resampler.process(in, length, ratio, out);
            System.arraycopy(out, 0, output, produced * channels, count * channels);
            produced += count;
        }
        return Arrays.copyOf(output, produced * channels);
    }

    @Test
    void unitRatioPassesASineDelayedByHalfTheTaps() {
        short[] input = Sine.interleaved(100 * FRAME, Sine.HALF_SCALE, 1_000);

        short[] output = resample(input, 1, FRAME, 1.0);

        assertEquals(input.length, output.length, "one sample out per sample in");
        int delay = AdaptiveResampler.HALF_TAPS;
        int worst = 0;
        // From where the taps no longer reach back to the sine's abrupt start.
        for (int i = delay + AdaptiveResampler.TAPS; i < output.length; i++) {
            worst = Math.max(worst, Math.abs(output[i] - input[i - delay]));
        }
        assertTrue(worst <= 3, "largest difference from the delayed input: " + worst);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0002, 0.9998, 1.001, 0.999, 1.00001})
    void outputCountFollowsTheRatioOverManyFrames(double ratio) {
        AdaptiveResampler resampler = new AdaptiveResampler(2, FRAME);
        short[] in = Sine.interleaved(FRAME, Sine.HALF_SCALE, 1_000, 1_000);
        short[] out = new short[AdaptiveResampler.maxOutputSamples(FRAME) * 2];
        int frames = 20_000;
        long produced = 0;
        for (int i = 0; i < frames; i++) {
            int count = resampler.process(in, FRAME, ratio, out);
            assertTrue(Math.abs(count - FRAME * ratio) <= 1, "frame " + i + " came out as " + count);
            produced += count;
        }

        // One sample either way, plus the step's rounding to 2^-32 of a sample (1e-3 samples over this run).
        assertEquals((double) frames * FRAME * ratio, produced, 1.001);
    }

    @Test
    void framesJoinAsIfTheyWereOneSignal() {
        short[] input = Sine.interleaved(200 * FRAME, Sine.HALF_SCALE, 1_000);
        double ratio = 1.0002;

        short[] whole = resample(input, 1, input.length, ratio);
        short[] framed = resample(input, 1, FRAME, ratio);
        short[] odd = resample(input, 1, 137, ratio);

        assertArrayEquals(whole, framed, "240-sample frames");
        assertArrayEquals(whole, odd, "137-sample frames");
    }

    @Test
    void aSineStepsNoFurtherAtFrameBoundariesThanItsSlopeAllows() {
        short[] input = Sine.interleaved(200 * FRAME, Sine.HALF_SCALE, 1_000);
        double ratio = 0.9998;

        short[] output = resample(input, 1, FRAME, ratio);

        // A sine of amplitude A and frequency f steps at most A * 2 pi f / rate between samples.
        double slope = Sine.HALF_SCALE * 2 * Math.PI * 1_000 / (Sine.RATE * ratio);
        int step = Sine.maxStep(output, AdaptiveResampler.TAPS, output.length);
        assertTrue(step <= slope + 2, "largest step " + step + ", the sine's " + slope);
    }

    @Test
    void stereoChannelsStaySeparate() {
        short[] left = Sine.interleaved(50 * FRAME, Sine.HALF_SCALE, 1_000);
        short[] stereo = Sine.interleaved(50 * FRAME, Sine.HALF_SCALE, 1_000, 0);
        double ratio = 1.0005;

        short[] mono = resample(left, 1, FRAME, ratio);
        short[] both = resample(stereo, 2, FRAME, ratio);

        int samples = both.length / 2;
        assertArrayEquals(mono, Sine.channel(both, samples, 2, 0), "the left channel as if alone");
        assertArrayEquals(new short[samples], Sine.channel(both, samples, 2, 1), "the silent right channel");
    }

    @Test
    void aLongerFrameThanPreallocatedIsTakenWhole() {
        short[] input = Sine.interleaved(4 * FRAME, Sine.HALF_SCALE, 1_000);
        AdaptiveResampler resampler = new AdaptiveResampler(1, FRAME / 4);
        short[] out = new short[AdaptiveResampler.maxOutputSamples(input.length)];

        int count = resampler.process(input, input.length, 1.0, out);

        assertEquals(input.length, count);
        assertArrayEquals(resample(input, 1, input.length, 1.0), Arrays.copyOf(out, count));
    }

    @Test
    void ratioFarFromOneIsRefused() {
        AdaptiveResampler resampler = new AdaptiveResampler(1, FRAME);
        short[] in = new short[FRAME];
        short[] out = new short[2 * FRAME];

        assertThrows(IllegalArgumentException.class, () -> resampler.process(in, FRAME, 1.5, out));
        assertThrows(IllegalArgumentException.class, () -> resampler.process(in, FRAME, Double.NaN, out));
    }
}
