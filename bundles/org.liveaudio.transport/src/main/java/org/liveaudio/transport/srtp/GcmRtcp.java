package org.liveaudio.transport.srtp;

import org.liveaudio.api.net.StreamKey;

/**
 * AEAD_AES_128_GCM for SRTCP (RFC 7714 9): the first eight bytes and the E flag with the index are the associated
 * data, the rest the plaintext; the tag follows the ciphertext, the E flag and index come last. The IV is
 * {@code 00 00 | SSRC | 00 00 | index} XOR the session salt.
 */
final class GcmRtcp implements RtcpCrypto {
    private static final int TRAILER = GcmCipher.TAG_LENGTH + 4;

    private final GcmCipher gcm;
    private final byte[] esrtcp = new byte[4];

    GcmRtcp(StreamKey key) {
        this(new GcmCipher(key, KeyDerivation.SRTCP_ENCRYPTION, KeyDerivation.SRTCP_SALT));
    }

    GcmRtcp(GcmCipher gcm) {
        this.gcm = gcm;
    }

    @Override
    public int overhead() {
        return TRAILER;
    }

    @Override
    public int seal(byte[] packet, int length, long ssrc, long index) {
        iv(ssrc, index);
        RtcpCrypto.putInt(esrtcp, 0, ENCRYPTED_FLAG | index);
        gcm.seal(packet, HEADER, length - HEADER, packet, 0, HEADER, esrtcp, 0, esrtcp.length);
        System.arraycopy(esrtcp, 0, packet, length + GcmCipher.TAG_LENGTH, esrtcp.length);
        return length + TRAILER;
    }

    @Override
    public long trailer(byte[] packet, int length) {
        return RtcpCrypto.getInt(packet, length - 4);
    }

    @Override
    public int open(byte[] packet, int length, long ssrc, long trailer) {
        iv(ssrc, trailer & ~ENCRYPTED_FLAG);
        int sealed = length - 4;
        boolean opened = (trailer & ENCRYPTED_FLAG) != 0
                ? gcm.open(packet, HEADER, sealed - HEADER, packet, 0, HEADER, packet, sealed, 4)
                // Unencrypted (E clear): all of the packet is associated data, and the tag is all there is to open.
                : gcm.open(packet, sealed - GcmCipher.TAG_LENGTH, GcmCipher.TAG_LENGTH, packet, 0,
                        sealed - GcmCipher.TAG_LENGTH, packet, sealed, 4);
        return opened ? sealed - GcmCipher.TAG_LENGTH : -1;
    }

    private void iv(long ssrc, long index) {
        gcm.resetIv();
        gcm.xorIntoIv(2, ssrc, 4);
        gcm.xorIntoIv(8, index, 4);
    }
}
