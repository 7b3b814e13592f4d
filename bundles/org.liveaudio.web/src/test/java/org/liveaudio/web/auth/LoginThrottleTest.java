package org.liveaudio.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void fiveWrongPasswordsWithinTheWindowStopLoginsUntilTheFirstLeavesIt() {
        AtomicLong now = new AtomicLong();
        LoginThrottle throttle = new LoginThrottle(now::get, 60 * SECOND);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertTrue(throttle.allows(), "try " + i);
            throttle.failed();
            now.addAndGet(SECOND);
        }
        assertFalse(throttle.allows());
        assertEquals(55, throttle.retryAfterSeconds());
        now.set(60 * SECOND);
        assertTrue(throttle.allows());
        throttle.failed();
        assertFalse(throttle.allows());
    }
}
