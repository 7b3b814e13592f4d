package org.liveaudio.transport.srtp;

import org.liveaudio.api.net.StreamKey;

/**
 * The sending side of SRTP (RFC 3711 3.3) under the key's suite, AES_CM_128_HMAC_SHA1_80 or AEAD_AES_128_GCM:
 * encrypts an RTP packet's payload in place and appends the tag. The caller knows the packet's index (rollover
 * counter and sequence number), so nothing here guesses it. One thread at a time.
 */
public final class RtpProtection {
    /** The most protection adds to a packet, under any suite: room to leave. */
    public static final int MAX_OVERHEAD = GcmCipher.TAG_LENGTH;
    private static final long INDEX_MASK = (1L << 48) - 1;

    private final RtpCrypto crypto;

    public RtpProtection(StreamKey key) {
        crypto = RtpCrypto.of(key);
    }

    /** What protection adds to a packet under this key's suite. */
    public int overhead() {
        return crypto.overhead();
    }

    /**
     * Protects the packet of {@code length} bytes at the start of {@code packet}, which has room for
     * {@link #overhead()} more.
     *
     * @param headerLength where the payload starts
     * @param index the packet's index: its rollover counter times 2^16 plus its sequence number
     * @return the protected packet's length
     */
    public int protect(byte[] packet, int headerLength, int length, long ssrc, long index) {
        return crypto.seal(packet, headerLength, length, ssrc, index & INDEX_MASK);
    }
}
