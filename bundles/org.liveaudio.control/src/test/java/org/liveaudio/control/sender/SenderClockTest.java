package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.testing.RecordingLogger;

/**
 * The clock thread, pacing a stand-in for the stream. Its own clock moves only when read, a fixed step at a
 * time, so that whether a tick came before its deadline does not depend on how busy the machine is.
 */
class SenderClockTest {
    private static final long READING_NANOS = 200_000;
    private static final long PERIOD_NANOS = 2_000_000;
    private static final long WAIT_NANOS = 5_000_000_000L;

    private final RecordingLogger log = new RecordingLogger();
    private final AtomicLong time = new AtomicLong();
    private SenderClock clock;

    @AfterEach
    void stop() {
        if (clock != null) {
            clock.stop();
        }
    }

    @Test
    void eachTickComesAtItsDeadlineOrAfterNeverBefore() {
        AtomicLong deadline = new AtomicLong();
        List<Long> early = new CopyOnWriteArrayList<>();
        AtomicInteger ticks = new AtomicInteger();
        clock = new SenderClock(() -> deadline.addAndGet(PERIOD_NANOS), () -> {
            if (time.get() < deadline.get()) {
                early.add(deadline.get() - time.get());
            }
            ticks.incrementAndGet();
        }, () -> time.addAndGet(READING_NANOS), log.logger());

        clock.start();
        await(() -> ticks.get() >= 5, "five ticks");
        clock.stop();

        assertEquals(List.of(), early, "nanoseconds ticks came early");
    }

    @Test
    void theClockRunsOnADaemonThreadOfTopPriorityThatStopWakesFromAFarDeadlineAndEnds() {
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger ticks = new AtomicInteger();
        clock = new SenderClock(() -> {
            asked.incrementAndGet();
            return time.get() + 3_600_000_000_000L;
        }, ticks::incrementAndGet, time::get, log.logger());

        Set<Thread> before = clockThreads();
        clock.start();
        await(() -> asked.get() > 0, "the clock asking for its deadline");
        Set<Thread> started = clockThreads();
        started.removeAll(before);
        assertEquals(1, started.size());
        Thread thread = started.iterator().next();
        assertTrue(thread.isDaemon(), "a daemon, which does not keep the JVM from exiting");
        assertEquals(Thread.MAX_PRIORITY, thread.getPriority());

        clock.stop();

        assertFalse(thread.isAlive());
        assertEquals(0, ticks.get());
        assertEquals(List.of(), log.warnings());
    }

    @Test
    void aFailingTickIsLoggedAndTheClockTicksOn() {
        AtomicInteger ticks = new AtomicInteger();
        clock = new SenderClock(time::get, () -> {
            if (ticks.incrementAndGet() == 1) {
                throw new IllegalStateException("a bug of the stream's own");
            }
        }, time::get, log.logger());

        clock.start();
        await(() -> ticks.get() >= 2, "a tick after the failure");

        assertEquals(List.of("ERROR The sender clock survived an unexpected failure"), log.lines().stream()
                .filter(line -> line.startsWith("ERROR")).toList());
    }

    @Test
    void stopKeepsTheInterruptOfAThreadInterruptedWhileItWaits() {
        clock = new SenderClock(() -> time.get() + 3_600_000_000_000L, () -> { }, time::get, log.logger());
        clock.start();

        Thread.currentThread().interrupt();
        clock.stop();

        assertTrue(Thread.interrupted(), "the caller's interrupt, for it to act on");
    }

    private static Set<Thread> clockThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(SenderClock.THREAD_NAME) && thread.isAlive())
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static void await(BooleanSupplier condition, String what) {
        long giveUp = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - giveUp > 0) {
                fail("no " + what + " within " + WAIT_NANOS / 1_000_000 + " ms");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
