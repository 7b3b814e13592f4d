package org.liveaudio.transport.fec;

/**
 * Arithmetic in GF(2^8) with the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11d), the field RFC 6865
 * uses for Reed-Solomon. Addition is XOR; products come from one 64 KiB table, so the per-byte loops of the
 * code are a lookup each.
 */
final class Gf256 {
    static final int ORDER = 256;
    private static final int POLYNOMIAL = 0x11d;
    private static final int[] EXP = new int[2 * ORDER];
    private static final int[] LOG = new int[ORDER];
    /** {@code PRODUCT[a << 8 | b]} is a times b. */
    private static final byte[] PRODUCT = new byte[ORDER * ORDER];

    static {
        int x = 1;
        for (int i = 0; i < ORDER - 1; i++) {
            EXP[i] = x;
            LOG[x] = i;
            x <<= 1;
            if (x >= ORDER) {
                x ^= POLYNOMIAL;
            }
        }
        for (int i = ORDER - 1; i < EXP.length; i++) {
            EXP[i] = EXP[i - (ORDER - 1)];
        }
        for (int a = 1; a < ORDER; a++) {
            for (int b = 1; b < ORDER; b++) {
                PRODUCT[a << 8 | b] = (byte) EXP[LOG[a] + LOG[b]];
            }
        }
    }

    private Gf256() {
    }

    static int multiply(int a, int b) {
        return PRODUCT[a << 8 | b] & 0xff;
    }

    /** The multiplicative inverse of a non-zero element. */
    static int inverse(int a) {
        if (a == 0) {
            throw new ArithmeticException("0 has no inverse in GF(256)");
        }
        return EXP[ORDER - 1 - LOG[a]];
    }

    /** {@code target[i] ^= factor * source[i]} for {@code length} bytes: one term of a linear combination. */
    static void addMultiple(byte[] target, int targetOffset, byte[] source, int sourceOffset, int length,
            int factor) {
        if (factor == 0) {
            return;
        }
        int row = factor << 8;
        for (int i = 0; i < length; i++) {
            target[targetOffset + i] ^= PRODUCT[row | (source[sourceOffset + i] & 0xff)];
        }
    }
}
