package org.liveaudio.listener.rtcp;

import org.liveaudio.common.time.ClockReading;

/**
 * The wall clock RTCP and latency use: one reading of the system clock at start, advanced by
 * {@link System#nanoTime()} from then on, so that reports and latencies do not jump when the wall clock is
 * stepped. Tests may set it off and make it run fast, standing for another machine's clock.
 */
public final class WallClock {
    private final long anchorEpochNanos;
    private final long anchorNanoTime;
    /** How much faster than {@link System#nanoTime()} this clock runs, in ns per ns. */
    private final double fast;

    public WallClock(long anchorEpochNanos, long anchorNanoTime) {
        this(anchorEpochNanos, anchorNanoTime, 0);
    }

    private WallClock(long anchorEpochNanos, long anchorNanoTime, double fast) {
        this.anchorEpochNanos = anchorEpochNanos;
        this.anchorNanoTime = anchorNanoTime;
        this.fast = fast;
    }

    /** Anchored on the system's clocks now, read as closely together as they let ({@link ClockReading}). */
    public static WallClock anchoredNow() {
        ClockReading reading = ClockReading.take();
        return new WallClock(reading.epochNanos(), reading.nanoTime());
    }

    /**
     * This clock set {@code nanos} ahead, standing for a machine whose clock is that far off: how tests show
     * that listeners find their offset to the sender.
     */
    public WallClock shiftedBy(long nanos) {
        return new WallClock(anchorEpochNanos + nanos, anchorNanoTime, fast);
    }

    /**
     * This clock running {@code ppm} fast (slow if negative) from its anchor on, standing for a machine whose
     * crystal does: how tests show that listeners follow the offset as it moves.
     */
    public WallClock runningFast(double ppm) {
        return new WallClock(anchorEpochNanos, anchorNanoTime, ppm * 1e-6);
    }

    /** The {@link System#nanoTime()} reading at {@code epochNanos} on this clock. */
    public long nanoTimeAt(long epochNanos) {
        long elapsed = epochNanos - anchorEpochNanos;
        return anchorNanoTime + (fast == 0 ? elapsed : Math.round(elapsed / (1 + fast)));
    }

    /** Nanoseconds since the Unix epoch at the instant {@code nanoTime} was read. */
    public long epochNanosAt(long nanoTime) {
        long elapsed = nanoTime - anchorNanoTime;
        return anchorEpochNanos + elapsed + (fast == 0 ? 0 : Math.round(elapsed * fast));
    }
}
