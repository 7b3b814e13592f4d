package org.liveaudio.transport.srtp;

import org.liveaudio.api.net.StreamKey;

/**
 * The session keys of one direction of SRTP or of SRTCP (RFC 3711 4.3), derived from a master key: the cipher, the
 * authentication and the session salt, and the IV they make for a packet (4.1.1). Not thread-safe: one per
 * direction.
 */
final class SessionCipher {
    static final int SESSION_KEY_BYTES = 16;
    static final int AUTH_KEY_BYTES = 20;
    static final int SALT_BYTES = 14;

    final AesCounterMode cipher;
    final PacketAuthentication authentication;
    private final byte[] salt;
    private final byte[] iv = new byte[AesCounterMode.BLOCK];

    private SessionCipher(byte[] masterKey, byte[] masterSalt, int encryptionLabel, int authenticationLabel,
            int saltLabel) {
        cipher = new AesCounterMode(KeyDerivation.derive(masterKey, masterSalt, encryptionLabel, SESSION_KEY_BYTES));
        authentication = new PacketAuthentication(
                KeyDerivation.derive(masterKey, masterSalt, authenticationLabel, AUTH_KEY_BYTES));
        salt = KeyDerivation.derive(masterKey, masterSalt, saltLabel, SALT_BYTES);
    }

    static SessionCipher forRtp(StreamKey key) {
        return new SessionCipher(key.masterKey(), key.masterSalt(), KeyDerivation.SRTP_ENCRYPTION,
                KeyDerivation.SRTP_AUTHENTICATION, KeyDerivation.SRTP_SALT);
    }

    static SessionCipher forRtcp(StreamKey key) {
        return new SessionCipher(key.masterKey(), key.masterSalt(), KeyDerivation.SRTCP_ENCRYPTION,
                KeyDerivation.SRTCP_AUTHENTICATION, KeyDerivation.SRTCP_SALT);
    }

    /** Encrypts or decrypts in place for the packet of {@code ssrc} and {@code index} (48 bits at most). */
    void apply(long ssrc, long index, byte[] data, int offset, int length) {
        System.arraycopy(salt, 0, iv, 0, SALT_BYTES);
        iv[14] = 0;
        iv[15] = 0;
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= (byte) (ssrc >>> 8 * (3 - i));
        }
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> 8 * (5 - i));
        }
        cipher.apply(iv, data, offset, length);
    }
}
