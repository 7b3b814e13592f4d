package org.liveaudio.listener.engine;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.liveaudio.api.net.KeptSockets;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.RtpPacketHandler;
import org.liveaudio.api.net.RtpReceiver;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.net.StreamTransport;
import org.liveaudio.listener.rtcp.FakeRtcpChannel;

/** Opens receivers and RTCP channels that the test drives: it calls the handlers itself, in the threads' place. */
final class FakeTransport implements StreamTransport {
    final List<FakeReceiver> receivers = new CopyOnWriteArrayList<>();
    final List<FakeRtcpChannel> rtcpChannels = new CopyOnWriteArrayList<>();
    /** Packets a receiver reads as it opens, as from sockets a predecessor left (null: none). */
    volatile Consumer<RtpPacketHandler> waitingInTheSockets;
    /** The report interval every channel answers. */
    volatile long reportDelayNanos = 3_600_000_000_000L;

    static final class FakeReceiver implements RtpReceiver {
        final MulticastEndpoint endpoint;
        final RtpPacketHandler handler;
        final String threadName;
        /** What the listener asked the receiver to keep its sockets in. */
        KeptSockets kept;
        volatile boolean closed;
        long malformed;

        FakeReceiver(MulticastEndpoint endpoint, RtpPacketHandler handler, String threadName) {
            this.endpoint = endpoint;
            this.handler = handler;
            this.threadName = threadName;
        }

        @Override
        public MulticastEndpoint endpoint() {
            return endpoint;
        }

        @Override
        public long datagrams() {
            return 0;
        }

        @Override
        public long malformed() {
            return malformed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Override
    public RtpSender openSender(MulticastEndpoint endpoint) {
        throw new UnsupportedOperationException("listeners only receive");
    }

    @Override
    public RtpReceiver openReceiver(MulticastEndpoint endpoint, RtpPacketHandler handler, String threadName)
            throws IOException {
        FakeReceiver receiver = new FakeReceiver(endpoint, handler, threadName);
        receivers.add(receiver);
        return receiver;
    }

    @Override
    public RtpReceiver openReceiver(MulticastEndpoint endpoint, StreamKey key, RtpPacketHandler handler,
            String threadName, KeptSockets kept) throws IOException {
        FakeReceiver receiver = (FakeReceiver) openReceiver(endpoint, key, handler, threadName);
        receiver.kept = kept;
        Consumer<RtpPacketHandler> waiting = waitingInTheSockets;
        if (waiting != null) {
            waiting.accept(handler);
        }
        return receiver;
    }

    @Override
    public RtcpChannel openRtcp(MulticastEndpoint endpoint, RtcpHandler handler, String threadName) {
        FakeRtcpChannel channel = new FakeRtcpChannel(endpoint, handler, threadName);
        channel.delayNanos = reportDelayNanos;
        rtcpChannels.add(channel);
        return channel;
    }

    FakeRtcpChannel openRtcp() {
        return rtcpChannels.stream().filter(channel -> !channel.closed).reduce((first, second) -> {
            throw new AssertionError("more than one RTCP channel open");
        }).orElseThrow(() -> new AssertionError("no RTCP channel open"));
    }

    FakeReceiver open() {
        return receivers.stream().filter(receiver -> !receiver.closed).reduce((first, second) -> {
            throw new AssertionError("more than one receiver open");
        }).orElseThrow(() -> new AssertionError("no receiver open"));
    }
}
