package org.liveaudio.control.sender;

import java.time.Instant;
import org.liveaudio.api.net.NtpTime;

/**
 * The sender's wall clock for RTCP: the wall-clock time read once, tied to {@link System#nanoTime()} read right
 * after, so that every later instant is that time plus the monotonic nanoseconds since. Reports then neither
 * jitter nor jump when the system clock is stepped, and a mapping of RTP timestamps to it stays exactly linear.
 */
record WallAnchor(long epochNanos, long nanoTime) {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    static WallAnchor take() {
        Instant wall = Instant.now();
        long nanoTime = System.nanoTime();
        return new WallAnchor(wall.getEpochSecond() * NANOS_PER_SECOND + wall.getNano(), nanoTime);
    }

    long epochNanosAt(long nanoTimeThen) {
        return epochNanos + (nanoTimeThen - nanoTime);
    }

    long ntpAt(long nanoTimeThen) {
        return NtpTime.fromEpochNanos(epochNanosAt(nanoTimeThen));
    }
}
