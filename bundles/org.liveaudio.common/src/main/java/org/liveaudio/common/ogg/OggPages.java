package org.liveaudio.common.ogg;

/**
 * Ogg pages (RFC 3533) of one logical stream, one packet a page: a live stream sends each packet as soon as it is
 * encoded, so no page waits for a second one. Writes into the caller's buffer and allocates nothing.
 */
public final class OggPages {
    public static final int BEGINNING_OF_STREAM = 0x02;
    public static final int END_OF_STREAM = 0x04;
    public static final int CONTINUED = 0x00;
    public static final int HEADER_BYTES = 27;
    /** A packet of at most this many bytes fits in one page's 255 lacing values. */
    public static final int MAX_PACKET_BYTES = 255 * 255 - 1;

    private final int serial;
    private int sequence;

    public OggPages(int serial) {
        this.serial = serial;
    }

    /** The most bytes {@link #write} takes for a packet of {@code packetBytes}. */
    public static int pageBytes(int packetBytes) {
        return HEADER_BYTES + packetBytes / 255 + 1 + packetBytes;
    }

    /**
     * Writes one page holding one whole packet.
     *
     * @param flags {@link #BEGINNING_OF_STREAM}, {@link #END_OF_STREAM} or {@link #CONTINUED}
     * @param granule the granule position after the packet (for Opus: 48 kHz samples so far, pre-skip included)
     * @return the page's length in {@code out}, from 0
     */
    public int write(byte[] out, int flags, long granule, byte[] packet, int offset, int length) {
        if (length > MAX_PACKET_BYTES) {
            throw new IllegalArgumentException("a packet of " + length + " bytes does not fit one Ogg page");
        }
        int segments = length / 255 + 1;
        out[0] = 'O';
        out[1] = 'g';
        out[2] = 'g';
        out[3] = 'S';
        out[4] = 0;
        out[5] = (byte) flags;
        putLittleEndian(out, 6, granule, 8);
        putLittleEndian(out, 14, serial, 4);
        putLittleEndian(out, 18, sequence++, 4);
        putLittleEndian(out, 22, 0, 4);
        out[26] = (byte) segments;
        for (int i = 0; i < segments - 1; i++) {
            out[HEADER_BYTES + i] = (byte) 255;
        }
        // The last lacing value is below 255, and 0 when the packet is a multiple of 255: that ends the packet.
        out[HEADER_BYTES + segments - 1] = (byte) (length % 255);
        int body = HEADER_BYTES + segments;
        System.arraycopy(packet, offset, out, body, length);
        int total = body + length;
        putLittleEndian(out, 22, OggCrc.of(out, total), 4);
        return total;
    }

    public static void putLittleEndian(byte[] out, int at, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
