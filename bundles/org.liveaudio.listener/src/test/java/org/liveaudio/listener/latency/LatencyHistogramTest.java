package org.liveaudio.listener.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    private static final long MICROS = 1_000L;

    @Test
    void bucketsTileTheRangeWithoutGapsOrOverlaps() {
        long next = 0;
        for (int bucket = 0; bucket < LatencyHistogram.BUCKETS; bucket++) {
            assertEquals(bucket, LatencyHistogram.bucketOf(next), "first value of bucket " + bucket);
            long highest = LatencyHistogram.highestMicrosIn(bucket);
            assertEquals(bucket, LatencyHistogram.bucketOf(highest), "last value of bucket " + bucket);
            assertTrue(highest - next + 1 <= Math.max(1, next / 128), "bucket " + bucket + " is within 1/128");
            next = highest + 1;
        }
        assertEquals(LatencyHistogram.MAX_MICROS + 1, next, "the buckets end at the top of the range");
    }

    @Test
    void uniformDistributionGivesItsPercentilesWithinBucketPrecision() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long micros = 1; micros <= 10_000; micros++) {
            histogram.record(micros * MICROS + 500);
        }

        LatencyHistogram.Snapshot snapshot = histogram.snapshot();
        assertEquals(10_000, snapshot.count());
        assertWithinBucket(5_000 * MICROS + 500, snapshot.percentileNanos(50));
        assertWithinBucket(9_900 * MICROS + 500, snapshot.percentileNanos(99));
        assertEquals(10_000 * MICROS + 500, snapshot.maxNanos());
        assertEquals(10_000 * MICROS + 500, snapshot.percentileNanos(100));
    }

    /** The reported value is the top of the true value's bucket: never below it, at most 1/128 above it. */
    private static void assertWithinBucket(long expectedNanos, long reportedNanos) {
        assertTrue(reportedNanos >= expectedNanos, reportedNanos + " below " + expectedNanos);
        assertTrue(reportedNanos - expectedNanos <= expectedNanos / 128 + MICROS,
                reportedNanos + " too far above " + expectedNanos);
    }

    @Test
    void valuesBelow256MicrosecondsAreKeptToTheMicrosecond() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < 99; i++) {
            histogram.record(40 * MICROS + 123);
        }
        histogram.record(250 * MICROS);

        LatencyHistogram.Snapshot snapshot = histogram.snapshot();
        assertEquals(40 * MICROS + 999, snapshot.percentileNanos(50));
        assertEquals(40 * MICROS + 999, snapshot.percentileNanos(99));
        assertEquals(250 * MICROS, snapshot.percentileNanos(99.5), "capped at the largest value");
    }

    @Test
    void skewedDistributionSeparatesTheTailFromTheMedian() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < 980; i++) {
            histogram.record(2_000 * MICROS);
        }
        for (int i = 0; i < 20; i++) {
            histogram.record(30_000 * MICROS);
        }

        LatencyHistogram.Snapshot snapshot = histogram.snapshot();
        assertWithinBucket(2_000 * MICROS, snapshot.percentileNanos(50));
        assertWithinBucket(2_000 * MICROS, snapshot.percentileNanos(98));
        assertWithinBucket(30_000 * MICROS, snapshot.percentileNanos(99));
    }

    @Test
    void negativeLatencyCountsAsZeroAndHugeOnesLandInTheTopBucket() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(-5 * MICROS);
        histogram.record(60_000_000_000L);

        LatencyHistogram.Snapshot snapshot = histogram.snapshot();
        assertEquals(2, snapshot.count());
        assertEquals(999, snapshot.percentileNanos(50));
        assertEquals(60_000_000_000L, snapshot.maxNanos());
        assertEquals(60_000_000_000L, snapshot.percentileNanos(100));
    }

    @Test
    void emptyHistogramReportsZero() {
        LatencyHistogram.Snapshot snapshot = new LatencyHistogram().snapshot();
        assertEquals(0, snapshot.count());
        assertEquals(0, snapshot.percentileNanos(99));
        assertEquals(0, snapshot.maxNanos());
    }

    @Test
    void aPercentileIsTheTopOfTheBucketItsRankFallsIn() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(1_000_000);
        histogram.record(5_000_000);

        // 1000 us falls in the bucket of 1000 to 1003 us (4 us wide at this magnitude).
        assertEquals(1_003_999, histogram.snapshot().percentileNanos(50), "the first sample is the median of two");
        assertEquals(5_000_000, histogram.snapshot().percentileNanos(51), "capped at the largest value");
    }
}
