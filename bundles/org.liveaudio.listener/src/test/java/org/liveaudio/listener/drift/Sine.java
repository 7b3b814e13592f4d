package org.liveaudio.listener.drift;

/** Test signals: sines as 16-bit PCM, and a look at what came out. */
final class Sine {
    static final int RATE = 48_000;
    /** -6 dBFS. */
    static final double HALF_SCALE = 16_384;

    private Sine() {
    }

    /** {@code samples} samples of a sine per channel, channel c at {@code hertz[c]}, interleaved. */
    static short[] interleaved(int samples, double amplitude, double... hertz) {
        int channels = hertz.length;
        short[] pcm = new short[samples * channels];
        for (int i = 0; i < samples; i++) {
            for (int c = 0; c < channels; c++) {
                pcm[i * channels + c] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hertz[c] * i / RATE));
            }
        }
        return pcm;
    }

    /** One channel of interleaved PCM. */
    static short[] channel(short[] pcm, int samples, int channels, int channel) {
        short[] values = new short[samples];
        for (int i = 0; i < samples; i++) {
            values[i] = pcm[i * channels + channel];
        }
        return values;
    }

    /** The largest step between neighbouring values from {@code from} on: a click shows up here. */
    static int maxStep(short[] values, int from, int to) {
        int max = 0;
        for (int i = from + 1; i < to; i++) {
            max = Math.max(max, Math.abs(values[i] - values[i - 1]));
        }
        return max;
    }

    /**
     * THD+N in dB: what is left of {@code values[from..to)} after taking away the best least-squares fit of
     * a sine of known frequency (in cycles per sample) and a DC offset, against all of it.
     */
    static double thdPlusNoiseDb(short[] values, int from, int to, double cyclesPerSample) {
        // Normal equations for values ~ a sin + b cos + c.
        double[][] m = new double[3][4];
        for (int i = from; i < to; i++) {
            double phase = 2 * Math.PI * cyclesPerSample * i;
            double[] basis = {Math.sin(phase), Math.cos(phase), 1};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    m[r][c] += basis[r] * basis[c];
                }
                m[r][3] += basis[r] * values[i];
            }
        }
        double[] fit = solve(m);
        double residual = 0;
        double total = 0;
        for (int i = from; i < to; i++) {
            double phase = 2 * Math.PI * cyclesPerSample * i;
            double error = values[i] - (fit[0] * Math.sin(phase) + fit[1] * Math.cos(phase) + fit[2]);
            residual += error * error;
            total += (double) values[i] * values[i];
        }
        return 10 * Math.log10(residual / total);
    }

    /** Gauss-Jordan elimination with partial pivoting on an augmented 3x4 matrix. */
    private static double[] solve(double[][] m) {
        int n = m.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double factor = m[r][col] / m[col][col];
                    for (int c = col; c <= n; c++) {
                        m[r][c] -= factor * m[col][c];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = 0; r < n; r++) {
            x[r] = m[r][n] / m[r][r];
        }
        return x;
    }
}
