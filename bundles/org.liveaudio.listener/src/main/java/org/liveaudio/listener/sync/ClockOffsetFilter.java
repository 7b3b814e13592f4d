package org.liveaudio.listener.sync;

import java.util.Arrays;

/**
 * Estimates how far the sender's clock is ahead of this listener's from NTP-style exchanges (RFC 5905 section
 * 8). Each exchange measures the offset to within half its round trip, so the exchange with the shortest round
 * trip is the one to trust (the clock filter of RFC 5905 section 10). The last {@link #SAMPLES} are kept; each
 * is trusted by its error bound, half its round trip plus {@link #DRIFT_BOUND} of its age, since two machines'
 * clocks drift apart by up to that much in the meantime. Not thread-safe: its owner serializes it.
 */
public final class ClockOffsetFilter {
    static final int SAMPLES = 8;
    /** How fast two machines' clocks drift apart: quartz is within tens of ppm, and NTP-disciplined far closer. */
    static final double DRIFT_BOUND = 50e-6;

    private final long[] offsets = new long[SAMPLES];
    private final long[] roundTrips = new long[SAMPLES];
    private final long[] takenAt = new long[SAMPLES];
    private int count;
    private int next;
    private long refused;

    /**
     * Adds one exchange: {@code t1} the request left here, {@code t2} it reached the sender, {@code t3} the answer
     * left there, {@code t4} it arrived here; t1 and t4 on this listener's clock, t2 and t3 on the sender's.
     *
     * @param nowNanos when the answer arrived, in {@link System#nanoTime()} terms, for the sample's age
     * @return whether the exchange was usable: one with a negative round trip is refused
     */
    public boolean add(long t1, long t2, long t3, long t4, long nowNanos) {
        long roundTrip = (t4 - t1) - (t3 - t2);
        if (roundTrip < 0) {
            refused++;
            return false;
        }
        offsets[next] = ((t2 - t1) + (t3 - t4)) / 2;
        roundTrips[next] = roundTrip;
        takenAt[next] = nowNanos;
        next = (next + 1) % SAMPLES;
        count = Math.min(count + 1, SAMPLES);
        return true;
    }

    public boolean hasEstimate() {
        return count > 0;
    }

    /** The sender's clock minus this listener's, in ns, by the most trustworthy sample; 0 without any. */
    public long offsetNanos(long nowNanos) {
        int best = best(nowNanos);
        return best < 0 ? 0 : offsets[best];
    }

    /** The round trip of the sample {@link #offsetNanos} trusts, -1 without any. */
    public long roundTripNanos(long nowNanos) {
        int best = best(nowNanos);
        return best < 0 ? -1 : roundTrips[best];
    }

    /** Exchanges refused because their round trip came out negative (a clock stepped during them). */
    public long refused() {
        return refused;
    }

    /** Forgets every sample: another sender, perhaps on another machine. */
    public void reset() {
        count = 0;
        next = 0;
        Arrays.fill(roundTrips, 0);
    }

    private int best(long nowNanos) {
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            double distance = roundTrips[i] / 2.0 + DRIFT_BOUND * Math.max(0, nowNanos - takenAt[i]);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = i;
            }
        }
        return best;
    }
}
