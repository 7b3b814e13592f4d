package org.liveaudio.control.sender;

import java.util.Arrays;

/**
 * Bytes over the last second, counted in 100 ms buckets so that recording a packet allocates nothing.
 * "The last second" is the ten buckets before the current one, which is exact for a steady stream.
 */
final class RateMeter {
    private static final long BUCKET_NANOS = 100_000_000L;
    private static final int WINDOW = 10;

    private final long[] epochs = new long[WINDOW + 1];
    private final long[] bytes = new long[WINDOW + 1];

    RateMeter() {
        Arrays.fill(epochs, Long.MIN_VALUE);
    }

    void record(long now, int packetBytes) {
        long epoch = Math.floorDiv(now, BUCKET_NANOS);
        int bucket = (int) Math.floorMod(epoch, (long) epochs.length);
        if (epochs[bucket] != epoch) {
            epochs[bucket] = epoch;
            bytes[bucket] = 0;
        }
        bytes[bucket] += packetBytes;
    }

    long bytesPerSecond(long now) {
        long current = Math.floorDiv(now, BUCKET_NANOS);
        long sum = 0;
        for (int bucket = 0; bucket < epochs.length; bucket++) {
            if (epochs[bucket] >= current - WINDOW && epochs[bucket] < current) {
                sum += bytes[bucket];
            }
        }
        return sum;
    }
}
