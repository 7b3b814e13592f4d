package org.liveaudio.api.net;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A received RTP packet (RFC 3550), already checked for a well-formed header. The transport reuses one
 * instance per receiver: it is valid only during {@link RtpPacketHandler#onPacket}; copy what you keep.
 */
@ProviderType
public interface RtpPacket {
    /** The dynamic payload types (RFC 3551, section 3), which an SDP maps to an encoding. */
    int MIN_DYNAMIC_PAYLOAD_TYPE = 96;
    int MAX_DYNAMIC_PAYLOAD_TYPE = 127;

    int payloadType();

    boolean marker();

    /** 16-bit sequence number, 0..65535. */
    int sequence();

    /** 32-bit timestamp, 0..2^32-1. */
    long timestamp();

    /** 32-bit synchronization source, 0..2^32-1. */
    long ssrc();

    /** The datagram buffer; the payload is {@code payloadLength} bytes from {@code payloadOffset}. */
    byte[] buffer();

    int payloadOffset();

    int payloadLength();

    /** {@link System#nanoTime()} at which the datagram was taken from the socket, or the packet was rebuilt. */
    long receivedNanos();

    /** Whether the packet was lost on the way and rebuilt from a FEC repair stream rather than received. */
    default boolean recovered() {
        return false;
    }
}
