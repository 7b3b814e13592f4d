package org.liveaudio.itests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/** Deterministic 16-bit stereo signals to stream and to find again in a recording. */
final class TestSignal {
    private TestSignal() {
    }

    /**
     * {@code samples} stereo samples at {@code sampleRate}, interleaved left, right, that show any lost, repeated,
     * reordered or altered sample: two tones a channel plus noise, so no two neighbouring frames look alike and
     * zeros are as rare as in real audio. The tones repeat every 100 ms: to find where a stretch lies, use
     * {@link #chirps}.
     */
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

    /** {@link #chirps} of {@code seconds}, written to {@code file} as a stereo WAV file; the samples written. */
    static short[] chirpsFile(Path file, int sampleRate, int seconds) throws IOException {
        short[] samples = chirps(sampleRate * seconds, sampleRate);
        WavFiles.write(file, samples, sampleRate, 2);
        return samples;
    }

    /**
     * {@code samples} stereo samples at {@code sampleRate}, interleaved: a chirp rising from 200 to 4000 Hz over the
     * whole length on the left, one falling from 3000 to 300 Hz on the right, and a little noise. No stretch of it
     * repeats, so where a stretch lies in a recording has one answer, also after a lossy codec.
     */
    static short[] chirps(int samples, int sampleRate) {
        Random noise = new Random(20_261_206L);
        double seconds = (double) samples / sampleRate;
        short[] values = new short[samples * 2];
        for (int i = 0; i < samples; i++) {
            double t = (double) i / sampleRate;
            double left = 9000 * Math.sin(2 * Math.PI * (200 * t + (4000 - 200) * t * t / (2 * seconds)));
            double right = 9000 * Math.sin(2 * Math.PI * (3000 * t + (300 - 3000) * t * t / (2 * seconds)));
            values[2 * i] = (short) Math.round(left + noise.nextGaussian() * 300);
            values[2 * i + 1] = (short) Math.round(right + noise.nextGaussian() * 300);
        }
        return values;
    }
}
