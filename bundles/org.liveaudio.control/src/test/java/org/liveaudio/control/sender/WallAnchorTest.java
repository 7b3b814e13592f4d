package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WallAnchorTest {
    @Test
    void theAnchorIsTheWallClockAtTheMomentItWasTaken() {
        long before = epochNanos(Instant.now());
        WallAnchor anchor = WallAnchor.take();
        long after = epochNanos(Instant.now());

        assertTrue(before <= anchor.epochNanos() && anchor.epochNanos() <= after,
                before + " <= " + anchor.epochNanos() + " <= " + after);
    }

    @Test
    void laterInstantsAreTheAnchorPlusTheMonotonicTimeSince() {
        WallAnchor anchor = new WallAnchor(1_700_000_000_000_000_000L, 5_000);

        assertEquals(1_700_000_000_000_000_000L + 2_000_000, anchor.epochNanosAt(2_005_000));
        assertEquals(1_700_000_000_000_000_000L - 5_000, anchor.epochNanosAt(0));
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
