package org.liveaudio.itests;

import java.util.Random;

/**
 * A 16-bit stereo signal that shows any lost, repeated, reordered or altered sample: two tones a channel plus
 * deterministic noise, so no two neighbouring frames look alike and zeros are as rare as in real audio.
 */
final class TestSignal {
    private TestSignal() {
    }

    /** {@code samples} stereo samples at {@code sampleRate}, interleaved left, right. */
    static short[] stereo(int samples, int sampleRate) {
        Random noise = new Random(20_240_501L);
        short[] values = new short[samples * 2];
        for (int i = 0; i < samples; i++) {
            double t = (double) i / sampleRate;
            double left = 9000 * Math.sin(2 * Math.PI * 440 * t) + 6000 * Math.sin(2 * Math.PI * 1250 * t);
            double right = 9000 * Math.sin(2 * Math.PI * 660 * t) + 6000 * Math.sin(2 * Math.PI * 2000 * t);
            values[2 * i] = (short) Math.round(left + noise.nextInt(-3000, 3001));
            values[2 * i + 1] = (short) Math.round(right + noise.nextInt(-3000, 3001));
        }
        return values;
    }
}
