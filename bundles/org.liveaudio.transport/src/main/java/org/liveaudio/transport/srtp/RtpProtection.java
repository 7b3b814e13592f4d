package org.liveaudio.transport.srtp;

import org.liveaudio.api.net.StreamKey;

/**
 * The sending side of SRTP (RFC 3711 3.3) with AES_CM_128_HMAC_SHA1_80: encrypts an RTP packet's payload in place
 * and appends the 80-bit tag. The caller knows the packet's index (rollover counter and sequence number), so
 * nothing here guesses it. Allocates nothing of its own per packet; one thread at a time.
 */
public final class RtpProtection {
    /** What protection adds to a packet. */
    public static final int OVERHEAD = PacketAuthentication.TAG_LENGTH;
    private static final long INDEX_MASK = (1L << 48) - 1;

    private final SessionCipher session;

    public RtpProtection(StreamKey key) {
        session = SessionCipher.forRtp(key);
    }

    /**
     * Protects the packet of {@code length} bytes at the start of {@code packet}, which has room for
     * {@link #OVERHEAD} more.
     *
     * @param headerLength where the payload starts
     * @param index the packet's index: its rollover counter times 2^16 plus its sequence number
     * @return the protected packet's length
     */
    public int protect(byte[] packet, int headerLength, int length, long ssrc, long index) {
        long i = index & INDEX_MASK;
        session.apply(ssrc, i, packet, headerLength, length - headerLength);
        session.authentication.tag(packet, 0, length, i >>> 16, packet, length);
        return length + OVERHEAD;
    }
}
