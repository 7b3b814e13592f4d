package org.liveaudio.control.sender;

import org.liveaudio.api.net.NtpTime;
import org.liveaudio.common.time.ClockReading;

/**
 * The sender's wall clock for RTCP: the wall-clock time read once, tied to the {@link System#nanoTime()} reading
 * of the same instant, so that every later instant is that time plus the monotonic nanoseconds since. Reports then neither
 * jitter nor jump when the system clock is stepped, and a mapping of RTP timestamps to it stays exactly linear.
 */
record WallAnchor(long epochNanos, long nanoTime) {
    /** The system's clocks now, read as closely together as they let ({@link ClockReading}). */
    static WallAnchor take() {
        ClockReading reading = ClockReading.take();
        return new WallAnchor(reading.epochNanos(), reading.nanoTime());
    }

    long epochNanosAt(long nanoTimeThen) {
        return epochNanos + (nanoTimeThen - nanoTime);
    }

    long ntpAt(long nanoTimeThen) {
        return NtpTime.fromEpochNanos(epochNanosAt(nanoTimeThen));
    }
}
