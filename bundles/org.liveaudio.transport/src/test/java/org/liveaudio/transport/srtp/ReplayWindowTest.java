package org.liveaudio.transport.srtp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    private static ReplayWindow takenUpTo(long highest) {
        ReplayWindow window = new ReplayWindow();
        window.take(highest);
        return window;
    }

    @Test
    void anyIndexIsNewToAnEmptyWindow() {
        ReplayWindow window = new ReplayWindow();
        assertTrue(window.isNew(0));
        assertTrue(window.isNew(1L << 47));
    }

    @Test
    void theHighestTakenIsAReplay() {
        assertFalse(takenUpTo(1000).isNew(1000));
    }

    @Test
    void indicesInsideTheWindowAreNewUntilTakenAndTheFirstOneBehindItIsTooOld() {
        ReplayWindow window = takenUpTo(1000);
        long oldestInside = 1000 - ReplayWindow.SIZE + 1;
        assertTrue(window.isNew(oldestInside));
        assertFalse(window.isNew(oldestInside - 1));
        window.take(oldestInside);
        assertFalse(window.isNew(oldestInside));
        assertTrue(window.isNew(oldestInside + 1));
    }

    @Test
    void movingAheadKeepsWhatWasTakenInsideTheWindow() {
        ReplayWindow window = takenUpTo(1000);
        window.take(998);
        window.take(1010);
        assertFalse(window.isNew(998));
        assertFalse(window.isNew(1000));
        assertTrue(window.isNew(999));
        assertTrue(window.isNew(1009));
        assertTrue(window.isNew(1011));
    }

    @Test
    void aJumpPastTheWholeWindowForgetsEverythingBehindIt() {
        ReplayWindow window = takenUpTo(1000);
        window.take(1000 + ReplayWindow.SIZE);
        assertFalse(window.isNew(1000), "now behind the window");
        assertTrue(window.isNew(1001));
        window.take(1001 + 2 * ReplayWindow.SIZE);
        assertFalse(window.isNew(1000 + ReplayWindow.SIZE));
        assertTrue(window.isNew(1002 + ReplayWindow.SIZE));
    }
}
