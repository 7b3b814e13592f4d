package org.liveaudio.transport.fec;

/**
 * The layout of what FEC protects and sends, modelled on FlexFEC (RFC 8627), whose XOR parity it replaces by
 * Reed-Solomon symbols. A source packet is protected as a symbol of its RTP header fields that a lost packet
 * needs back, then its payload, zero-padded to the longest of its block:
 *
 * <pre>
 * | M | PT (7) | timestamp (32) | payload length (16) | payload ... |
 * </pre>
 *
 * A repair packet's RTP payload is this header, then one repair symbol:
 *
 * <pre>
 * | SN base (16) | k (8) | r (8) | index (8) | depth (8) | symbol length (16) | source SSRC (32) | repair symbol ... |
 * </pre>
 *
 * The block's source packets are those of the source stream named by its SSRC with sequence numbers
 * SN base + i * depth, i in 0..k-1; index is this repair symbol's row, 0..r-1. The repair packet's RTP header
 * carries the timestamp of the block's last source packet, and an SSRC and a sequence number of the repair
 * stream's own: under SRTP both streams are protected with one key, and a packet of each with the same SSRC and
 * index would be encrypted with the same keystream (RFC 3711, 9.1), so the repair stream may not share the
 * source's SSRC, and names it here, as FlexFEC's repair packets do.
 */
final class RepairFormat {
    static final int SYMBOL_HEADER = 7;
    static final int REPAIR_HEADER = 12;

    private RepairFormat() {
    }

    static void writeSymbolHeader(byte[] symbol, int payloadType, boolean marker, long timestamp, int length) {
        symbol[0] = (byte) ((marker ? 0x80 : 0) | payloadType);
        symbol[1] = (byte) (timestamp >>> 24);
        symbol[2] = (byte) (timestamp >>> 16);
        symbol[3] = (byte) (timestamp >>> 8);
        symbol[4] = (byte) timestamp;
        symbol[5] = (byte) (length >>> 8);
        symbol[6] = (byte) length;
    }

    static int payloadType(byte[] symbol) {
        return symbol[0] & 0x7f;
    }

    static boolean marker(byte[] symbol) {
        return (symbol[0] & 0x80) != 0;
    }

    static long timestamp(byte[] symbol) {
        return (symbol[1] & 0xffL) << 24 | (symbol[2] & 0xff) << 16 | (symbol[3] & 0xff) << 8 | (symbol[4] & 0xff);
    }

    static int payloadLength(byte[] symbol) {
        return unsignedShort(symbol, 5);
    }

    static void writeRepairHeader(byte[] packet, int sequenceBase, int k, int r, int index, int depth,
            int symbolLength, long sourceSsrc) {
        packet[0] = (byte) (sequenceBase >>> 8);
        packet[1] = (byte) sequenceBase;
        packet[2] = (byte) k;
        packet[3] = (byte) r;
        packet[4] = (byte) index;
        packet[5] = (byte) depth;
        packet[6] = (byte) (symbolLength >>> 8);
        packet[7] = (byte) symbolLength;
        packet[8] = (byte) (sourceSsrc >>> 24);
        packet[9] = (byte) (sourceSsrc >>> 16);
        packet[10] = (byte) (sourceSsrc >>> 8);
        packet[11] = (byte) sourceSsrc;
    }

    static int sequenceBase(byte[] packet, int offset) {
        return unsignedShort(packet, offset);
    }

    static int sourceCount(byte[] packet, int offset) {
        return packet[offset + 2] & 0xff;
    }

    static int repairCount(byte[] packet, int offset) {
        return packet[offset + 3] & 0xff;
    }

    static int index(byte[] packet, int offset) {
        return packet[offset + 4] & 0xff;
    }

    static int depth(byte[] packet, int offset) {
        return packet[offset + 5] & 0xff;
    }

    static int symbolLength(byte[] packet, int offset) {
        return unsignedShort(packet, offset + 6);
    }

    static long sourceSsrc(byte[] packet, int offset) {
        return (long) unsignedShort(packet, offset + 8) << 16 | unsignedShort(packet, offset + 10);
    }

    private static int unsignedShort(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) << 8 | (bytes[offset + 1] & 0xff);
    }
}
