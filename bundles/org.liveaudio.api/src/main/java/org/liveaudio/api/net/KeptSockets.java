package org.liveaudio.api.net;

import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Receive sockets that outlive the transport that opened them. Their owner (a listener) holds them while it listens
 * on an endpoint, so that a swap of transports loses no packet: while no receiver reads a socket, the kernel queues
 * what arrives, and the next transport's receiver reads it from there. A transport keeps here what it opens for a
 * receiver and leaves it open when the receiver closes; the owner closes them all when it stops listening.
 *
 * <p>A JDK type, not a transport's own, so that it stays valid when the transport's bundle is updated. One
 * receiver at a time may read a kept socket.
 */
public final class KeptSockets implements AutoCloseable {
    private final Map<MulticastEndpoint, DatagramChannel> sockets = new HashMap<>();

    /** The open socket kept for {@code endpoint}, or null when there is none. */
    public synchronized DatagramChannel socket(MulticastEndpoint endpoint) {
        DatagramChannel kept = sockets.get(endpoint);
        if (kept != null && !kept.isOpen()) {
            sockets.remove(endpoint);
            return null;
        }
        return kept;
    }

    /**
     * Keeps {@code socket} for {@code endpoint} until {@link #close()}; a socket kept before for it is closed.
     */
    public synchronized void keep(MulticastEndpoint endpoint, DatagramChannel socket) {
        DatagramChannel replaced = sockets.put(endpoint, socket);
        if (replaced != null && replaced != socket) {
            closeQuietly(replaced);
        }
    }

    /** Closes every kept socket; the next {@link #keep} starts afresh. */
    @Override
    public void close() {
        List<DatagramChannel> closing;
        synchronized (this) {
            closing = new ArrayList<>(sockets.values());
            sockets.clear();
        }
        closing.forEach(KeptSockets::closeQuietly);
    }

    private static void closeQuietly(DatagramChannel socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a datagram socket fails only when it is closed already: nothing is lost.
        }
    }
}
