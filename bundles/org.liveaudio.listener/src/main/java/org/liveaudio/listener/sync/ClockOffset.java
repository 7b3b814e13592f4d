package org.liveaudio.listener.sync;

/**
 * The sender's clock minus this listener's, as estimated at one instant, and how fast it moves (the two clocks'
 * rates differ): so the offset at any later instant, without waiting for the next exchange.
 *
 * @param nanos the offset at {@code atNanos}
 * @param frequency how fast the offset grows, in ns per ns
 * @param atNanos the {@link System#nanoTime()} the estimate is of
 */
public record ClockOffset(long nanos, double frequency, long atNanos) {
    public static final ClockOffset NONE = new ClockOffset(0, 0, 0);

    /** The offset at {@code nanoTime}. */
    public long at(long nanoTime) {
        return nanos + Math.round(frequency * (nanoTime - atNanos));
    }
}
