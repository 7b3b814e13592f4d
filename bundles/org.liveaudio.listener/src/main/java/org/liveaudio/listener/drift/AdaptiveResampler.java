package org.liveaudio.listener.drift;

/**
 * Resamples interleaved 16-bit PCM by a ratio near 1 that may change from one call to the next: how a
 * listener plays a stream timed by the sender's clock on a sound card whose clock runs a little fast or slow.
 *
 * <p>Each output sample is the input interpolated at a fractional position through a Kaiser-windowed sinc of
 * {@value #TAPS} taps, tabulated at {@value #PHASES} phases with linear interpolation between neighbouring
 * phases, so that any ratio is exact without a table per ratio. The last taps of input and the fractional
 * position carry over from call to call: consecutive frames join as if they were one signal.
 *
 * <p>The group delay is constant: {@value #HALF_TAPS} input samples (a third of a millisecond at 48 kHz). The
 * output begins with that much of the silence before the stream rather than holding input back, so the first
 * frame comes out as long as the others.
 *
 * <p>Not thread-safe. Allocates nothing per call once its buffers fit the longest frame seen.
 */
public final class AdaptiveResampler {
    /** Output samples per input sample are allowed this far from 1; the filter's cutoff does not follow. */
    public static final double MAX_RATIO_DEVIATION = 0.01;
    static final int HALF_TAPS = 16;
    static final int TAPS = 2 * HALF_TAPS;
    private static final int PHASE_BITS = 8;
    static final int PHASES = 1 << PHASE_BITS;
    /** Positions between samples are counted in 2^-32 steps: exact and cheap to carry from output to output. */
    private static final int FRACTION_BITS = 32;
    private static final long ONE = 1L << FRACTION_BITS;
    private static final int WEIGHT_BITS = FRACTION_BITS - PHASE_BITS;
    private static final float WEIGHT_SCALE = 1f / (1 << WEIGHT_BITS);
    /** Kaiser window shape: about 80 dB of stopband for this length. */
    private static final double KAISER_BETA = 8.0;
    /** Passband edge as a fraction of the Nyquist frequency: flat to about 20 kHz at 48 kHz. */
    private static final double CUTOFF = 0.92;

    /** Row p holds the taps for a position p / PHASES past a sample; row PHASES ends the interpolation. */
    private static final float[] KERNEL = kernel();

    private final int channels;
    private final float[] coefficients = new float[TAPS];
    /** Per channel a run of {@code stride} input values, oldest first. */
    private float[] history;
    private int stride;
    /** Values of each channel's run in use. */
    private int filled;
    /** Where the taps of the next output start in each channel's run. */
    private int position;
    /** The next output's position past the centre tap, in 2^-32 input samples, in [0, {@link #ONE}). */
    private long fraction;

    /** @param maxFrameSamples input samples per call to preallocate for; longer frames grow the buffers once */
    public AdaptiveResampler(int channels, int maxFrameSamples) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels " + channels + " < 1");
        }
        this.channels = channels;
        this.stride = TAPS + maxFrameSamples;
        this.history = new float[channels * stride];
        // The silence before the stream: the first output is centred HALF_TAPS samples before the first input.
        this.filled = TAPS - 1;
    }

    /** The most output samples one call can produce from {@code inputSamples}, for sizing its output array. */
    public static int maxOutputSamples(int inputSamples) {
        return (int) Math.ceil(inputSamples * (1 + MAX_RATIO_DEVIATION)) + 1;
    }

    /**
     * Resamples {@code inputSamples} interleaved samples from {@code in} into {@code out}.
     *
     * @param ratio output samples per input sample, within {@link #MAX_RATIO_DEVIATION} of 1
     * @param out room for {@link #maxOutputSamples} samples
     * @return the samples written to {@code out}: {@code inputSamples * ratio} give or take one, the fraction
     *         carried to the next call
     */
    public int process(short[] in, int inputSamples, double ratio, short[] out) {
        if (!(Math.abs(ratio - 1) <= MAX_RATIO_DEVIATION)) {
            throw new IllegalArgumentException("ratio " + ratio + " is more than " + MAX_RATIO_DEVIATION + " from 1");
        }
        if (out.length < maxOutputSamples(inputSamples) * channels) {
            throw new IllegalArgumentException("output of " + out.length + " values is too short for "
                    + inputSamples + " samples");
        }
        append(in, inputSamples);
        long step = Math.round(ONE / ratio);
        int produced = 0;
        int value = 0;
        while (position + TAPS <= filled) {
            interpolateKernel();
            for (int channel = 0; channel < channels; channel++) {
                out[value++] = toShort(convolve(channel * stride + position));
            }
            produced++;
            fraction += step;
            position += (int) (fraction >>> FRACTION_BITS);
            fraction &= ONE - 1;
        }
        keepTail();
        return produced;
    }

    private void append(short[] in, int samples) {
        if (filled + samples > stride) {
            grow(filled + samples);
        }
        for (int channel = 0; channel < channels; channel++) {
            int to = channel * stride + filled;
            for (int i = 0, from = channel; i < samples; i++, from += channels) {
                history[to + i] = in[from];
            }
        }
        filled += samples;
    }

    private void grow(int newStride) {
        float[] larger = new float[channels * newStride];
        for (int channel = 0; channel < channels; channel++) {
            System.arraycopy(history, channel * stride, larger, channel * newStride, filled);
        }
        history = larger;
        stride = newStride;
    }

    /** Moves what the next outputs still need (fewer than {@link #TAPS} values) to the start of each run. */
    private void keepTail() {
        int kept = filled - position;
        for (int channel = 0; channel < channels; channel++) {
            int start = channel * stride;
            System.arraycopy(history, start + position, history, start, kept);
        }
        filled = kept;
        position = 0;
    }

    private void interpolateKernel() {
        int row = (int) (fraction >>> WEIGHT_BITS) * TAPS;
        float weight = (fraction & ((1L << WEIGHT_BITS) - 1)) * WEIGHT_SCALE;
        for (int tap = 0; tap < TAPS; tap++) {
            float below = KERNEL[row + tap];
            coefficients[tap] = below + weight * (KERNEL[row + TAPS + tap] - below);
        }
    }

    /**
     * Eight partial sums, not one: a single running sum waits for each addition to finish before the next,
     * and this loop is where the playout thread spends its time.
     */
    private float convolve(int start) {
        float[] taps = coefficients;
        float[] values = history;
        float sum0 = 0;
        float sum1 = 0;
        float sum2 = 0;
        float sum3 = 0;
        float sum4 = 0;
        float sum5 = 0;
        float sum6 = 0;
        float sum7 = 0;
        for (int tap = 0; tap < TAPS; tap += 8) {
            int at = start + tap;
            sum0 += taps[tap] * values[at];
            sum1 += taps[tap + 1] * values[at + 1];
            sum2 += taps[tap + 2] * values[at + 2];
            sum3 += taps[tap + 3] * values[at + 3];
            sum4 += taps[tap + 4] * values[at + 4];
            sum5 += taps[tap + 5] * values[at + 5];
            sum6 += taps[tap + 6] * values[at + 6];
            sum7 += taps[tap + 7] * values[at + 7];
        }
        return ((sum0 + sum1) + (sum2 + sum3)) + ((sum4 + sum5) + (sum6 + sum7));
    }

    private static short toShort(float value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
    }

    private static float[] kernel() {
        float[] kernel = new float[(PHASES + 1) * TAPS];
        double[] row = new double[TAPS];
        for (int phase = 0; phase <= PHASES; phase++) {
            double sum = 0;
            for (int tap = 0; tap < TAPS; tap++) {
                // Tap k weighs the input sample (HALF_TAPS - 1 - k + phase / PHASES) before the output position.
                double distance = HALF_TAPS - 1 - tap + (double) phase / PHASES;
                row[tap] = windowedSinc(distance);
                sum += row[tap];
            }
            // Unit gain at DC for every phase: otherwise the gain would wobble with the fractional position.
            for (int tap = 0; tap < TAPS; tap++) {
                kernel[phase * TAPS + tap] = (float) (row[tap] / sum);
            }
        }
        return kernel;
    }

    private static double windowedSinc(double distance) {
        double x = distance / HALF_TAPS;
        if (Math.abs(x) >= 1) {
            return 0;
        }
        double window = besselI0(KAISER_BETA * Math.sqrt(1 - x * x)) / besselI0(KAISER_BETA);
        double arg = Math.PI * CUTOFF * distance;
        double sinc = arg == 0 ? 1 : Math.sin(arg) / arg;
        return CUTOFF * sinc * window;
    }

    /** The modified Bessel function of the first kind, order 0, by its power series (converges fast here). */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; term > 1e-12 * sum; k++) {
            term *= quarterSquare / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}
