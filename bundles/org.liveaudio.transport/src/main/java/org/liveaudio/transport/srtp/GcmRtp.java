package org.liveaudio.transport.srtp;

import org.liveaudio.api.net.StreamKey;

/**
 * AEAD_AES_128_GCM for SRTP (RFC 7714 8): the header is the associated data, the payload the plaintext, the IV
 * {@code 00 00 | SSRC | ROC | SEQ} XOR the session salt.
 */
final class GcmRtp implements RtpCrypto {
    private final GcmCipher gcm;

    GcmRtp(StreamKey key) {
        this(new GcmCipher(key, KeyDerivation.SRTP_ENCRYPTION, KeyDerivation.SRTP_SALT));
    }

    GcmRtp(GcmCipher gcm) {
        this.gcm = gcm;
    }

    @Override
    public int overhead() {
        return GcmCipher.TAG_LENGTH;
    }

    @Override
    public int seal(byte[] packet, int header, int length, long ssrc, long index) {
        iv(ssrc, index);
        gcm.seal(packet, header, length - header, packet, 0, header, packet, 0, 0);
        return length + GcmCipher.TAG_LENGTH;
    }

    @Override
    public boolean open(byte[] packet, int header, int length, long ssrc, long index) {
        iv(ssrc, index);
        return gcm.open(packet, header, length - header, packet, 0, header, packet, 0, 0);
    }

    private void iv(long ssrc, long index) {
        gcm.resetIv();
        gcm.xorIntoIv(2, ssrc, 4);
        gcm.xorIntoIv(6, index, 6);
    }
}
