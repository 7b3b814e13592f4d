package org.liveaudio.common.ogg;

/**
 * The Ogg page checksum (RFC 3533): CRC-32 with polynomial 0x04C11DB7, most significant bit first, no reflection,
 * initial value and final XOR 0, over the whole page with its checksum field zeroed. Java's {@code CRC32} is the
 * reflected variant and does not match. Shared by the reader of Ogg files and the writer of Ogg streams.
 */
public final class OggCrc {
    private static final int[] TABLE = table();

    private OggCrc() {
    }

    /** The checksum so far, {@code crc}, with {@code value} added; start from 0. */
    public static int update(int crc, byte value) {
        return (crc << 8) ^ TABLE[((crc >>> 24) ^ value) & 0xFF];
    }

    /** The checksum of {@code bytes[0..length)}. */
    public static int of(byte[] bytes, int length) {
        int crc = 0;
        for (int i = 0; i < length; i++) {
            crc = update(crc, bytes[i]);
        }
        return crc;
    }

    private static int[] table() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x8000_0000) != 0 ? (r << 1) ^ 0x04C1_1DB7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }
}
