package org.liveaudio.listener.thread;

import java.util.concurrent.locks.LockSupport;

/**
 * One of a listener's threads: a daemon named after its job and the listener, renamed with the listener, whose
 * loop runs while {@link #running()}. Stopped by a flag and an unpark, never by an interrupt (an interrupt closes
 * a socket channel under the thread), and waited for a bounded time.
 */
public final class ListenerThread {
    static final long JOIN_MILLIS = 2_000;

    private final String prefix;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param prefix the thread's name before the listener's, e.g. {@code liveaudio-listener-playout-} */
    public ListenerThread(String prefix, String listener, Runnable loop) {
        this.prefix = prefix;
        this.thread = new Thread(loop, prefix + listener);
        thread.setDaemon(true);
    }

    /** The thread itself, for those who wake it when there is something for it to do. */
    public Thread thread() {
        return thread;
    }

    public void start() {
        thread.start();
    }

    public void rename(String listener) {
        thread.setName(prefix + listener);
    }

    public boolean running() {
        return running;
    }

    /** Cuts a park of the loop short. */
    public void wake() {
        LockSupport.unpark(thread);
    }

    /**
     * Ends the loop and waits for the thread a bounded time.
     *
     * @return whether it ended within that time
     */
    public boolean stop() {
        running = false;
        wake();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
