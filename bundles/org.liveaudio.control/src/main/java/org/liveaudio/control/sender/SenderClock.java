package org.liveaudio.control.sender;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.osgi.service.log.Logger;

/**
 * The thread that paces the stream: parks until the stream's next deadline, then lets it tick. A park wakes
 * 50-150 us late on Linux, so each packet leaves that much after its slot; nothing a listener hears depends on
 * it, for a frame's timestamp and the timeline in the reports come from the slot, not from the send, and a
 * listener plays it a whole playout delay (8.75 ms and more) after its capture. Yielding through the last 100 us
 * kept departures within a few us of their slots but cost 16 ms of CPU a second at 5 ms frames, about two thirds
 * of what the clock thread spent.
 *
 * <p>Stopped by a flag and an unpark, never by an interrupt: an interrupt would close the transport's
 * socket channel under a send.
 */
final class SenderClock implements Runnable {
    static final String THREAD_NAME = "liveaudio-sender-clock";
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
            LockSupport.parkNanos(remaining);
        }
    }
}
