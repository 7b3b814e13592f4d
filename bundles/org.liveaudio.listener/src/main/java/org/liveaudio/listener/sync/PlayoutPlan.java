package org.liveaudio.listener.sync;

import org.liveaudio.listener.rtcp.WallClock;

/**
 * When this listener plays each frame of the stream it is locked onto: at the frame's time on the sender's
 * clock plus the playout delay all listeners share, moved onto this machine's clock by the estimated offset.
 * Immutable; a new plan replaces it when an exchange or a report refines it.
 *
 * @param offset the sender's clock minus this listener's
 */
public record PlayoutPlan(Timeline line, long delayNanos, ClockOffset offset, WallClock wall) {
    public long ssrc() {
        return line.ssrc();
    }

    /** The {@link System#nanoTime()} at which the frame with RTP timestamp {@code timestamp} plays. */
    public long deadline(long timestamp) {
        long onSendersClock = line.epochNanos(timestamp) + delayNanos;
        // The offset at the deadline depends on the deadline: each guess is closer by the rate (ppm) than the last.
        long guess = wall.nanoTimeAt(onSendersClock - offset.nanos());
        guess = wall.nanoTimeAt(onSendersClock - offset.at(guess));
        return wall.nanoTimeAt(onSendersClock - offset.at(guess));
    }
}
