package org.liveaudio.api.testing;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Tolerance checks on {@code long} arithmetic. JUnit's {@code assertEquals(long, long, delta)} does not exist: such a
 * call compiles to the {@code float} overload, whose step at epoch-nanosecond values is about 137 s, so it accepts
 * nearly anything. Shared by every bundle's tests through this module's test jar.
 */
public final class LongAssertions {
    private LongAssertions() {
    }

    /** Fails unless {@code actual} is within {@code tolerance} of {@code expected}, both ways, computed exactly. */
    public static void assertWithin(long expected, long actual, long tolerance, String what) {
        long difference = Math.subtractExact(actual, expected);
        if (Math.abs(difference) > tolerance) {
            fail(what + ": expected " + expected + " ± " + tolerance + " but was " + actual + " (off by "
                    + difference + ")");
        }
    }
}
