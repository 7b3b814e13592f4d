package org.liveaudio.transport.multicast;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.log.Logger;

/**
 * A datagram channel read by a daemon thread of its own, blocked in the channel: closing the channel is what
 * wakes and ends the thread. Shared by the RTP receiver and the RTCP channel, which differ only in what they do
 * with a datagram.
 */
final class ReceiveThread {
    static final long CLOSE_WAIT_MILLIS = 2_000;

    private final DatagramChannel channel;
    private final Thread thread;
    private final Logger log;
    private final Object owner;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param owner names the channel in log lines */
    ReceiveThread(DatagramChannel channel, String threadName, Runnable loop, Logger log, Object owner) {
        this.channel = channel;
        this.log = log;
        this.owner = owner;
        this.thread = new Thread(loop, threadName);
        thread.setDaemon(true);
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
            return channel.receive(buffer);
        } catch (ClosedChannelException e) {
            return null;
        } catch (IOException e) {
            if (channel.isOpen()) {
                log.warn("{}: receiving failed, nothing more will arrive until reopened: {}", owner, e.toString());
            }
            return null;
        }
    }

    /**
     * Closes the channel and waits a bounded time for the thread to end (not when called from the thread itself).
     *
     * @return whether this call closed it: false when it was closed already
     */
    boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("{}: closing the channel: {}", owner, e.toString());
        }
        if (Thread.currentThread() != thread) {
            awaitEnd();
        }
        return true;
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
