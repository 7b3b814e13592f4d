package org.liveaudio.transport.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.liveaudio.api.net.StreamKey;

/**
 * AES-GCM with a 16-byte tag as RFC 7714 uses it, over the JDK's {@code AES/GCM/NoPadding}: the session key and
 * the 12-byte session salt come from RFC 3711's key derivation, the IV is the salt XOR what the packet names. The
 * JDK's GCM takes a fresh parameter object for every IV, so a packet allocates a little here (unlike AES-CM). One
 * thread at a time.
 */
final class GcmCipher {
    static final int TAG_LENGTH = 16;
    static final int IV_LENGTH = 12;

    private final Cipher gcm;
    private final SecretKeySpec key;
    private final byte[] salt;
    final byte[] iv = new byte[IV_LENGTH];

    GcmCipher(StreamKey master, int encryptionLabel, int saltLabel) {
        this(KeyDerivation.derive(master.masterKey(), master.masterSalt(), encryptionLabel,
                SessionCipher.SESSION_KEY_BYTES), KeyDerivation.derive(master.masterKey(), master.masterSalt(),
                saltLabel, IV_LENGTH));
    }

    /** Under session keys as given, as RFC 7714's test vectors give them. */
    GcmCipher(byte[] sessionKey, byte[] sessionSalt) {
        key = new SecretKeySpec(sessionKey, "AES");
        salt = sessionSalt.clone();
        try {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java platform must have AES-GCM", e);
        }
    }

    /** Starts {@link #iv} as the salt, for the caller to XOR in what the packet names. */
    void resetIv() {
        System.arraycopy(salt, 0, iv, 0, IV_LENGTH);
    }

    /** XORs {@code bytes} bytes of {@code value}, big-endian, into {@link #iv} from {@code at}. */
    void xorIntoIv(int at, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            iv[at + i] ^= (byte) (value >>> 8 * (bytes - 1 - i));
        }
    }

    /**
     * Encrypts {@code length} bytes at {@code offset} in place under {@link #iv}, with the associated data given,
     * and writes the tag after them.
     */
    void seal(byte[] data, int offset, int length, byte[] aad1, int aad1Offset, int aad1Length, byte[] aad2,
            int aad2Offset, int aad2Length) {
        try {
            start(Cipher.ENCRYPT_MODE, aad1, aad1Offset, aad1Length, aad2, aad2Offset, aad2Length);
            gcm.doFinal(data, offset, length, data, offset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM refused to encrypt", e);
        }
    }

    /**
     * Decrypts the {@code length} bytes at {@code offset}, the tag their last 16, in place; false, and nothing
     * written, when the tag is not theirs under {@link #iv} and the associated data.
     */
    boolean open(byte[] data, int offset, int length, byte[] aad1, int aad1Offset, int aad1Length, byte[] aad2,
            int aad2Offset, int aad2Length) {
        if (length < TAG_LENGTH) {
            return false;
        }
        try {
            start(Cipher.DECRYPT_MODE, aad1, aad1Offset, aad1Length, aad2, aad2Offset, aad2Length);
            gcm.doFinal(data, offset, length, data, offset);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM refused to decrypt", e);
        }
    }

    /** Initializes the cipher for {@code mode} under {@link #iv} and hands it the associated data, in two parts. */
    private void start(int mode, byte[] aad1, int aad1Offset, int aad1Length, byte[] aad2, int aad2Offset,
            int aad2Length) throws GeneralSecurityException {
        gcm.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
        gcm.updateAAD(aad1, aad1Offset, aad1Length);
        if (aad2Length > 0) {
            gcm.updateAAD(aad2, aad2Offset, aad2Length);
        }
    }
}
