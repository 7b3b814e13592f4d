package org.liveaudio.listener.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PreciseWaitTest {
    private static final long MS = 1_000_000;

    private final AtomicBoolean running = new AtomicBoolean(true);

    @Test
    void withACoreFreeItReturnsNoEarlierThanTheInstantAndGivesTheCoreBack() {
        Semaphore cores = new Semaphore(1);
        PreciseWait wait = new PreciseWait(running::get, cores);
        for (int i = 0; i < 20; i++) {
            long deadline = System.nanoTime() + 2 * MS;
            wait.until(deadline);
            assertTrue(System.nanoTime() - deadline >= 0, "returned before the instant");
        }
        assertEquals(1, cores.availablePermits());
    }

    @Test
    void withNoCoreFreeItParksToTheInstant() {
        Semaphore cores = new Semaphore(0);
        PreciseWait wait = new PreciseWait(running::get, cores);
        long deadline = System.nanoTime() + 5 * MS;
        wait.until(deadline);
        assertTrue(System.nanoTime() - deadline >= -PreciseWait.MAX_OVERSHOOT_NANOS,
                "returned more than the longest overshoot it learns before the instant");
        assertEquals(0, cores.availablePermits());
    }

    @Test
    void aPassedInstantReturnsAtOnce() {
        Semaphore cores = new Semaphore(1);
        long started = System.nanoTime();
        new PreciseWait(running::get, cores).until(started - MS);
        assertTrue(System.nanoTime() - started < 1_000 * MS);
        assertEquals(1, cores.availablePermits());
    }

    @Test
    void aLoopToEndStopsWaitingAndSpinning() {
        Semaphore cores = new Semaphore(1);
        running.set(false);
        long started = System.nanoTime();
        new PreciseWait(running::get, cores).until(started + 10_000 * MS);
        assertTrue(System.nanoTime() - started < 5_000 * MS, "waited for an instant its loop no longer needs");
        assertEquals(1, cores.availablePermits());
    }
}
