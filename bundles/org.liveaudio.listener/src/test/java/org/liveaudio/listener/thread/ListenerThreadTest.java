package org.liveaudio.listener.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class ListenerThreadTest {
    private final AtomicInteger rounds = new AtomicInteger();
    private ListenerThread thread;

    private void loop() {
        while (thread.running()) {
            rounds.incrementAndGet();
            LockSupport.park(this);
        }
    }

    @Test
    void aDaemonNamedAfterTheListenerThatWakesAndStopsWithoutAnInterrupt() throws Exception {
        thread = new ListenerThread("liveaudio-listener-test-", "kitchen", this::loop);
        assertEquals("liveaudio-listener-test-kitchen", thread.thread().getName());
        assertTrue(thread.thread().isDaemon());

        thread.start();
        thread.rename("porch");
        assertEquals("liveaudio-listener-test-porch", thread.thread().getName());
        while (rounds.get() == 0) {
            Thread.sleep(1);
        }
        thread.wake();
        while (rounds.get() < 2) {
            Thread.sleep(1);
        }

        assertTrue(thread.stop(), "ended within the bound");
        assertFalse(thread.running());
        assertFalse(thread.thread().isInterrupted());
    }

    @Test
    void aStopThatIsInterruptedKeepsTheInterruptForItsCaller() {
        thread = new ListenerThread("liveaudio-listener-test-", "kitchen", this::loop);
        thread.start();

        Thread.currentThread().interrupt();
        thread.stop();

        assertTrue(Thread.interrupted(), "the interrupt is the caller's to handle");
    }

    @Test
    void aLoopThatDoesNotEndInTimeIsReported() {
        CountDownLatch release = new CountDownLatch(1);
        thread = new ListenerThread("liveaudio-listener-test-", "stuck", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();

        try {
            assertFalse(thread.stop(), "still busy after the bound");
        } finally {
            release.countDown();
        }
    }
}
