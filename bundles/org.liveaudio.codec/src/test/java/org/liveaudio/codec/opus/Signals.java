package org.liveaudio.codec.opus;

import java.util.Random;

/** Synthetic stereo test audio and the arithmetic to compare it with what came out of a codec. */
final class Signals {
    private Signals() {
    }

    /** Two sines per channel (440 + 1000 Hz left, 550 + 1250 Hz right): simple and easy to align. */
    static short[] twoSines(int samples) {
        short[] pcm = new short[samples * 2];
        for (int i = 0; i < samples; i++) {
            double t = i / 48_000.0;
            pcm[2 * i] = (short) (6000 * Math.sin(2 * Math.PI * 440 * t) + 4000 * Math.sin(2 * Math.PI * 1000 * t));
            pcm[2 * i + 1] = (short) (6000 * Math.sin(2 * Math.PI * 550 * t) + 4000 * Math.sin(2 * Math.PI * 1250 * t));
        }
        return pcm;
    }

    /**
     * Something like music: a new three-note chord with harmonics every half second under a decaying
     * envelope, the channels panned apart, over quiet noise, so the encoder meets onsets, tones and hiss.
     */
    static short[] musicLike(int samples, long seed) {
        Random random = new Random(seed);
        short[] pcm = new short[samples * 2];
        int noteSamples = 24_000;
        double[] notes = new double[3];
        for (int i = 0; i < samples; i++) {
            if (i % noteSamples == 0) {
                for (int n = 0; n < notes.length; n++) {
                    notes[n] = 110 * Math.pow(2, random.nextInt(36) / 12.0);
                }
            }
            double t = i / 48_000.0;
            double envelope = Math.exp(-3.0 * (i % noteSamples) / noteSamples);
            double left = 0;
            double right = 0;
            for (int n = 0; n < notes.length; n++) {
                for (int harmonic = 1; harmonic <= 6; harmonic++) {
                    double tone = Math.sin(2 * Math.PI * notes[n] * harmonic * t) / harmonic;
                    left += tone * (1 + n) / 3;
                    right += tone * (3 - n) / 3;
                }
            }
            pcm[2 * i] = (short) (3000 * envelope * left + 300 * random.nextGaussian());
            pcm[2 * i + 1] = (short) (3000 * envelope * right + 300 * random.nextGaussian());
        }
        return pcm;
    }

    /** The lag (in samples, 0..maxLag) at which {@code output}'s left channel best matches {@code input}'s. */
    static int delay(short[] input, short[] output, int maxLag) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        int samples = Math.min(input.length, output.length) / 2 - maxLag;
        for (int lag = 0; lag <= maxLag; lag++) {
            double score = 0;
            for (int i = 0; i < samples; i++) {
                score += (double) input[2 * i] * output[2 * (i + lag)];
            }
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        return best;
    }

    /** Pearson correlation of input samples {@code from..to} (both channels) with the output {@code lag} later. */
    static double correlation(short[] input, short[] output, int lag, int from, int to) {
        double sumXY = 0;
        double sumXX = 0;
        double sumYY = 0;
        for (int i = 2 * from; i < 2 * to; i++) {
            double x = input[i];
            double y = output[i + 2 * lag];
            sumXY += x * y;
            sumXX += x * x;
            sumYY += y * y;
        }
        return sumXY / Math.sqrt(sumXX * sumYY);
    }

    /** Energy of the difference between input samples {@code from..to} and the output {@code lag} later. */
    static double errorEnergy(short[] input, short[] output, int lag, int from, int to) {
        double sum = 0;
        for (int i = 2 * from; i < 2 * to; i++) {
            double d = input[i] - output[i + 2 * lag];
            sum += d * d;
        }
        return sum;
    }

    static double rms(short[] pcm, int from, int to) {
        double sum = 0;
        for (int i = 2 * from; i < 2 * to; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / (2.0 * (to - from)));
    }
}
