package org.liveaudio.listener.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liveaudio.api.testing.LongAssertions.assertWithin;

import org.junit.jupiter.api.Test;

class ClockOffsetFilterTest {
    private static final long MS = 1_000_000;
    private static final long SENDER_AHEAD = 50 * MS;

    private final ClockOffsetFilter filter = new ClockOffsetFilter();

    /** An exchange over a path of {@code outbound} and {@code inbound} ns, the sender {@link #SENDER_AHEAD}. */
    private boolean exchange(long sentAt, long outbound, long inbound, long now) {
        long t1 = sentAt;
        long t2 = sentAt + outbound + SENDER_AHEAD;
        long t3 = t2 + 20_000;
        long t4 = t3 - SENDER_AHEAD + inbound;
        return filter.add(t1, t2, t3, t4, now);
    }

    @Test
    void aSymmetricExchangeGivesTheOffsetExactly() {
        assertFalse(filter.hasEstimate());
        assertEquals(0, filter.offsetNanos(0));

        exchange(1_000 * MS, 300_000, 300_000, 0);

        assertTrue(filter.hasEstimate());
        assertEquals(SENDER_AHEAD, filter.offsetNanos(0));
        assertEquals(600_000, filter.roundTripNanos(0));
    }

    @Test
    void anAsymmetricExchangeIsOffByHalfTheDifferenceAndTheMostTrustedAreAveraged() {
        exchange(1_000 * MS, 4 * MS, 200_000, 0);
        assertEquals(SENDER_AHEAD + 1_900_000, filter.offsetNanos(0));

        exchange(1_000 * MS, 3 * MS, 100_000, 0);
        exchange(1_000 * MS, 120_000, 100_000, 0);
        exchange(1_000 * MS, 100_000, 120_000, 0);
        exchange(1_000 * MS, 140_000, 100_000, 0);
        exchange(1_000 * MS, 100_000, 140_000, 0);

        assertEquals(SENDER_AHEAD, filter.offsetNanos(0), "the two long round trips are left out");
        assertEquals(220_000, filter.roundTripNanos(0));
    }

    @Test
    void anExchangeWithAnErrorBoundOverTwiceTheBestOneIsLeftOutOfTheMean() {
        exchange(1_000 * MS, 100_000, 100_000, 0);
        exchange(1_000 * MS, 150 * MS, 100_000, 0);

        assertEquals(SENDER_AHEAD, filter.offsetNanos(0));
    }

    @Test
    void aSampleIsTrustedByHalfItsRoundTripPlusTheDriftOverItsAge() {
        exchange(0, 50_000, 50_000, 0);
        exchange(500 * MS, 100_000, 100_000, 500 * MS);
        assertEquals(100_000, filter.roundTripNanos(500 * MS), "50 us + 7.5 us of drift beats 100 us");

        exchange(4_000 * MS, 100_000, 100_000, 4_000 * MS);
        assertEquals(200_000, filter.roundTripNanos(4_000 * MS), "100 us beats 50 us + 60 us of drift");
    }

    @Test
    void atMostTheBestFewAreAveraged() {
        for (int i = 0; i < ClockOffsetFilter.BEST; i++) {
            exchange(1_000 * MS, 100_000, 100_000, 0);
        }
        exchange(1_000 * MS, 150_000, 110_000, 0);

        assertEquals(SENDER_AHEAD, filter.offsetNanos(0), "the ninth, 20 us off, is within twice the best bound");
    }

    /**
     * Exchanges every 0.5 s from time 0, the sender's clock gaining {@code ppm} on this one's; each way 50-70 us,
     * unequal by up to 20 us. Returns the last one's instant.
     */
    private long exchangesEveryHalfSecond(int count, double ppm) {
        long now = 0;
        for (int i = 0; i < count; i++) {
            now = i * 500 * MS;
            long offset = SENDER_AHEAD + Math.round(ppm * 1e-6 * now);
            long t1 = now;
            long t2 = t1 + 50_000 + i * 7_919 % 20_000 + offset;
            long t3 = t2 + 20_000;
            long t4 = t3 - offset + 50_000 + i * 104_729 % 20_000;
            filter.add(t1, t2, t3, t4, t4);
            now = t4;
        }
        return now;
    }

    @Test
    void anOffsetThatMovesIsFollowedAtItsRate() {
        long last = exchangesEveryHalfSecond(60, 100);

        assertEquals(100e-6, filter.frequency(), 1e-6);
        long later = last + 400 * MS;
        assertWithin(SENDER_AHEAD + Math.round(100e-6 * later), filter.offsetNanos(later), 10_000,
                "where the mean of samples up to seconds old would lag by 100 us and more");
    }

    @Test
    void clocksThatKeepTogetherGetNoRateFromTheExchangesNoise() {
        long last = exchangesEveryHalfSecond(120, 0);

        assertEquals(0, filter.frequency());
        assertWithin(SENDER_AHEAD, filter.offsetNanos(last + 400 * MS), 10_000, "offset within the exchanges' 10 us asymmetry");
    }

    @Test
    void aRateNoCrystalHasIsNotFollowed() {
        long last = exchangesEveryHalfSecond(60, 2_000);

        assertEquals(0, filter.frequency());
        assertTrue(filter.hasEstimate());
        assertWithin(SENDER_AHEAD + Math.round(2_000e-6 * last), filter.offsetNanos(last), 10 * MS, "offset at the last exchange");
    }

    @Test
    void onlyTheLastSamplesCount() {
        exchange(0, 10_000, 10_000, 0);
        for (int i = 1; i <= ClockOffsetFilter.SAMPLES; i++) {
            exchange(i * MS, 500_000, 500_000, 0);
        }
        assertEquals(1_000_000, filter.roundTripNanos(0));
    }

    @Test
    void anExchangeWithANegativeRoundTripIsRefusedAndResetForgetsEverything() {
        assertFalse(filter.add(0, 10, 20, -100, 0));
        assertFalse(filter.hasEstimate());

        exchange(0, 1_000, 1_000, 0);
        filter.reset();
        assertFalse(filter.hasEstimate());
        assertEquals(0, filter.frequency());
        assertEquals(-1, filter.roundTripNanos(0));
    }

    @Test
    void anExchangeWithAnErrorBoundOfExactlyTwiceTheBestOneIsStillAveraged() {
        exchange(1_000 * MS, 50_000, 50_000, 0);
        exchange(1_000 * MS, 150_000, 50_000, 0);

        assertEquals(SENDER_AHEAD + 25_000, filter.offsetNanos(0), "the second is 50 us off, within its bound");
    }

    /**
     * Exchanges every 0.5 s for 90 s over a symmetric path, the offset still for the first minute, then growing at
     * 200 ppm. The trusted samples (3 s of them) give a point every 4 s at their mean instant, 1.5 s back; the
     * rate is the slope over the last 16 points, from 26 s to 86 s: 26 s at 200 ppm over 60 s.
     */
    @Test
    void aRateThatChangesIsMeasuredOverTheLastMinuteOfPoints() {
        for (int i = 0; i < 180; i++) {
            long sentAt = i * 500 * MS;
            long offset = SENDER_AHEAD + Math.max(0, Math.round(200e-6 * (sentAt - 60_000 * MS)));
            long t2 = sentAt + 50_000 + offset;
            long t3 = t2 + 20_000;
            long t4 = t3 - offset + 50_000;
            filter.add(sentAt, t2, t3, t4, t4);
        }

        assertEquals(200e-6 * 26 / 60, filter.frequency(), 0.05e-6);
    }
}
