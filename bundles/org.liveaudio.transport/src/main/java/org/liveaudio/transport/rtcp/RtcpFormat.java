package org.liveaudio.transport.rtcp;

/**
 * The numbers of RFC 3550, section 6, shared by the writer and the reader. Every RTCP packet (a "part" of a
 * compound datagram) starts with the same 32-bit word:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |V=2|P|    RC   |      PT       |             length            |
 * </pre>
 *
 * where RC counts report blocks, SDES chunks or BYE sources, and length is the part's size in 32-bit words
 * minus one, padding included.
 */
final class RtcpFormat {
    static final int VERSION = 2;
    static final int PADDING_BIT = 0x20;
    static final int COUNT_MASK = 0x1f;
    static final int MAX_COUNT = COUNT_MASK;

    static final int SENDER_REPORT = 200;
    static final int RECEIVER_REPORT = 201;
    static final int SOURCE_DESCRIPTION = 202;
    static final int BYE = 203;
    static final int APPLICATION = 204;
    static final int EXTENDED_REPORT = 207;

    /** RFC 7509's XR block type, Post-Repair Loss Count Metrics, and its size: header, SSRC, sequences, counts. */
    static final int POST_REPAIR_LOSS_COUNT = 33;
    static final int POST_REPAIR_BLOCK_BYTES = 20;
    /** An XR block's header: block type, reserved, length. */
    static final int XR_BLOCK_HEADER_BYTES = 4;

    /** The APP name of this product's time exchange, and its two subtypes (carried in the count field). */
    static final int TIME_NAME = 'L' << 24 | 'A' << 16 | 'T' << 8 | 'S';
    static final int TIME_REQUEST = 0;
    static final int TIME_RESPONSE = 1;
    /** Header, SSRC and name: what every APP packet has. */
    static final int APPLICATION_FIXED_BYTES = 12;
    /** Header, SSRC, name, the sender's SSRC, the transmit time (8). */
    static final int TIME_REQUEST_BYTES = 24;
    /** Header, SSRC, name, the requester's SSRC, four NTP times (8 each), the RTP timestamp, the delay. */
    static final int TIME_RESPONSE_BYTES = 56;

    static final int HEADER_BYTES = 4;
    static final int SSRC_BYTES = 4;
    /** Header, SSRC, NTP timestamp (8), RTP timestamp, packet count, octet count. */
    static final int SENDER_REPORT_FIXED_BYTES = 28;
    /** Header and SSRC. */
    static final int RECEIVER_REPORT_FIXED_BYTES = 8;
    static final int REPORT_BLOCK_BYTES = 24;

    static final int SDES_END = 0;
    static final int SDES_CNAME = 1;
    static final int SDES_NOTE = 7;
    /** An SDES item's and a BYE reason's length fit in one octet. */
    static final int MAX_TEXT_BYTES = 255;

    static final int CUMULATIVE_LOST_MAX = 0x7F_FFFF;
    static final int CUMULATIVE_LOST_MIN = -0x80_0000;

    private RtcpFormat() {
    }

    static int roundUpToWord(int bytes) {
        return (bytes + 3) & ~3;
    }
}
