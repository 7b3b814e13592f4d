package org.liveaudio.control.sender;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtpPacketHandler;
import org.liveaudio.api.net.RtpReceiver;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.api.net.StreamTransport;

/** A transport that keeps what it would have sent, in the order sent, across all senders it opened. */
final class FakeTransport implements StreamTransport {
    record Packet(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload,
            MulticastEndpoint endpoint) {
    }

    final List<Packet> packets;
    final List<MulticastEndpoint> opened = new CopyOnWriteArrayList<>();
    volatile IOException sendFailure;

    FakeTransport() {
        this(new CopyOnWriteArrayList<>());
    }

    /** A second transport writing to the same list, as a replaced bundle would to the same network. */
    FakeTransport(List<Packet> packets) {
        this.packets = packets;
    }

    @Override
    public RtpSender openSender(MulticastEndpoint endpoint) {
        opened.add(endpoint);
        return new RtpSender() {
            @Override
            public int send(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload,
                    int offset, int length) throws IOException {
                if (sendFailure != null) {
                    throw sendFailure;
                }
                packets.add(new Packet(payloadType, marker, sequence & 0xFFFF, timestamp & 0xFFFF_FFFFL, ssrc,
                        Arrays.copyOfRange(payload, offset, offset + length), endpoint));
                return 12 + length;
            }

            @Override
            public MulticastEndpoint endpoint() {
                return endpoint;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public RtpReceiver openReceiver(MulticastEndpoint endpoint, RtpPacketHandler handler, String threadName) {
        throw new UnsupportedOperationException("the sender never receives");
    }

    Packet last() {
        return packets.get(packets.size() - 1);
    }
}
