package org.liveaudio.transport.srtp;

import org.liveaudio.api.net.StreamKey;

/**
 * One crypto suite's transform of an SRTP packet, given its index: the header stays in the clear and is
 * authenticated, the payload is encrypted, a tag follows. One thread at a time.
 */
interface RtpCrypto {
    static RtpCrypto of(StreamKey key) {
        return StreamKey.SUITE_GCM.equals(key.suite()) ? new GcmRtp(key) : new CounterModeRtp(key);
    }

    /** What protection adds to a packet: the tag. */
    int overhead();

    /**
     * Encrypts the payload after {@code header} bytes of the packet of {@code length} bytes and appends the tag.
     *
     * @return the protected length
     */
    int seal(byte[] packet, int header, int length, long ssrc, long index);

    /**
     * Whether the protected packet of {@code length} bytes authenticates as the packet of {@code index}; decrypts
     * its payload in place when it does, and leaves it as it was when it does not.
     */
    boolean open(byte[] packet, int header, int length, long ssrc, long index);
}
