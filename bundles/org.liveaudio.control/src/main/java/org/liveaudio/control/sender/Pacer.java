package org.liveaudio.control.sender;

/**
 * The frame grid of a stream. Slot {@code n} is due at {@code start + n * period}, computed from the start
 * every time, so no error accumulates however long the stream runs and however late the clock thread wakes.
 * After a stall it catches up at most {@link #MAX_CATCH_UP_NANOS} of audio (and at least
 * {@link #MIN_BURST} frames) back to back and skips the rest, so that a listener is never flooded; skipped slots
 * still pass, which keeps timestamps tied to real time. The allowance is time, not frames: a busy machine stalls
 * the clock thread for milliseconds whatever the frame length, and a stall that a listener's jitter buffer
 * would hide should cost no audio.
 *
 * <p>Pure arithmetic on the times it is given; the clock thread owns it.
 */
final class Pacer {
    static final long MAX_CATCH_UP_NANOS = 100_000_000;
    static final int MIN_BURST = 3;

    private long startNanos;
    private long periodNanos;
    private long maxBurst;
    private long nextSlot;
    private long framesLate;
    private long worstLatenessNanos;
    private long framesSkipped;

    /**
     * How many slots of {@code periodNanos} a grid may start in the past and have them all sent back to back,
     * none skipped, with a slot to spare for the time the first one takes.
     */
    static long catchUpSlots(long periodNanos) {
        return Math.max(MIN_BURST, MAX_CATCH_UP_NANOS / periodNanos) - 2;
    }

    /** Starts a grid whose slot 0 is due at {@code startNanos}. */
    void restart(long startNanos, long periodNanos) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period " + periodNanos + " ns");
        }
        this.startNanos = startNanos;
        this.periodNanos = periodNanos;
        this.maxBurst = Math.max(MIN_BURST, MAX_CATCH_UP_NANOS / periodNanos);
        this.nextSlot = 0;
    }

    long deadline(long slot) {
        return startNanos + slot * periodNanos;
    }

    long nextDeadline() {
        return deadline(nextSlot);
    }

    /** The slot the next frame goes out in, unless it is skipped or let pass. */
    long nextSlot() {
        return nextSlot;
    }

    boolean isDue(long now) {
        return now - nextDeadline() >= 0;
    }

    /** The slot whose period holds {@code now}. */
    long slotAt(long now) {
        return Math.floorDiv(now - startNanos, periodNanos);
    }

    /**
     * The slot to send now, or -1 when none is due yet. When more slots are due than the catch-up allows, the
     * oldest are skipped so that the last ones it allows go out, the newest being the current one.
     */
    long take(long now) {
        if (!isDue(now)) {
            return -1;
        }
        long dueAfterNext = (now - nextDeadline()) / periodNanos;
        if (dueAfterNext >= maxBurst) {
            long skip = dueAfterNext - (maxBurst - 1);
            nextSlot += skip;
            framesSkipped += skip;
        }
        return nextSlot++;
    }

    /** Lets every slot due by {@code now} pass unsent, as while paused or waiting; such slots are not skips. */
    void idle(long now) {
        if (isDue(now)) {
            nextSlot = slotAt(now) + 1;
        }
    }

    /** Records that the packet of {@code slot} went out at {@code now}. */
    void sent(long slot, long now) {
        long lateness = now - deadline(slot);
        if (lateness > worstLatenessNanos) {
            worstLatenessNanos = lateness;
        }
        if (lateness > periodNanos / 10) {
            framesLate++;
        }
    }

    long framesLate() {
        return framesLate;
    }

    long worstLatenessNanos() {
        return worstLatenessNanos;
    }

    long framesSkipped() {
        return framesSkipped;
    }
}
