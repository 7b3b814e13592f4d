package org.liveaudio.listener.drift;

/**
 * Chooses the resampling ratio that keeps a sink's queue at a steady depth although the sink plays on its own
 * clock. Fed the queue depth after each frame is written, it learns the depth playout settled at, then steers
 * back to it with a PI controller on the low-passed depth: the integral term ends up equal to the sink's clock
 * error, which is why it doubles as the drift estimate.
 *
 * <p>Depth readings are coarse (devices report whole periods), hence the slow filter and a loop that takes
 * tens of seconds to settle: drift is a few hundred ppm at most, a few samples per second, so a slow loop
 * keeps the queue within a fraction of a frame while keeping the pitch steady.
 *
 * <p>Pure arithmetic on the caller's thread: no clock, no allocation, not thread-safe.
 */
public final class DriftController {
    /** The ratio stays this close to 1: beyond it the sink is broken, not drifting. */
    public static final double MAX_DEVIATION = 1000e-6;
    /** Playout and the device need a moment after the start to reach their working depth. */
    private static final double SETTLE_SECONDS = 0.1;
    private static final double LEARN_SECONDS = 0.5;
    private static final double FILTER_SECONDS = 2.0;
    /** The loop's natural frequency, critically damped: settles in about 50 s, passes period noise faintly. */
    private static final double LOOP_RADIANS_PER_SECOND = 0.1;
    /**
     * Drift at the clamp moves the depth by 1 ms in a second; a depth this far off target means playout was
     * interrupted (an underrun, a pause, a stall), and the depth it works at now is the one to keep.
     */
    private static final double RELEARN_SECONDS = 0.05;

    private final double sampleRate;
    private final double proportionalGain;
    private final double integralGain;
    private final double relearnSamples;

    private double learnedSeconds;
    private double learnSum;
    private double learnWeight;
    private double target = Double.NaN;
    private double filtered;
    /** The integral term: the ratio's deviation from 1 that cancels the sink's clock error. */
    private double integral;
    private double ratio = 1;

    public DriftController(int sampleRate) {
        this.sampleRate = sampleRate;
        // A PI loop around an integrator (the queue) with the poles of s^2 + 2ws + w^2 = 0.
        this.proportionalGain = 2 * LOOP_RADIANS_PER_SECOND / sampleRate;
        this.integralGain = LOOP_RADIANS_PER_SECOND * LOOP_RADIANS_PER_SECOND / sampleRate;
        this.relearnSamples = RELEARN_SECONDS * sampleRate;
    }

    /**
     * Takes the sink's queue depth just after a frame was written.
     *
     * @param frameSamples the input samples of that frame: how far the sender's clock moved
     */
    public void update(long queuedSamples, int frameSamples) {
        double seconds = frameSamples / sampleRate;
        if (Double.isNaN(target)) {
            learn(queuedSamples, frameSamples, seconds);
            return;
        }
        if (Math.abs(queuedSamples - target) > relearnSamples) {
            relearn();
            return;
        }
        filtered += (queuedSamples - filtered) * seconds / (FILTER_SECONDS + seconds);
        double error = filtered - target;
        integral = clamp(integral - integralGain * error * seconds);
        ratio = 1 + clamp(integral - proportionalGain * error);
    }

    /** Averages the depth over a window after the start; meanwhile the ratio follows the drift known so far. */
    private void learn(long queuedSamples, int frameSamples, double seconds) {
        learnedSeconds += seconds;
        if (learnedSeconds <= SETTLE_SECONDS) {
            return;
        }
        learnSum += (double) queuedSamples * frameSamples;
        learnWeight += frameSamples;
        if (learnedSeconds >= SETTLE_SECONDS + LEARN_SECONDS) {
            target = learnSum / learnWeight;
            filtered = target;
        }
    }

    /** Learns a new target, keeping the drift estimate: the clock error did not change with the depth. */
    private void relearn() {
        target = Double.NaN;
        learnedSeconds = 0;
        learnSum = 0;
        learnWeight = 0;
        ratio = 1 + integral;
    }

    private static double clamp(double deviation) {
        return Math.max(-MAX_DEVIATION, Math.min(MAX_DEVIATION, deviation));
    }

    /** Output samples per input sample for the next frame. */
    public double ratio() {
        return ratio;
    }

    /** How fast the sink's clock runs against the sender's, in ppm: positive when it plays too fast. */
    public double sinkDriftPpm() {
        return integral * 1e6;
    }

    /** The depth steered to, in samples; NaN while it is being learned. */
    public double targetSamples() {
        return target;
    }
}
