package org.liveaudio.listener.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.liveaudio.api.testing.LongAssertions.assertWithin;

import org.junit.jupiter.api.Test;

class WallClockTest {
    private static final long EPOCH = 1_700_000_000_000_000_000L;
    private static final long NANO = 5_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void advancesWithNanoTimeBothWays() {
        WallClock wall = new WallClock(EPOCH, NANO);

        assertEquals(EPOCH + 3 * SECOND, wall.epochNanosAt(NANO + 3 * SECOND));
        assertEquals(NANO - SECOND, wall.nanoTimeAt(EPOCH - SECOND));
    }

    @Test
    void aShiftedClockReadsAheadByTheShift() {
        WallClock wall = new WallClock(EPOCH, NANO).shiftedBy(50_000_000);

        assertEquals(EPOCH + 50_000_000 + SECOND, wall.epochNanosAt(NANO + SECOND));
        assertEquals(NANO + SECOND, wall.nanoTimeAt(EPOCH + 50_000_000 + SECOND));
    }

    @Test
    void aFastClockGainsItsRateOnTheAnchorAndMapsBackToTheSameInstant() {
        WallClock wall = new WallClock(EPOCH, NANO).shiftedBy(-50_000_000).runningFast(100);

        assertEquals(EPOCH - 50_000_000 + 1_000 * SECOND + 100_000_000, wall.epochNanosAt(NANO + 1_000 * SECOND));
        long later = NANO + 3_600 * SECOND + 123_456_789;
        assertWithin(later, wall.nanoTimeAt(wall.epochNanosAt(later)), 1, "there and back, to the rounding");
        WallClock slow = new WallClock(EPOCH, NANO).runningFast(-10);
        assertEquals(EPOCH + 3_600 * SECOND - 36_000_000, slow.epochNanosAt(NANO + 3_600 * SECOND));
    }
}
