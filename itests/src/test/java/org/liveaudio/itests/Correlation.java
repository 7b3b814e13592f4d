package org.liveaudio.itests;

/**
 * How alike a recording is to its source, wherever in the recording the source lies. Opus delays the audio (its
 * look-ahead, the listener's buffer, when a recorder happened to start) and reshapes the waveform (it is lossy), so
 * bit-exactness is not the test: a window of the source, mixed to mono, is searched for in the mono-mixed
 * recording, and the best normalized cross-correlation and the delay at which it lies are the figures. A
 * cross-correlation through an FFT keeps the search over every position of a recording of seconds fast.
 */
final class Correlation {
    /**
     * @param correlation the best normalized cross-correlation, 1 for a recording that is the source scaled
     * @param delay where the window lies in the recording minus where it lies in the source, in samples a
     *     channel: positive when the recording lags the source
     */
    record Match(double correlation, int delay) {
        double delayMillis(int sampleRate) {
            return delay * 1000.0 / sampleRate;
        }
    }

    private Correlation() {
    }

    /**
     * The best match of the source's samples {@code windowStart} to {@code windowStart + windowLength} (a channel)
     * in the recording. Audio has no DC worth removing, so the correlation is taken without subtracting means.
     */
    static Match best(short[] source, short[] recording, int channels, int windowStart, int windowLength) {
        double[] window = mono(source, channels, windowStart, windowLength);
        double[] recorded = mono(recording, channels, 0, recording.length / channels);
        if (recorded.length < windowLength) {
            throw new IllegalArgumentException("recording of " + recorded.length + " samples is shorter than the "
                    + windowLength + "-sample window");
        }
        double[] products = crossCorrelation(window, recorded);
        double windowEnergy = 0;
        for (double value : window) {
            windowEnergy += value * value;
        }
        // The recording's energy under the window at each position, from running sums.
        double[] energyBefore = new double[recorded.length + 1];
        for (int i = 0; i < recorded.length; i++) {
            energyBefore[i + 1] = energyBefore[i] + recorded[i] * recorded[i];
        }
        double best = 0;
        int bestPosition = 0;
        for (int position = 0; position + windowLength <= recorded.length; position++) {
            double energy = energyBefore[position + windowLength] - energyBefore[position];
            if (energy <= 0) {
                continue;
            }
            double correlation = products[position] / Math.sqrt(windowEnergy * energy);
            if (correlation > best) {
                best = correlation;
                bestPosition = position;
            }
        }
        return new Match(best, bestPosition - windowStart);
    }

    private static double[] mono(short[] values, int channels, int start, int length) {
        if (start < 0 || (start + length) * channels > values.length) {
            throw new IllegalArgumentException("samples " + start + " to " + (start + length) + " are not in a "
                    + values.length / channels + "-sample signal");
        }
        double[] mono = new double[length];
        for (int i = 0; i < length; i++) {
            double sum = 0;
            for (int channel = 0; channel < channels; channel++) {
                sum += values[(start + i) * channels + channel];
            }
            mono[i] = sum / channels;
        }
        return mono;
    }

    /** {@code result[p] = sum over i of window[i] * recorded[p + i]}, for every p at which the window fits. */
    private static double[] crossCorrelation(double[] window, double[] recorded) {
        // No wrap-around reaches the positions read: p + i stays below recorded.length <= size.
        int size = Integer.highestOneBit(recorded.length - 1) << 1;
        double[] windowReal = new double[size];
        double[] windowImaginary = new double[size];
        double[] recordedReal = new double[size];
        double[] recordedImaginary = new double[size];
        System.arraycopy(window, 0, windowReal, 0, window.length);
        System.arraycopy(recorded, 0, recordedReal, 0, recorded.length);
        fft(windowReal, windowImaginary, false);
        fft(recordedReal, recordedImaginary, false);
        // conj(W) * R
        for (int k = 0; k < size; k++) {
            double real = windowReal[k] * recordedReal[k] + windowImaginary[k] * recordedImaginary[k];
            double imaginary = windowReal[k] * recordedImaginary[k] - windowImaginary[k] * recordedReal[k];
            recordedReal[k] = real;
            recordedImaginary[k] = imaginary;
        }
        fft(recordedReal, recordedImaginary, true);
        for (int k = 0; k < size; k++) {
            recordedReal[k] /= size;
        }
        return recordedReal;
    }

    /** In-place iterative radix-2 FFT; the length must be a power of two. */
    private static void fft(double[] real, double[] imaginary, boolean inverse) {
        int n = real.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                swap(real, i, j);
                swap(imaginary, i, j);
            }
        }
        for (int length = 2; length <= n; length <<= 1) {
            double angle = 2 * Math.PI / length * (inverse ? 1 : -1);
            double stepReal = Math.cos(angle);
            double stepImaginary = Math.sin(angle);
            for (int start = 0; start < n; start += length) {
                double twiddleReal = 1;
                double twiddleImaginary = 0;
                for (int k = 0; k < length / 2; k++) {
                    int even = start + k;
                    int odd = even + length / 2;
                    double oddReal = real[odd] * twiddleReal - imaginary[odd] * twiddleImaginary;
                    double oddImaginary = real[odd] * twiddleImaginary + imaginary[odd] * twiddleReal;
                    real[odd] = real[even] - oddReal;
                    imaginary[odd] = imaginary[even] - oddImaginary;
                    real[even] += oddReal;
                    imaginary[even] += oddImaginary;
                    double nextReal = twiddleReal * stepReal - twiddleImaginary * stepImaginary;
                    twiddleImaginary = twiddleReal * stepImaginary + twiddleImaginary * stepReal;
                    twiddleReal = nextReal;
                }
            }
        }
    }

    private static void swap(double[] values, int i, int j) {
        double value = values[i];
        values[i] = values[j];
        values[j] = value;
    }
}
