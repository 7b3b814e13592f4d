package org.liveaudio.transport.fec;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtpPacketHandler;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.transport.rtp.RtpHeader;
import org.liveaudio.transport.rtp.RtpPacketView;

/**
 * A test's network for one stream: each datagram a sender sends is kept (a copy, for the test to replay) or handed
 * at once to a receiver's handler, as the real receiver would, unless the packet is lost.
 */
final class Wire implements RtpSender {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Consumer<byte[]> keep;
    private final RtpPacketHandler handler;
    private final IntPredicate lost;
    private final boolean timed;
    private final byte[] datagram = new byte[2048];
    private final RtpPacketView view = new RtpPacketView();
    private long handlerCpuNanos;

    private Wire(Consumer<byte[]> keep, RtpPacketHandler handler, IntPredicate lost, boolean timed) {
        this.keep = keep;
        this.handler = handler;
        this.lost = lost;
        this.timed = timed;
    }

    /** Hands {@code keep} a copy of each datagram. */
    static Wire keeping(Consumer<byte[]> keep) {
        return new Wire(keep, null, sequence -> false, false);
    }

    /** Hands each datagram whose sequence number {@code lost} does not take to {@code handler}. */
    static Wire delivering(RtpPacketHandler handler, IntPredicate lost) {
        return new Wire(null, handler, lost, false);
    }

    /** As {@link #delivering}, and counts the handler's CPU time on this thread. */
    static Wire timing(RtpPacketHandler handler, IntPredicate lost) {
        return new Wire(null, handler, lost, true);
    }

    @Override
    public int send(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload,
            int offset, int length) {
        int n = RtpHeader.encode(datagram, 0, payloadType, marker, sequence, timestamp, ssrc);
        System.arraycopy(payload, offset, datagram, n, length);
        if (keep != null) {
            keep.accept(Arrays.copyOf(datagram, n + length));
        } else if (!lost.test(sequence)) {
            long start = timed ? THREADS.getCurrentThreadCpuTime() : 0;
            RtpHeader.parse(datagram, 0, n + length, view);
            handler.onPacket(view);
            handlerCpuNanos += timed ? THREADS.getCurrentThreadCpuTime() - start : 0;
        }
        return n + length;
    }

    /** CPU time the handler took, for a {@link #timing} wire. */
    long handlerCpuNanos() {
        return handlerCpuNanos;
    }

    @Override
    public MulticastEndpoint endpoint() {
        return null;
    }

    @Override
    public void close() {
    }
}
