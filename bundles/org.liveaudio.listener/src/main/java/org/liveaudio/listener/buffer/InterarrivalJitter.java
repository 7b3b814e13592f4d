package org.liveaudio.listener.buffer;

/**
 * The interarrival jitter of RFC 3550 (section 6.4.1, appendix A.8): a running mean of how much the
 * transit time changes from one packet to the next, in RTP timestamp units.
 */
public final class InterarrivalJitter {
    private static final double NANOS_PER_SECOND = 1e9;

    private final int clockRate;
    private boolean primed;
    private long lastArrivalNanos;
    private long lastTimestamp;
    private double jitter;

    public InterarrivalJitter(int clockRate) {
        this.clockRate = clockRate;
    }

    /**
     * Takes one packet in arrival order. Only differences are used, so the monotonic clock's arbitrary
     * origin does not matter, and the 32-bit timestamp may wrap.
     */
    public void update(long arrivalNanos, long timestamp) {
        if (primed) {
            double arrivalUnits = (arrivalNanos - lastArrivalNanos) * clockRate / NANOS_PER_SECOND;
            int timestampUnits = (int) (timestamp - lastTimestamp);
            double transitChange = arrivalUnits - timestampUnits;
            jitter += (Math.abs(transitChange) - jitter) / 16;
        }
        primed = true;
        lastArrivalNanos = arrivalNanos;
        lastTimestamp = timestamp;
    }

    /** Starts over, for a new source whose timestamps have nothing to do with the old one's. */
    public void reset() {
        primed = false;
        jitter = 0;
    }

    public double timestampUnits() {
        return jitter;
    }

    public double millis() {
        return jitter * 1000 / clockRate;
    }
}
