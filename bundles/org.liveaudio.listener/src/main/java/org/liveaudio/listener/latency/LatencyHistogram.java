package org.liveaudio.listener.latency;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in log-linear buckets, as HdrHistogram keeps them: exact to the microsecond below
 * {@value #LINEAR_MICROS} µs, and above that each power of two split into 128 buckets, so a value is known
 * to within 1/128 (0.8 %) of itself, up to {@link #MAX_MICROS} (16.8 s; longer ones land in the top bucket).
 * 2304 counters, allocated once.
 *
 * <p>One thread records; any thread reads. The recording thread publishes each count with a release store,
 * so a reader sees every sample counted before the ones it sees, give or take those recorded while it reads.
 */
public final class LatencyHistogram {
    static final int LINEAR_MICROS = 256;
    private static final int HALF = LINEAR_MICROS / 2;
    private static final int LINEAR_BITS = Integer.numberOfTrailingZeros(LINEAR_MICROS);
    private static final int TOP_BIT = 24;
    static final long MAX_MICROS = (1L << TOP_BIT) - 1;
    static final int BUCKETS = LINEAR_MICROS + (TOP_BIT - LINEAR_BITS) * HALF;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private volatile long maxNanos;

    /** Counts one latency; a negative one (clocks apart) counts as 0. Recording thread only. */
    public void record(long nanos) {
        long value = Math.max(0, nanos);
        int bucket = bucketOf(value / 1_000);
        counts.setRelease(bucket, counts.getPlain(bucket) + 1);
        if (value > maxNanos) {
            maxNanos = value;
        }
    }

    static int bucketOf(long micros) {
        long value = Math.min(micros, MAX_MICROS);
        if (value < LINEAR_MICROS) {
            return (int) value;
        }
        int shift = 63 - Long.numberOfLeadingZeros(value) - LINEAR_BITS + 1;
        return LINEAR_MICROS + (shift - 1) * HALF + (int) (value >> shift) - HALF;
    }

    /** The largest value, in µs, that falls into {@code bucket}. */
    static long highestMicrosIn(int bucket) {
        if (bucket < LINEAR_MICROS) {
            return bucket;
        }
        int shift = (bucket - LINEAR_MICROS) / HALF + 1;
        long first = (long) ((bucket - LINEAR_MICROS) % HALF + HALF) << shift;
        return first + (1L << shift) - 1;
    }

    /** A copy of the counts as they are now, for percentiles. */
    public Snapshot snapshot() {
        long max = maxNanos;
        long[] copy = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.getAcquire(i);
            total += copy[i];
        }
        return new Snapshot(copy, total, max);
    }

    /** Counts taken at one moment. */
    public static final class Snapshot {
        private final long[] counts;
        private final long total;
        private final long maxNanos;

        Snapshot(long[] counts, long total, long maxNanos) {
            this.counts = counts;
            this.total = total;
            this.maxNanos = maxNanos;
        }

        public long count() {
            return total;
        }

        /**
         * The value at or below which {@code percent} of the samples lie, as the top of its bucket (so never
         * less than the true value, and at most 0.8 % or 1 µs more), capped at the largest value recorded
         * (which the top bucket, holding everything beyond the range, gives); 0 when empty.
         */
        public long percentileNanos(double percent) {
            if (total == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(percent / 100 * total));
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return i == BUCKETS - 1 ? maxNanos : Math.min(highestMicrosIn(i) * 1_000 + 999, maxNanos);
                }
            }
            return maxNanos;
        }

        public long maxNanos() {
            return maxNanos;
        }
    }
}
