package org.liveaudio.control.sender;

/**
 * Lets a repeating warning through the first time, then at most once per interval, so that a network
 * that refuses every packet gives a log line a minute rather than two hundred a second.
 */
final class WarningThrottle {
    private final long intervalNanos;
    private boolean warned;
    private long lastNanos;
    private long heldBack;

    WarningThrottle(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** True when a warning may go out at {@code now}; otherwise counts it as held back. */
    boolean allow(long now) {
        if (warned && now - lastNanos < intervalNanos) {
            heldBack++;
            return false;
        }
        warned = true;
        lastNanos = now;
        return true;
    }

    /** How many warnings were held back since the last one let through, resetting the count. */
    long takeHeldBack() {
        long count = heldBack;
        heldBack = 0;
        return count;
    }
}
