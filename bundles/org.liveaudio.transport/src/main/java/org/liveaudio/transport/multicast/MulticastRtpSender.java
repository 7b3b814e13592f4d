package org.liveaudio.transport.multicast;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.transport.rtp.RtpHeader;
import org.liveaudio.transport.srtp.RtpProtection;

/**
 * Sends RTP packets from one thread to a multicast group. The datagram is assembled in one direct buffer
 * that the channel writes without a copy, so a send allocates nothing. A protected sender assembles it in an array
 * first, where SRTP encrypts and signs it in place.
 */
final class MulticastRtpSender implements RtpSender {
    /** The largest UDP payload IPv4 carries (65535 - 20 IP - 8 UDP). */
    static final int MAX_DATAGRAM = 65_507;
    static final int MAX_PAYLOAD = MAX_DATAGRAM - RtpHeader.FIXED_LENGTH;

    private final MulticastEndpoint endpoint;
    private final DatagramChannel channel;
    private final Consumer<? super MulticastRtpSender> onClose;
    private final byte[] header = new byte[RtpHeader.FIXED_LENGTH];
    private final ByteBuffer datagram = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Null for an unprotected sender. */
    private final RtpProtection protection;
    private final byte[] packet;

    /** @param protection SRTP for the packets, or null to send them as they are */
    MulticastRtpSender(MulticastEndpoint endpoint, DatagramChannel channel, RtpProtection protection,
            Consumer<? super MulticastRtpSender> onClose) {
        this.endpoint = endpoint;
        this.channel = channel;
        this.protection = protection;
        this.packet = protection == null ? null : new byte[MAX_DATAGRAM];
        this.onClose = onClose;
    }

    /**
     * @throws java.nio.channels.ClosedChannelException once closed, also by the transport going away
     * @throws IllegalArgumentException for a payload type outside 0..127 or a payload over {@link #MAX_PAYLOAD}
     */
    @Override
    public int send(int payloadType, boolean marker, int sequence, long timestamp, long ssrc,
            byte[] payload, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, payload.length);
        int limit = protection == null ? MAX_PAYLOAD : MAX_PAYLOAD - RtpProtection.MAX_OVERHEAD;
        if (length > limit) {
            throw new IllegalArgumentException("payload of " + length + " bytes exceeds " + limit);
        }
        RtpHeader.encode(header, 0, payloadType, marker, sequence, timestamp, ssrc);
        datagram.clear();
        if (protection == null) {
            datagram.put(header).put(payload, offset, length);
        } else {
            System.arraycopy(header, 0, packet, 0, header.length);
            System.arraycopy(payload, offset, packet, header.length, length);
            int protectedLength = protection.protect(packet, header.length, header.length + length, ssrc,
                    sequence & 0xFFFF_FFFFL);
            datagram.put(packet, 0, protectedLength);
        }
        datagram.flip();
        return channel.write(datagram);
    }

    @Override
    public MulticastEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing a datagram channel releases only the descriptor; nothing is left to clean up.
            }
            onClose.accept(this);
        }
    }

    @Override
    public String toString() {
        return "RTP sender to " + endpoint;
    }
}
