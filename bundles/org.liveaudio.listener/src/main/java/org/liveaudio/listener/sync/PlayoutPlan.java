package org.liveaudio.listener.sync;

import org.liveaudio.api.net.NtpTime;
import org.liveaudio.listener.rtcp.WallClock;

/**
 * When this listener plays each frame of the stream it is locked onto: at the frame's time on the sender's
 * clock plus the playout delay all listeners share, moved onto this machine's clock by the estimated offset.
 * Immutable; a new plan replaces it when an exchange or a report refines it.
 *
 * @param mappingEpochNanos with {@code mappingRtp}, one point of the sender's timestamp line, in ns since the
 *     epoch on the sender's clock
 * @param offsetNanos the sender's clock minus this listener's
 */
public record PlayoutPlan(long ssrc, long mappingEpochNanos, long mappingRtp, int clockRate, long delayNanos,
        long offsetNanos, WallClock wall) {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    static PlayoutPlan of(long ssrc, long mappingNtp, long mappingRtp, int clockRate, long delayNanos,
            long offsetNanos, WallClock wall) {
        return new PlayoutPlan(ssrc, NtpTime.toEpochNanos(mappingNtp), mappingRtp, clockRate, delayNanos,
                offsetNanos, wall);
    }

    /**
     * The {@link System#nanoTime()} at which the frame with RTP timestamp {@code timestamp} plays. The timestamp
     * is taken as the nearest one to the mapping's (within 2^31 units either way), so it may wrap.
     */
    public long deadline(long timestamp) {
        long units = (int) (timestamp - mappingRtp);
        long sent = mappingEpochNanos + units * NANOS_PER_SECOND / clockRate;
        return wall.nanoTimeAt(sent + delayNanos - offsetNanos);
    }
}
