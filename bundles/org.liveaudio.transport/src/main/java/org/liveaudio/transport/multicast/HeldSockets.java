package org.liveaudio.transport.multicast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.liveaudio.api.net.KeptSockets;

/**
 * Sockets held for owners that are being replaced (a listener whose bundle is updated), each until its owner
 * reclaims them or {@link #HOLD_MILLIS} pass. A daemon thread of its own, started with the first hold, closes those
 * not reclaimed; {@link #close} ends it and closes what is still held.
 */
final class HeldSockets {
    /** A replaced listener is back within tens of milliseconds; one that is not in a second is not coming. */
    static final long HOLD_MILLIS = 1_000;
    static final String THREAD_NAME = "liveaudio-transport-held-sockets";

    private final Map<String, KeptSockets> held = new HashMap<>();
    private ScheduledExecutorService expiry;
    private boolean closed;

    synchronized void hold(String owner, KeptSockets sockets) {
        if (closed) {
            sockets.close();
            return;
        }
        KeptSockets replaced = held.put(owner, sockets);
        if (replaced != null && replaced != sockets) {
            replaced.close();
        }
        if (expiry == null) {
            expiry = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, THREAD_NAME);
                thread.setDaemon(true);
                return thread;
            });
        }
        expiry.schedule(() -> expire(owner, sockets), HOLD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The sockets held for {@code owner}, now the caller's; null when there are none. */
    synchronized KeptSockets reclaim(String owner) {
        return held.remove(owner);
    }

    private synchronized void expire(String owner, KeptSockets sockets) {
        if (held.remove(owner, sockets)) {
            sockets.close();
        }
    }

    /** Closes whatever is still held and ends the expiry thread. */
    void close() {
        List<KeptSockets> closing;
        ScheduledExecutorService ending;
        synchronized (this) {
            closed = true;
            closing = new ArrayList<>(held.values());
            held.clear();
            ending = expiry;
            expiry = null;
        }
        closing.forEach(KeptSockets::close);
        if (ending != null) {
            ending.shutdownNow();
        }
    }
}
