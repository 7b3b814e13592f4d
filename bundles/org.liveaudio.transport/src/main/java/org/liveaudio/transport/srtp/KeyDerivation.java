package org.liveaudio.transport.srtp;

/**
 * The key derivation of RFC 3711 4.3 with key derivation rate 0 (RFC 4568's default): each session key is the
 * AES-CM keystream under the master key from the IV (label XOR master salt) * 2^16, the label in the salt's
 * eighth byte.
 */
final class KeyDerivation {
    static final int SRTP_ENCRYPTION = 0x00;
    static final int SRTP_AUTHENTICATION = 0x01;
    static final int SRTP_SALT = 0x02;
    static final int SRTCP_ENCRYPTION = 0x03;
    static final int SRTCP_AUTHENTICATION = 0x04;
    static final int SRTCP_SALT = 0x05;
    private static final int LABEL_BYTE = 7;

    private KeyDerivation() {
    }

    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] iv = new byte[AesCounterMode.BLOCK];
        System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
        iv[LABEL_BYTE] ^= (byte) label;
        byte[] key = new byte[length];
        new AesCounterMode(masterKey).apply(iv, key, 0, length);
        return key;
    }
}
