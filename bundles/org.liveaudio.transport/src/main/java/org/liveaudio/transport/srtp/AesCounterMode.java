package org.liveaudio.transport.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode as RFC 3711 4.1.1 defines it (AES-CM): the keystream is AES of IV, IV + 1, IV + 2, ...,
 * the counter in the IV's last 16 bits. The blocks go through the JDK's AES ({@code AES/ECB/NoPadding}, AES-NI
 * where the CPU has it), keyed once, because {@code AES/CTR} would have to be initialized again for every packet's
 * IV, which copies the key and allocates; here a packet allocates nothing. Not thread-safe: one per direction.
 */
final class AesCounterMode {
    static final int BLOCK = 16;
    /** Blocks enciphered per call to the cipher: bounds the buffers, not the packet. */
    private static final int CHUNK_BLOCKS = 128;

    private final Cipher aes;
    private final byte[] counters = new byte[CHUNK_BLOCKS * BLOCK];
    private final byte[] keystream = new byte[CHUNK_BLOCKS * BLOCK];

    AesCounterMode(byte[] key) {
        try {
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java platform must have AES", e);
        }
    }

    /**
     * XORs {@code length} bytes at {@code offset} with the keystream that starts at {@code iv} (16 bytes, its last
     * two zero): encrypts and decrypts alike.
     */
    void apply(byte[] iv, byte[] data, int offset, int length) {
        int block = 0;
        int done = 0;
        while (done < length) {
            int blocks = Math.min(CHUNK_BLOCKS, (length - done + BLOCK - 1) / BLOCK);
            for (int i = 0; i < blocks; i++, block++) {
                int at = i * BLOCK;
                System.arraycopy(iv, 0, counters, at, BLOCK - 2);
                counters[at + BLOCK - 2] = (byte) (iv[BLOCK - 2] ^ block >>> 8);
                counters[at + BLOCK - 1] = (byte) (iv[BLOCK - 1] ^ block);
            }
            try {
                aes.update(counters, 0, blocks * BLOCK, keystream, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException("the keystream buffer holds a whole chunk", e);
            }
            int n = Math.min(blocks * BLOCK, length - done);
            for (int i = 0; i < n; i++) {
                data[offset + done + i] ^= keystream[i];
            }
            done += n;
        }
    }
}
