package org.liveaudio.listener.sync;

import org.liveaudio.listener.rtcp.WallClock;

/**
 * When this listener plays each frame of the stream it is locked onto: at the frame's time on the sender's
 * clock plus the playout delay all listeners share, moved onto this machine's clock by the estimated offset.
 * Immutable; a new plan replaces it when an exchange or a report refines it.
 *
 * @param offsetNanos the sender's clock minus this listener's
 */
public record PlayoutPlan(Timeline line, long delayNanos, long offsetNanos, WallClock wall) {
    public long ssrc() {
        return line.ssrc();
    }

    /** The {@link System#nanoTime()} at which the frame with RTP timestamp {@code timestamp} plays. */
    public long deadline(long timestamp) {
        return wall.nanoTimeAt(line.epochNanos(timestamp) + delayNanos - offsetNanos);
    }
}
