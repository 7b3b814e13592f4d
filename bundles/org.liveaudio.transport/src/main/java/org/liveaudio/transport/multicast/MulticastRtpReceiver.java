package org.liveaudio.transport.multicast;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.function.Consumer;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtpPacketHandler;
import org.liveaudio.api.net.RtpReceiver;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.transport.rtp.ParseResult;
import org.liveaudio.transport.rtp.RtpHeader;
import org.liveaudio.transport.rtp.RtpPacketView;
import org.liveaudio.transport.srtp.ProtectionWatch;
import org.liveaudio.transport.srtp.RtpUnprotection;
import org.liveaudio.transport.srtp.Verdict;
import org.osgi.service.log.Logger;

/**
 * Receives datagrams on one thread of its own and hands each well-formed RTP packet to the handler on that thread,
 * one at a time. Its close closes the channel, unless the channel is kept ({@link org.liveaudio.api.net.KeptSockets})
 * for a receiver after it.
 */
final class MulticastRtpReceiver implements RtpReceiver {
    /** Larger than any UDP datagram, so none is cut short. */
    static final int BUFFER_BYTES = 65_535;

    private final MulticastEndpoint endpoint;
    private final RtpPacketHandler handler;
    private final Logger log;
    private final Consumer<? super MulticastRtpReceiver> onClose;
    private final ByteBuffer datagram = ByteBuffer.allocate(BUFFER_BYTES);
    private final RtpPacketView packet = new RtpPacketView();
    private final ReceiveThread receiving;
    /** Both null for an unprotected receiver. */
    private final RtpUnprotection unprotection;
    private final ProtectionWatch watch;

    // Written only by the receive thread, read by any: volatile suffices, no read-modify-write race.
    private volatile long datagrams;
    private volatile long malformed;
    private volatile long handlerFailures;
    /** Set when RTCP shows the stream protected while this receiver has no key: its packets are ciphertext. */
    private volatile boolean refusing;
    private volatile long refused;
    private final boolean channelKept;

    /**
     * @param key the SRTP key packets must authenticate under, or null to take them as they come
     * @param channelKept whether {@code channel} is kept for others and stays open when this receiver closes
     */
    MulticastRtpReceiver(MulticastEndpoint endpoint, DatagramChannel channel, boolean channelKept, StreamKey key,
            RtpPacketHandler handler, String threadName, Logger log,
            Consumer<? super MulticastRtpReceiver> onClose) throws IOException {
        this.endpoint = endpoint;
        this.unprotection = key == null ? null : new RtpUnprotection(key);
        // The thread names the listener, which the endpoint alone does not where several listen to one stream.
        this.watch = key == null ? null : new ProtectionWatch(log, "RTP receiver on " + endpoint + " (thread "
                + threadName + ")", key);
        this.handler = handler;
        this.log = log;
        this.onClose = onClose;
        this.channelKept = channelKept;
        this.receiving = channelKept
                ? ReceiveThread.onKept(channel, threadName, this::receiveUntilClosed, log, this)
                : new ReceiveThread(channel, threadName, this::receiveUntilClosed, log, this);
    }

    void start() {
        receiving.start();
    }

    /** Whether it reads a socket its owner keeps ({@link org.liveaudio.api.net.KeptSockets}), and closes it too. */
    boolean readsAKeptSocket() {
        return channelKept;
    }

    private void receiveUntilClosed() {
        byte[] bytes = datagram.array();
        while (receiving.receive(datagram) != null) {
            long receivedNanos = System.nanoTime();
            datagrams++;
            if (refusing) {
                refused++;
                continue;
            }
            int length = unprotection == null ? datagram.position() : unprotect(bytes, receivedNanos);
            if (length < 0) {
                continue;
            }
            if (RtpHeader.parse(bytes, 0, length, packet) != ParseResult.OK) {
                malformed++;
                continue;
            }
            packet.receivedAt(receivedNanos);
            deliver();
        }
    }

    /** The plain packet's length, or -1 for one dropped (and counted). */
    private int unprotect(byte[] bytes, long receivedNanos) {
        int length = unprotection.unprotect(bytes, datagram.position());
        if (length == Verdict.MALFORMED) {
            malformed++;
        } else if (length < 0) {
            watch.dropped(length, receivedNanos);
        } else {
            watch.accepted(receivedNanos);
        }
        return length < 0 ? -1 : length;
    }

    private void deliver() {
        try {
            handler.onPacket(packet);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError too: a handler whose bundle was just updated may hit a class that went away.
            if (handlerFailures++ == 0) {
                log.warn("{}: packet handler failed; counting further failures without logging them", this, e);
            }
        }
    }

    @Override
    public MulticastEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public long datagrams() {
        return datagrams;
    }

    @Override
    public long malformed() {
        return malformed;
    }

    @Override
    public long unauthenticated() {
        return watch == null ? refused : watch.unauthenticated();
    }

    /** The stream is protected and this receiver has no key: it drops everything from now on, counting it. */
    void refuseAsProtected() {
        if (unprotection == null) {
            refusing = true;
        }
    }

    @Override
    public long replayed() {
        return watch == null ? 0 : watch.replayed();
    }

    /** Packets whose handler threw; each was dropped and the next one delivered as usual. */
    long handlerFailures() {
        return handlerFailures;
    }

    /** Ends the receive thread, closing the channel unless it is kept, and waits a bounded time for the end. */
    @Override
    public void close() {
        if (receiving.close()) {
            onClose.accept(this);
        }
    }

    @Override
    public String toString() {
        return "RTP receiver on " + endpoint;
    }
}
