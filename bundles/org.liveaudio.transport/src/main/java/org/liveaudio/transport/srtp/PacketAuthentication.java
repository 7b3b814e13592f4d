package org.liveaudio.transport.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA1 truncated to 80 bits (RFC 3711 4.2.1), the JDK's {@code HmacSHA1} keyed once. Its
 * {@code doFinal} copies the digest through two 20-byte arrays of the JDK's own per packet; nothing else is
 * allocated. Not thread-safe: one per direction.
 */
final class PacketAuthentication {
    static final int TAG_LENGTH = 10;
    private static final int DIGEST_LENGTH = 20;

    private final Mac mac;
    private final byte[] digest = new byte[DIGEST_LENGTH];
    private final byte[] rollover = new byte[4];

    PacketAuthentication(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java platform must have HmacSHA1", e);
        }
    }

    /** Writes the tag of {@code length} bytes at {@code offset}, then the 32-bit {@code roc} (SRTP). */
    void tag(byte[] data, int offset, int length, long roc, byte[] into, int at) {
        compute(data, offset, length, roc);
        System.arraycopy(digest, 0, into, at, TAG_LENGTH);
    }

    /** Writes the tag of {@code length} bytes at {@code offset} alone (SRTCP, whose index is in the packet). */
    void tag(byte[] data, int offset, int length, byte[] into, int at) {
        compute(data, offset, length, -1);
        System.arraycopy(digest, 0, into, at, TAG_LENGTH);
    }

    /** Whether the tag at {@code tagAt} is that of the bytes before it, with {@code roc} (or -1 for none). */
    boolean verify(byte[] data, int offset, int length, long roc, int tagAt) {
        compute(data, offset, length, roc);
        int difference = 0;
        // In constant time, so that timing tells a forger nothing about how much of a tag was right.
        for (int i = 0; i < TAG_LENGTH; i++) {
            difference |= digest[i] ^ data[tagAt + i];
        }
        return difference == 0;
    }

    private void compute(byte[] data, int offset, int length, long roc) {
        mac.update(data, offset, length);
        if (roc >= 0) {
            rollover[0] = (byte) (roc >>> 24);
            rollover[1] = (byte) (roc >>> 16);
            rollover[2] = (byte) (roc >>> 8);
            rollover[3] = (byte) roc;
            mac.update(rollover);
        }
        try {
            mac.doFinal(digest, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("the digest buffer holds a SHA-1 digest", e);
        }
    }
}
