package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WarningThrottleTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void warningsPassOnceThenOncePerInterval() {
        WarningThrottle throttle = new WarningThrottle(60 * SECOND);

        assertTrue(throttle.allow(0));
        assertFalse(throttle.allow(SECOND));
        assertFalse(throttle.allow(59 * SECOND));
        assertEquals(2, throttle.takeHeldBack());
        assertTrue(throttle.allow(60 * SECOND));
        assertEquals(0, throttle.takeHeldBack());
    }

    @Test
    void theIntervalCountsFromTheLastWarningWhereverTheClockStands() {
        WarningThrottle throttle = new WarningThrottle(60 * SECOND);

        assertTrue(throttle.allow(3_600 * SECOND));
        assertFalse(throttle.allow(3_601 * SECOND));
        assertTrue(throttle.allow(3_660 * SECOND));
    }
}
