package org.liveaudio.listener.drift;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How much a 1 kHz sine at -6 dBFS suffers going through the resampler at a drifting sink's ratio. */
class ResamplerDistortionTest {
    private static final int FRAME = 240;
    private static final int SECONDS = 2;
    private static final double HERTZ = 1_000;

    @ParameterizedTest(name = "{0} ppm")
    @ValueSource(ints = {200, -200})
    void aSineComesOutWithLittleDistortionAndNoise(int ppm) {
        double ratio = 1 + ppm / 1e6;
        int samples = SECONDS * Sine.RATE;
        short[] input = Sine.interleaved(samples, Sine.HALF_SCALE, HERTZ);
        AdaptiveResampler resampler = new AdaptiveResampler(1, FRAME);
        short[] output = new short[AdaptiveResampler.maxOutputSamples(samples)];
        short[] in = new short[FRAME];
        short[] out = new short[AdaptiveResampler.maxOutputSamples(FRAME)];
        int produced = 0;
        for (int first = 0; first < samples; first += FRAME) {
            System.arraycopy(input, first, in, 0, FRAME);
            int count = resampler.process(in, FRAME, ratio, out);
            System.arraycopy(out, 0, output, produced, count);
            produced += count;
        }

        // Output sample m is the input at m / ratio: the sine at HERTZ / ratio per output sample.
        int settled = 4 * AdaptiveResampler.TAPS;
        double db = Sine.thdPlusNoiseDb(output, settled, produced, HERTZ / Sine.RATE / ratio);

        DriftFigures.record("THD+N of 1 kHz at -6 dBFS, resampled for a sink at " + (ppm > 0 ? "+" : "") + ppm
                + " ppm", String.format("%.1f dB", db));
        assertTrue(db < -80, "THD+N " + db + " dB");
    }
}
