package org.liveaudio.listener.thread;

import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for an instant to within a few microseconds where a park alone misses it by tens: a park wakes 50-150 us
 * late on Linux (the timer slack and the wake-up), and by a different amount each time, so two listeners parking
 * for the same instant leave it that far apart. The thread parks until shortly before the instant, less the
 * overshoot its parks have lately had, and spins the rest.
 *
 * <p>Spinning costs a core for its span, so at most as many threads of this bundle spin at once as the machine has
 * cores; one that finds none free parks to the instant instead. A hundred listeners in one process thus cost no
 * more than a few, and one listener on its own machine always spins.
 */
public final class PreciseWait {
    /** How long before the instant the park ends; covers the park's wake-up jitter on a quiet machine. */
    static final long SPIN_NANOS = 150_000;
    /** The most a park is taken to overshoot; beyond it the machine is overloaded, not the timer coarse. */
    static final long MAX_OVERSHOOT_NANOS = 500_000;
    /** How fast the overshoot estimate follows: the mean of about the last 16 waits. */
    private static final int OVERSHOOT_SMOOTHING = 16;
    /** Shared by every listener in the process, for the cores are. */
    private static final Semaphore SPINNERS = new Semaphore(Runtime.getRuntime().availableProcessors());

    private final BooleanSupplier running;
    private final Semaphore spinners;
    private long overshootNanos;

    /** @param running the waiting thread's loop condition; a wait ends early once it is false */
    public PreciseWait(BooleanSupplier running) {
        this(running, SPINNERS);
    }

    PreciseWait(BooleanSupplier running, Semaphore spinners) {
        this.running = running;
        this.spinners = spinners;
    }

    /** Returns at the deadline, or as soon after it as the machine allows; at once if it has passed. */
    public void until(long deadline) {
        boolean spin = spinners.tryAcquire();
        try {
            long parkTarget = deadline - (spin ? SPIN_NANOS : 0) - overshootNanos;
            if (parkTarget - System.nanoTime() > 0) {
                park(parkTarget);
                long overshoot = Math.min(MAX_OVERSHOOT_NANOS, Math.max(0, System.nanoTime() - parkTarget));
                overshootNanos += (overshoot - overshootNanos) / OVERSHOOT_SMOOTHING;
            }
            while (spin && running.getAsBoolean() && deadline - System.nanoTime() > 0) {
                Thread.onSpinWait();
            }
        } finally {
            if (spin) {
                spinners.release();
            }
        }
    }

    /** Parks until the deadline, however often the park returns early, unless the loop is to end. */
    public void park(long deadline) {
        long remaining;
        while (running.getAsBoolean() && (remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, remaining);
        }
    }
}
