package org.liveaudio.web.auth;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} wrong passwords within a window, every login is refused
 * until the oldest of them leaves the window. One throttle for all clients: the console serves a household, and
 * a guesser from many addresses must not get more tries.
 */
public final class LoginThrottle {
    static final int MAX_FAILURES = 5;

    private final LongSupplier nanoClock;
    private final long windowNanos;
    private final Deque<Long> failures = new ArrayDeque<>();

    public LoginThrottle(LongSupplier nanoClock, long windowNanos) {
        this.nanoClock = nanoClock;
        this.windowNanos = windowNanos;
    }

    /** Whether a login may be tried now. */
    public synchronized boolean allows() {
        long now = nanoClock.getAsLong();
        while (!failures.isEmpty() && now - failures.peekFirst() >= windowNanos) {
            failures.removeFirst();
        }
        return failures.size() < MAX_FAILURES;
    }

    /** Seconds until a login may be tried again, at least 1; for a {@code Retry-After} header. */
    public synchronized long retryAfterSeconds() {
        if (failures.isEmpty()) {
            return 1;
        }
        long left = windowNanos - (nanoClock.getAsLong() - failures.peekFirst());
        return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    public synchronized void failed() {
        failures.addLast(nanoClock.getAsLong());
    }
}
