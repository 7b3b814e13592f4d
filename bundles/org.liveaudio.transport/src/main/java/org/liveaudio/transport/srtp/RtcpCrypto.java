package org.liveaudio.transport.srtp;

import org.liveaudio.api.net.StreamKey;

/**
 * One crypto suite's transform of an SRTCP packet (RFC 3711 3.4, RFC 7714 9): the first eight bytes stay in the
 * clear, the rest is encrypted, the E flag with the SRTCP index and a tag are added (in an order the suite sets).
 * One thread at a time.
 */
interface RtcpCrypto {
    int HEADER = 8;
    long ENCRYPTED_FLAG = 0x8000_0000L;

    static RtcpCrypto of(StreamKey key) {
        return StreamKey.SUITE_GCM.equals(key.suite()) ? new GcmRtcp(key) : new CounterModeRtcp(key);
    }

    /** What protection adds to a compound packet: the E flag and index, and the tag. */
    int overhead();

    /**
     * Encrypts the compound packet of {@code length} bytes after its first eight, and adds the E flag with
     * {@code index} and the tag.
     *
     * @return the protected length
     */
    int seal(byte[] packet, int length, long ssrc, long index);

    /** The E flag (bit 31) and the index the protected packet of {@code length} bytes carries. */
    long trailer(byte[] packet, int length);

    /**
     * The plain compound's length when the protected packet authenticates under its {@code trailer}, decrypted in
     * place; -1 when it does not.
     */
    int open(byte[] packet, int length, long ssrc, long trailer);

    static void putInt(byte[] packet, int at, long value) {
        packet[at] = (byte) (value >>> 24);
        packet[at + 1] = (byte) (value >>> 16);
        packet[at + 2] = (byte) (value >>> 8);
        packet[at + 3] = (byte) value;
    }

    static long getInt(byte[] packet, int at) {
        return (packet[at] & 0xffL) << 24 | (packet[at + 1] & 0xff) << 16 | (packet[at + 2] & 0xff) << 8
                | packet[at + 3] & 0xff;
    }
}
