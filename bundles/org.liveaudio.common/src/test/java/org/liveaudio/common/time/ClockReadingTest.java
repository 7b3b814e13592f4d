package org.liveaudio.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class ClockReadingTest {
    private static final long MS = 1_000_000L;
    private static final Instant WALL = Instant.ofEpochSecond(1_700_000_000L, 123_000_000);
    private static final long WALL_NANOS = 1_700_000_000_123_000_000L;

    /**
     * A machine whose monotonic clock is read at the given instants in turn, and whose wall clock tells, on each
     * read, the wall time of the monotonic instant given for it: that of the read that follows it by {@code lag}.
     */
    private static final class ScriptedClocks {
        private final Deque<Long> monotonic;
        private final Deque<Long> wallAt;

        ScriptedClocks(List<Long> monotonicReads, List<Long> wallReadAt) {
            monotonic = new ArrayDeque<>(monotonicReads);
            wallAt = new ArrayDeque<>(wallReadAt);
        }

        long nanoTime() {
            return monotonic.removeFirst();
        }

        /** Monotonic 0 is {@link #WALL}. */
        Instant wall() {
            return WALL.plusNanos(wallAt.removeFirst());
        }
    }

    @Test
    void aPairTornApartByADescheduledThreadIsReadAgainAndTheClosestIsKept() {
        // First try: descheduled for 8 ms after the wall read; second: 100 us apart; third: 4 us apart.
        ScriptedClocks clocks = new ScriptedClocks(List.of(0L, 8 * MS + 1_000, 10 * MS, 10 * MS + 100_000,
                20 * MS, 20 * MS + 4_000), List.of(1_000L, 10 * MS + 50_000, 20 * MS + 2_000));

        ClockReading reading = ClockReading.take(clocks::nanoTime, clocks::wall);

        assertEquals(20 * MS + 2_000, reading.nanoTime(), "the middle of the closest pair");
        assertEquals(WALL_NANOS + 20 * MS + 2_000, reading.epochNanos());
        assertEquals(2_000, reading.uncertaintyNanos());
        assertTrue(clocks.monotonic.isEmpty(), "three tries: the third was good enough");
    }

    @Test
    void aCloseFirstPairNeedsNoSecondTry() {
        ScriptedClocks clocks = new ScriptedClocks(List.of(5 * MS, 5 * MS + 2 * ClockReading.GOOD_ENOUGH_NANOS,
                99L, 99L), List.of(5 * MS + 5_000, 99L));

        ClockReading reading = ClockReading.take(clocks::nanoTime, clocks::wall);

        assertEquals(5 * MS + ClockReading.GOOD_ENOUGH_NANOS, reading.nanoTime());
        assertEquals(WALL_NANOS + 5 * MS + 5_000, reading.epochNanos(),
                "the wall time read, tied to the middle: off by at most the uncertainty");
        assertEquals(2, clocks.monotonic.size(), "no second try");
    }

    @Test
    void aMachineThatNeverReadsCloseStopsAfterTheLastTryWithItsBestPair() {
        long[] reads = {0};
        // Every pair 1 ms apart, but the 7th 0.4 ms: the best of all tries, none good enough.
        LongSupplier monotonic = () -> {
            long read = reads[0]++;
            long pair = read / 2;
            return pair * 10 * MS + (read % 2 == 1 ? (pair == 6 ? 400_000 : MS) : 0);
        };

        ClockReading reading = ClockReading.take(monotonic, () -> WALL);

        assertEquals(2 * ClockReading.MAX_TRIES, reads[0], "every try made, and no more");
        assertEquals(200_000, reading.uncertaintyNanos());
        assertEquals(60 * MS + 200_000, reading.nanoTime());
    }
}
