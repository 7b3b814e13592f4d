package org.liveaudio.common.time;

import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The wall-clock time and the {@link System#nanoTime()} reading of one instant: what the sender's and the
 * listener's RTCP clocks are anchored on, once, for every later instant is the wall time plus the monotonic
 * nanoseconds since. The two clocks cannot be read at once; a thread descheduled between the reads (a JVM just
 * started on a busy machine) would pair them milliseconds apart, and that error would move every instant the
 * clock gives, for the whole run: every listener plays that much off. So the wall clock is read between two
 * monotonic readings, again while they lie far apart, and the closest pair is kept, tied to their middle.
 *
 * @param epochNanos nanoseconds since the Unix epoch
 * @param nanoTime the {@link System#nanoTime()} reading of the same instant
 * @param uncertaintyNanos half the span of the monotonic readings around the wall-clock one: how far the pair
 *     may be off at most
 */
public record ClockReading(long epochNanos, long nanoTime, long uncertaintyNanos) {
    /** An uncertainty that needs no second try: a few times what an undisturbed pair of reads takes. */
    static final long GOOD_ENOUGH_NANOS = 20_000;
    /** Tries at most, so that a machine that never gets that close still starts at once with its best pair. */
    static final int MAX_TRIES = 50;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** The system's clocks, read as closely together as they let. */
    public static ClockReading take() {
        return take(System::nanoTime, Instant::now);
    }

    static ClockReading take(LongSupplier nanoClock, Supplier<Instant> wallClock) {
        ClockReading best = null;
        for (int tries = 0; tries < MAX_TRIES && (best == null || best.uncertaintyNanos > GOOD_ENOUGH_NANOS);
                tries++) {
            long before = nanoClock.getAsLong();
            Instant wall = wallClock.get();
            long after = nanoClock.getAsLong();
            long half = (after - before) / 2;
            if (best == null || half < best.uncertaintyNanos) {
                best = new ClockReading(wall.getEpochSecond() * NANOS_PER_SECOND + wall.getNano(), before + half,
                        half);
            }
        }
        return best;
    }
}
