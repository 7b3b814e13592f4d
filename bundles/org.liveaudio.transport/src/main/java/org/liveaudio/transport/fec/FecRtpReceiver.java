package org.liveaudio.transport.fec;

import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtpPacketHandler;
import org.liveaudio.api.net.RtpReceiver;

/**
 * A receiver of a source stream and of its repair stream, each on a thread of its own, that hands the handler
 * every source packet received and every one rebuilt from the repair packets. One lock serializes the two
 * threads, so the handler sees one packet at a time as {@link RtpPacketHandler} promises. Without a repair
 * stream (a sender without FEC) it is the source receiver alone with an idle second socket.
 */
public final class FecRtpReceiver implements RtpReceiver {
    private final Object lock = new Object();
    private final RecoveryWindow window = new RecoveryWindow();
    private final RtpPacketHandler handler;
    private RtpReceiver source;
    private RtpReceiver repair;

    public FecRtpReceiver(RtpPacketHandler handler) {
        this.handler = handler;
    }

    /** What the source stream's receiver hands its packets to. */
    public RtpPacketHandler sourceHandler() {
        return packet -> {
            synchronized (lock) {
                window.onSource(packet);
                handler.onPacket(packet);
                window.retryPending(handler, packet.receivedNanos());
            }
        };
    }

    /** What the repair stream's receiver hands its packets to. */
    public RtpPacketHandler repairHandler() {
        return packet -> {
            synchronized (lock) {
                window.onRepair(packet, handler, packet.receivedNanos());
            }
        };
    }

    /** The two receivers, once open; this one closes them. */
    public void attach(RtpReceiver sourceReceiver, RtpReceiver repairReceiver) {
        this.source = sourceReceiver;
        this.repair = repairReceiver;
    }

    /** The source stream's own receiver. */
    public RtpReceiver sourceReceiver() {
        return source;
    }

    @Override
    public MulticastEndpoint endpoint() {
        return source.endpoint();
    }

    @Override
    public long datagrams() {
        return source.datagrams() + repair.datagrams();
    }

    @Override
    public long malformed() {
        synchronized (lock) {
            return source.malformed() + repair.malformed() + window.malformedRepairs();
        }
    }

    @Override
    public long unauthenticated() {
        return source.unauthenticated() + repair.unauthenticated();
    }

    @Override
    public long replayed() {
        return source.replayed() + repair.replayed();
    }

    @Override
    public long recovered() {
        synchronized (lock) {
            return window.recovered();
        }
    }

    /** Well-formed repair packets received. */
    public long repairs() {
        synchronized (lock) {
            return window.repairs();
        }
    }

    @Override
    public void close() {
        try {
            source.close();
        } finally {
            repair.close();
        }
    }

    @Override
    public String toString() {
        return source + " with FEC repair on port " + repair.endpoint().port();
    }
}
