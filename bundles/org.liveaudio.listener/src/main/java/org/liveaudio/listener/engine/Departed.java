package org.liveaudio.listener.engine;

import java.util.function.LongConsumer;

/**
 * A service in use that was unregistered, most likely for an update of its bundle, while what it made for the
 * listener (a decoder, an output) still works: the listener goes on with that until another service of the kind
 * comes, rather than stop for the bundle's restart, for {@link #NANOS} at most. The holder's lock guards it.
 */
final class Departed {
    /** Longer than a bundle takes to come back from an update. */
    static final long NANOS = 1_000_000_000L;

    private final LongConsumer reconcileAfter;
    private boolean departed;
    private long sinceNanos;

    /** @param reconcileAfter has the holder reconciled again once the given nanoseconds have passed */
    Departed(LongConsumer reconcileAfter) {
        this.reconcileAfter = reconcileAfter;
    }

    /**
     * Whether what the departed service made still serves; the first call after it went asks for a reconcile once
     * its time is up.
     */
    boolean stillServes() {
        long now = System.nanoTime();
        if (!departed) {
            departed = true;
            sinceNanos = now;
            reconcileAfter.accept(NANOS);
        }
        return now - sinceNanos < NANOS;
    }

    /** Another service came, or the settings changed: nothing departed is used any more. */
    void clear() {
        departed = false;
    }
}
