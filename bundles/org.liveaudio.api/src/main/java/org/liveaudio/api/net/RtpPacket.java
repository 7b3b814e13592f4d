package org.liveaudio.api.net;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A received RTP packet (RFC 3550), already checked for a well-formed header. The transport reuses one
 * instance per receiver: it is valid only during {@link RtpPacketHandler#onPacket}; copy what you keep.
 */
@ProviderType
public interface RtpPacket {
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

    /** {@link System#nanoTime()} at which the datagram was taken from the socket. */
    long receivedNanos();
}
