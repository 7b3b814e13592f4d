package org.liveaudio.transport.multicast;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.log.Logger;

/**
 * A datagram channel read by a daemon thread of its own. Shared by the RTP receiver and the RTCP channel, which
 * differ only in what they do with a datagram. Either the thread owns the channel and blocks in it, and closing the
 * channel is what wakes and ends the thread; or the channel is kept by someone else ({@link
 * org.liveaudio.api.net.KeptSockets}) and outlives the thread, which then waits in a selector of its own that close
 * wakes, leaving the channel open with whatever has arrived since.
 */
final class ReceiveThread {
    static final long CLOSE_WAIT_MILLIS = 2_000;
    /** Readiness is all the thread waits for: the channel is read after every wake-up anyway. */
    private static final Consumer<SelectionKey> WAKE_ONLY = key -> {
    };

    private final DatagramChannel channel;
    /** Null when the thread owns the channel and blocks in it. */
    private final Selector selector;
    private final Thread thread;
    private final Logger log;
    private final Object owner;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A thread that owns {@code channel}: its close closes the channel. */
    ReceiveThread(DatagramChannel channel, String threadName, Runnable loop, Logger log, Object owner) {
        this(channel, null, threadName, loop, log, owner);
    }

    /** @param owner names the channel in log lines */
    private ReceiveThread(DatagramChannel channel, Selector selector, String threadName, Runnable loop, Logger log,
            Object owner) {
        this.channel = channel;
        this.selector = selector;
        this.log = log;
        this.owner = owner;
        this.thread = new Thread(loop, threadName);
        thread.setDaemon(true);
    }

    /** A thread that reads a kept {@code channel} and leaves it open when it closes. */
    static ReceiveThread onKept(DatagramChannel channel, String threadName, Runnable loop, Logger log, Object owner)
            throws IOException {
        Selector selector = Selector.open();
        try {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            return new ReceiveThread(channel, selector, threadName, loop, log, owner);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    void start() {
        thread.start();
    }

    /**
     * Takes the next datagram into {@code buffer} (cleared first), blocking; null once the channel is closed or
     * has failed, when the loop must end.
     */
    SocketAddress receive(ByteBuffer buffer) {
        buffer.clear();
        try {
            return selector == null ? channel.receive(buffer) : receiveWaiting(buffer);
        } catch (ClosedChannelException | ClosedSelectorException e) {
            return null;
        } catch (IOException e) {
            if (!closed.get()) {
                log.warn("{}: receiving failed, nothing more will arrive until reopened: {}", owner, e.toString());
            }
            return null;
        }
    }

    private SocketAddress receiveWaiting(ByteBuffer buffer) throws IOException {
        while (!closed.get()) {
            SocketAddress from = channel.receive(buffer);
            if (from != null) {
                return from;
            }
            selector.select(WAKE_ONLY);
        }
        return null;
    }

    /**
     * Closes the channel (a kept one: wakes the thread and leaves the channel open) and waits a bounded time for
     * the thread to end (not when called from the thread itself).
     *
     * @return whether this call closed it: false when it was closed already
     */
    boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        if (selector == null) {
            closeQuietly(channel);
        } else {
            selector.wakeup();
        }
        if (Thread.currentThread() != thread) {
            awaitEnd();
        }
        if (selector != null) {
            // Deregisters the kept channel, so that the next reader's selector may take it.
            closeQuietly(selector);
        }
        return true;
    }

    private void closeQuietly(Closeable closing) {
        try {
            closing.close();
        } catch (IOException e) {
            log.debug("{}: closing: {}", owner, e.toString());
        }
    }

    private void awaitEnd() {
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("{}: thread {} still busy in its handler {} ms after close", owner, thread.getName(),
                    CLOSE_WAIT_MILLIS);
        }
    }
}
