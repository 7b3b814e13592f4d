package org.liveaudio.listener.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimestampFitTest {
    private final TimestampFit fit = new TimestampFit();

    @Test
    void packetsWhoseTimestampsStepByWhatTheyHoldFit() {
        assertTrue(fit.fits(65_535, 4_294_967_000L, false, 480));
        assertTrue(fit.fits(0, (4_294_967_000L + 480) & 0xFFFF_FFFFL, false, 480));
        assertTrue(fit.fits(1, 664, false, 480));
    }

    @Test
    void aStepOtherThanWhatThePacketBeforeHeldDoesNotFit() {
        fit.fits(10, 0, false, 40);

        assertFalse(fit.fits(11, 480, false, 40));
    }

    @Test
    void aMarkerAGapOrAnUnmeasuredPacketExcusesAnyStep() {
        fit.fits(10, 0, false, 240);
        assertTrue(fit.fits(11, 99_999, true, 240));
        assertTrue(fit.fits(13, 7, false, 240));
        fit.fits(14, 247, false, 0);
        assertTrue(fit.fits(15, 1, false, 240));
    }

    @Test
    void theStepIsKnownOnlyFromThePredecessor() {
        fit.fits(10, 1_000, false, 240);

        assertEquals(480, fit.lastStep(11, 1_480));
        assertEquals(-1, fit.lastStep(12, 1_480));
    }

    @Test
    void aResetForgetsThePacketBefore() {
        fit.fits(10, 0, false, 40);
        fit.reset();

        assertTrue(fit.fits(11, 480, false, 40));
    }
}
