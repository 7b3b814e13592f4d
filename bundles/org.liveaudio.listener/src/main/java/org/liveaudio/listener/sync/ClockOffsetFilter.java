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
 *
 * <p>Two machines' clocks also run at different rates, tens of ppm apart without NTP, so the offset moves while
 * the samples age: a mean of samples some seconds old lags by that rate times their age (a hundred
 * microseconds at 50 ppm). The filter measures the rate itself, over up to a minute of its own estimates,
 * and carries each sample forward by it to the instant asked about.
 * Not thread-safe: its owner serializes it.
 */
public final class ClockOffsetFilter {
    static final int SAMPLES = 16;
    static final int BEST = 8;
    /** How fast two machines' clocks may drift apart: RFC 5905's frequency tolerance (PHI). */
    static final double DRIFT_BOUND = 15e-6;
    /** How often a point of the offset's line is kept for measuring the clocks' rate. */
    static final long POINT_INTERVAL_NANOS = 4_000_000_000L;
    /** Points kept: the rate is measured over up to a minute, as crystals' rates wander with temperature. */
    static final int POINTS = 16;
    /** A larger rate is no crystal's (a clock stepped, or a path that changed): not followed. */
    static final double MAX_FREQUENCY = 500e-6;

    private final long[] offsets = new long[SAMPLES];
    private final long[] roundTrips = new long[SAMPLES];
    private final long[] takenAt = new long[SAMPLES];
    private final int[] ranked = new int[SAMPLES];
    private int count;
    private int next;
    private final long[] pointAt = new long[POINTS];
    private final double[] pointOffset = new double[POINTS];
    private int points;
    private int nextPoint;
    /** How fast the offset grows, in ns per ns; 0 until measured and whenever within the measurement's noise. */
    private double frequency;

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
        followFrequency(nowNanos);
        return true;
    }

    /**
     * Every {@link #POINT_INTERVAL_NANOS} keeps a point of the offset's line: the trusted samples' mean offset at
     * their mean instant, which lies on the line whatever rate the estimate assumes. The rate is the slope from the
     * oldest point kept to the newest, followed only where it exceeds what the points' error (taken as the best
     * sample's bound at either end) could make of it: on one machine, or between two well-disciplined clocks, it
     * stays 0, and noise is not carried forward. Starts once the filter has its best few, so that the first point
     * is no lone sample of the join.
     */
    private void followFrequency(long nowNanos) {
        if (count < BEST) {
            return;
        }
        int trusted = rank(nowNanos);
        double meanAge = 0;
        double meanOffset = 0;
        for (int i = 0; i < trusted; i++) {
            meanAge += (double) (nowNanos - takenAt[ranked[i]]) / trusted;
            meanOffset += (double) offsets[ranked[i]] / trusted;
        }
        long at = nowNanos - Math.round(meanAge);
        int newest = (nextPoint + POINTS - 1) % POINTS;
        if (points > 0 && at - pointAt[newest] < POINT_INTERVAL_NANOS) {
            return;
        }
        pointAt[nextPoint] = at;
        pointOffset[nextPoint] = meanOffset;
        nextPoint = (nextPoint + 1) % POINTS;
        points = Math.min(points + 1, POINTS);
        int oldest = points < POINTS ? 0 : nextPoint;
        long span = at - pointAt[oldest];
        double slope = span <= 0 ? 0 : (meanOffset - pointOffset[oldest]) / span;
        double noise = 2 * distance(ranked[0], nowNanos) / Math.max(span, 1);
        frequency = Math.abs(slope) > noise && Math.abs(slope) <= MAX_FREQUENCY ? slope : 0;
    }

    public boolean hasEstimate() {
        return count > 0;
    }

    /** The sender's clock minus this listener's at {@code nowNanos}, in ns, by the most trustworthy samples. */
    public long offsetNanos(long nowNanos) {
        return Math.round(estimate(nowNanos, rank(nowNanos)));
    }

    /** The mean of the first {@code trusted} ranked samples, each carried forward to {@code nowNanos}; 0 without. */
    private double estimate(long nowNanos, int trusted) {
        double sum = 0;
        for (int i = 0; i < trusted; i++) {
            int sample = ranked[i];
            sum += offsets[sample] + frequency * (nowNanos - takenAt[sample]);
        }
        return trusted == 0 ? 0 : sum / trusted;
    }

    /** How fast the offset grows, in ns per ns, as last measured; 0 while within the measurement's noise. */
    public double frequency() {
        return frequency;
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
        frequency = 0;
        points = 0;
        nextPoint = 0;
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
