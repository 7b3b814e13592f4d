package org.liveaudio.listener.rtcp;

import java.time.Instant;

/**
 * The wall clock RTCP and latency use: one reading of the system clock at start, advanced by
 * {@link System#nanoTime()} from then on, so that reports and latencies do not jump when the wall clock is
 * stepped.
 */
public final class WallClock {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long anchorEpochNanos;
    private final long anchorNanoTime;

    public WallClock(long anchorEpochNanos, long anchorNanoTime) {
        this.anchorEpochNanos = anchorEpochNanos;
        this.anchorNanoTime = anchorNanoTime;
    }

    public static WallClock anchoredNow() {
        Instant now = Instant.now();
        long nanoTime = System.nanoTime();
        return new WallClock(now.getEpochSecond() * NANOS_PER_SECOND + now.getNano(), nanoTime);
    }

    /**
     * This clock set {@code nanos} ahead, standing for a machine whose clock is that far off: how tests show
     * that listeners find their offset to the sender.
     */
    public WallClock shiftedBy(long nanos) {
        return new WallClock(anchorEpochNanos + nanos, anchorNanoTime);
    }

    /** The {@link System#nanoTime()} reading at {@code epochNanos} on this clock. */
    public long nanoTimeAt(long epochNanos) {
        return anchorNanoTime + (epochNanos - anchorEpochNanos);
    }

    /** Nanoseconds since the Unix epoch at the instant {@code nanoTime} was read. */
    public long epochNanosAt(long nanoTime) {
        return anchorEpochNanos + (nanoTime - anchorNanoTime);
    }
}
