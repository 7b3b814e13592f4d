package org.liveaudio.transport.rtp;

/**
 * The RTP header of RFC 3550, section 5.1, read and written in place over byte arrays. Both directions are
 * on the per-packet path, so neither allocates, and a bad datagram is a {@link ParseResult}, never an
 * exception.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * |                           timestamp                           |
 * |           synchronization source (SSRC) identifier            |
 * |            contributing source (CSRC) identifiers  (CC times) |
 * |  profile-defined              |   extension length (words)    |   if X
 * |                        header extension                       |   if X
 * </pre>
 */
public final class RtpHeader {
    public static final int VERSION = 2;
    /** The fixed part of the header, which is all this transport writes. */
    public static final int FIXED_LENGTH = 12;
    public static final int MAX_PAYLOAD_TYPE = 127;

    private static final int PADDING_BIT = 0x20;
    private static final int EXTENSION_BIT = 0x10;
    private static final int CSRC_COUNT_MASK = 0x0f;
    private static final int MARKER_BIT = 0x80;
    private static final int PAYLOAD_TYPE_MASK = 0x7f;
    private static final int CSRC_LENGTH = 4;
    private static final int EXTENSION_PREAMBLE_LENGTH = 4;

    private RtpHeader() {
    }

    /**
     * Writes the fixed header (no padding, extension or CSRCs) at {@code offset}.
     *
     * @param sequence taken modulo 2^16
     * @param timestamp taken modulo 2^32
     * @param ssrc taken modulo 2^32
     * @return {@link #FIXED_LENGTH}
     * @throws IllegalArgumentException for a payload type outside 0..127, which would corrupt the marker bit
     */
    public static int encode(byte[] buffer, int offset, int payloadType, boolean marker, int sequence,
            long timestamp, long ssrc) {
        if (payloadType < 0 || payloadType > MAX_PAYLOAD_TYPE) {
            throw new IllegalArgumentException("payload type " + payloadType + " outside 0.." + MAX_PAYLOAD_TYPE);
        }
        buffer[offset] = (byte) (VERSION << 6);
        buffer[offset + 1] = (byte) ((marker ? MARKER_BIT : 0) | payloadType);
        putShort(buffer, offset + 2, sequence);
        putInt(buffer, offset + 4, timestamp);
        putInt(buffer, offset + 8, ssrc);
        return FIXED_LENGTH;
    }

    /**
     * Checks the datagram of {@code length} bytes at {@code offset} and, when it is well-formed, fills
     * {@code into} with its fields and its payload bounds (CSRCs, extension and padding excluded). On any
     * other result {@code into} is left as it was.
     */
    public static ParseResult parse(byte[] buffer, int offset, int length, RtpPacketView into) {
        if (length < FIXED_LENGTH) {
            return ParseResult.TOO_SHORT;
        }
        int first = buffer[offset] & 0xff;
        if (first >>> 6 != VERSION) {
            return ParseResult.BAD_VERSION;
        }
        int end = offset + length;
        int payloadOffset = offset + FIXED_LENGTH + (first & CSRC_COUNT_MASK) * CSRC_LENGTH;
        if (payloadOffset > end) {
            return ParseResult.CSRC_OVERRUN;
        }
        if ((first & EXTENSION_BIT) != 0) {
            if (payloadOffset + EXTENSION_PREAMBLE_LENGTH > end) {
                return ParseResult.EXTENSION_OVERRUN;
            }
            int words = getShort(buffer, payloadOffset + 2);
            payloadOffset += EXTENSION_PREAMBLE_LENGTH + words * 4;
            if (payloadOffset > end) {
                return ParseResult.EXTENSION_OVERRUN;
            }
        }
        int payloadEnd = end;
        if ((first & PADDING_BIT) != 0) {
            int padding = payloadOffset < end ? buffer[end - 1] & 0xff : 0;
            if (padding == 0 || padding > end - payloadOffset) {
                return ParseResult.BAD_PADDING;
            }
            payloadEnd -= padding;
        }
        int second = buffer[offset + 1] & 0xff;
        into.fill(second & PAYLOAD_TYPE_MASK, (second & MARKER_BIT) != 0, getShort(buffer, offset + 2),
                getInt(buffer, offset + 4), getInt(buffer, offset + 8),
                buffer, payloadOffset, payloadEnd - payloadOffset);
        return ParseResult.OK;
    }

    private static void putShort(byte[] buffer, int at, int value) {
        buffer[at] = (byte) (value >>> 8);
        buffer[at + 1] = (byte) value;
    }

    private static void putInt(byte[] buffer, int at, long value) {
        buffer[at] = (byte) (value >>> 24);
        buffer[at + 1] = (byte) (value >>> 16);
        buffer[at + 2] = (byte) (value >>> 8);
        buffer[at + 3] = (byte) value;
    }

    private static int getShort(byte[] buffer, int at) {
        return (buffer[at] & 0xff) << 8 | buffer[at + 1] & 0xff;
    }

    private static long getInt(byte[] buffer, int at) {
        return (long) getShort(buffer, at) << 16 | getShort(buffer, at + 2);
    }
}
