package org.liveaudio.listener.sync;

import java.util.Arrays;

/**
 * Estimates how far the sender's clock is ahead of this listener's from NTP-style exchanges (RFC 5905 section
 * 8). Each exchange measures the offset to within half its round trip, so the exchanges with the shortest round
 * trips are the ones to trust (the clock filter of RFC 5905 section 10). The last {@link #SAMPLES} are kept; each
 * is trusted by its error bound, half its round trip plus {@link #DRIFT_BOUND} of its age, since two machines'
 * clocks drift apart by up to that much in the meantime. The estimate is the mean of up to {@link #BEST} of the
 * most trusted, those whose error bound is within twice the best one's: where the round trip is mostly the
 * wake-up of the threads at either end, as on one busy machine, the error of a single exchange is as likely one
 * way as the other, and the mean of several shrinks it; an exchange that waited in a queue is left out. (Replayed
 * over the exchanges of SyncIT's listeners, the mean of up to 8 of exchanges every 0.5 s left about half the skew
 * between listeners that the mean of up to 4 of exchanges every 4 s did.)
 * Not thread-safe: its owner serializes it.
 */
public final class ClockOffsetFilter {
    static final int SAMPLES = 16;
    static final int BEST = 8;
    /** How fast two machines' clocks may drift apart: RFC 5905's frequency tolerance (PHI). */
    static final double DRIFT_BOUND = 15e-6;

    private final long[] offsets = new long[SAMPLES];
    private final long[] roundTrips = new long[SAMPLES];
    private final long[] takenAt = new long[SAMPLES];
    private final int[] ranked = new int[SAMPLES];
    private int count;
    private int next;

    /**
     * Adds one exchange: {@code t1} the request left here, {@code t2} it reached the sender, {@code t3} the answer
     * left there, {@code t4} it arrived here; t1 and t4 on this listener's clock, t2 and t3 on the sender's.
     *
     * @param nowNanos when the answer arrived, in {@link System#nanoTime()} terms, for the sample's age
     * @return whether the exchange was usable: one with a negative round trip (a clock stepped during it) is
     *     refused
     */
    public boolean add(long t1, long t2, long t3, long t4, long nowNanos) {
        long roundTrip = (t4 - t1) - (t3 - t2);
        if (roundTrip < 0) {
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

    /** The sender's clock minus this listener's, in ns, by the most trustworthy samples; 0 without any. */
    public long offsetNanos(long nowNanos) {
        int trusted = rank(nowNanos);
        long sum = 0;
        for (int i = 0; i < trusted; i++) {
            sum += offsets[ranked[i]];
        }
        return trusted == 0 ? 0 : sum / trusted;
    }

    /** The round trip of the most trustworthy sample, -1 without any. */
    public long roundTripNanos(long nowNanos) {
        return rank(nowNanos) == 0 ? -1 : roundTrips[ranked[0]];
    }

    /** Forgets every sample: another sender, perhaps on another machine. */
    public void reset() {
        count = 0;
        next = 0;
        Arrays.fill(roundTrips, 0);
    }

    /**
     * Puts the indices of the most trusted samples first in {@link #ranked}: up to {@link #BEST}, each with an
     * error bound within twice the best one's. Returns how many.
     */
    private int rank(long nowNanos) {
        for (int i = 0; i < count; i++) {
            ranked[i] = i;
        }
        int trusted = Math.min(BEST, count);
        for (int place = 0; place < trusted; place++) {
            int best = place;
            for (int i = place + 1; i < count; i++) {
                if (distance(ranked[i], nowNanos) < distance(ranked[best], nowNanos)) {
                    best = i;
                }
            }
            if (place > 0 && distance(ranked[best], nowNanos) > 2 * distance(ranked[0], nowNanos)) {
                return place;
            }
            int swap = ranked[place];
            ranked[place] = ranked[best];
            ranked[best] = swap;
        }
        return trusted;
    }

    private double distance(int sample, long nowNanos) {
        return roundTrips[sample] / 2.0 + DRIFT_BOUND * Math.max(0, nowNanos - takenAt[sample]);
    }
}
