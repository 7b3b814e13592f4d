package org.liveaudio.control.sender;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.osgi.service.log.Logger;

/**
 * The thread that paces the stream: sleeps until the stream's next deadline, then lets it tick. Parks for
 * all but the last {@link #YIELD_MARGIN_NANOS} and yields through those, because a park overshoots by
 * 50-100 us on Linux; measured here at 5 ms frames: median lateness 2-4 us at about 1 % of a core, where a
 * 200 us margin gained nothing at 2.6 %.
 *
 * <p>Stopped by a flag and an unpark, never by an interrupt: an interrupt would close the transport's
 * socket channel under a send.
 */
final class SenderClock implements Runnable {
    static final String THREAD_NAME = "liveaudio-sender-clock";
    static final long YIELD_MARGIN_NANOS = 100_000;
    private static final long JOIN_MILLIS = 2_000;

    private final LongSupplier nextDeadline;
    private final Runnable tick;
    private final LongSupplier nanoClock;
    private final Logger log;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param nextDeadline when {@code tick} is due next, in {@code nanoClock}'s terms ({@link Stream#nextDeadline})
     * @param tick what is due then ({@link Stream#tick})
     */
    SenderClock(LongSupplier nextDeadline, Runnable tick, LongSupplier nanoClock, Logger log) {
        this.nextDeadline = nextDeadline;
        this.tick = tick;
        this.nanoClock = nanoClock;
        this.log = log;
        this.thread = new Thread(this, THREAD_NAME);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("{} did not stop within {} ms", THREAD_NAME, JOIN_MILLIS);
        }
    }

    @Override
    public void run() {
        while (running) {
            awaitDeadline(nextDeadline.getAsLong());
            if (!running) {
                return;
            }
            try {
                tick.run();
            } catch (RuntimeException | LinkageError e) {
                // The stream handles failures of the services it calls; this is a bug of its own. Keep the
                // clock alive and don't spin on it.
                log.error("The sender clock survived an unexpected failure", e);
                LockSupport.parkNanos(Stream.RETRY_NANOS);
            }
        }
    }

    private void awaitDeadline(long deadline) {
        for (long remaining = deadline - nanoClock.getAsLong(); remaining > 0 && running;
                remaining = deadline - nanoClock.getAsLong()) {
            if (remaining > YIELD_MARGIN_NANOS) {
                LockSupport.parkNanos(remaining - YIELD_MARGIN_NANOS);
            } else {
                Thread.yield();
            }
        }
    }
}
