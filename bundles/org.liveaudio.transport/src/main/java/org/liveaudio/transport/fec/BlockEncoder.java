package org.liveaudio.transport.fec;

import java.io.IOException;
import java.util.Arrays;

/**
 * Builds the repair symbols of the blocks that source packets fill, as each packet goes by: a packet's symbol is
 * added to its block's r repair symbols at once, so a block's repairs are ready the moment its last packet is
 * sent, and the work is spread over the packets. The buffers grow to the longest symbol once, so steady state
 * allocates nothing. Used by one sending thread.
 */
final class BlockEncoder {
    /** Where a finished block's repair packets go. */
    interface RepairOutlet {
        /** @param sourceSsrc the SSRC of the block's source packets, which the repair header names */
        void repair(byte[] packet, int length, long timestamp, long sourceSsrc) throws IOException;
    }

    private final int k;
    private final int r;
    private final int depth;
    /** [block][row]: the repair header, then the repair symbol. */
    private final byte[][][] repairs;
    private final int[] sourcesIn;
    private final int[] symbolLength;
    private final byte[] symbolHeader = new byte[RepairFormat.SYMBOL_HEADER];
    private int groupBase;
    private int inGroup;
    private int expectedSequence = -1;
    private long lastTimestamp;
    private long ssrc;

    BlockEncoder(FecSettings settings) {
        this.k = settings.sourcePackets();
        this.r = settings.repairPackets();
        this.depth = settings.depth();
        this.repairs = new byte[depth][r][RepairFormat.REPAIR_HEADER + RepairFormat.SYMBOL_HEADER];
        this.sourcesIn = new int[depth];
        this.symbolLength = new int[depth];
    }

    /**
     * Adds a source packet that was just sent. A packet that does not follow the last one (a new session, or the
     * marker bit of a resumption) first closes the group so far, whose blocks then have fewer than k packets.
     *
     * @param extendedSequence the sequence number as {@link org.liveaudio.api.net.RtpSender} takes it, the wraps
     *     above its 16 bits; blocks go by the 16 bits on the wire, so that a wrap is a step like any other
     */
    void add(int payloadType, boolean marker, int extendedSequence, long timestamp, long ssrc, byte[] payload,
            int offset, int length, RepairOutlet outlet) throws IOException {
        int sequence = extendedSequence & 0xffff;
        if (inGroup > 0 && (marker || sequence != expectedSequence || ssrc != this.ssrc)) {
            finish(outlet);
        }
        if (inGroup == 0) {
            groupBase = sequence;
            this.ssrc = ssrc;
        }
        int block = inGroup % depth;
        int position = inGroup / depth;
        int length7 = RepairFormat.SYMBOL_HEADER + length;
        RepairFormat.writeSymbolHeader(symbolHeader, payloadType, marker, timestamp, length);
        for (int row = 0; row < r; row++) {
            byte[] repair = room(block, row, length7);
            int coefficient = CauchyCode.coefficient(row, position);
            Gf256.addMultiple(repair, RepairFormat.REPAIR_HEADER, symbolHeader, 0, RepairFormat.SYMBOL_HEADER,
                    coefficient);
            Gf256.addMultiple(repair, RepairFormat.REPAIR_HEADER + RepairFormat.SYMBOL_HEADER, payload, offset,
                    length, coefficient);
        }
        symbolLength[block] = Math.max(symbolLength[block], length7);
        sourcesIn[block]++;
        inGroup++;
        expectedSequence = (sequence + 1) & 0xffff;
        lastTimestamp = timestamp;
        if (inGroup == k * depth) {
            finish(outlet);
        }
    }

    /** Sends the repairs of every block begun, then starts a new group. */
    void finish(RepairOutlet outlet) throws IOException {
        try {
            for (int block = 0; block < depth && block < inGroup; block++) {
                for (int row = 0; row < r; row++) {
                    byte[] repair = repairs[block][row];
                    RepairFormat.writeRepairHeader(repair, (groupBase + block) & 0xffff, sourcesIn[block], r, row,
                            depth, symbolLength[block], ssrc);
                    outlet.repair(repair, RepairFormat.REPAIR_HEADER + symbolLength[block], lastTimestamp, ssrc);
                }
            }
        } finally {
            for (int block = 0; block < depth; block++) {
                for (int row = 0; row < r; row++) {
                    Arrays.fill(repairs[block][row], 0, RepairFormat.REPAIR_HEADER + symbolLength[block], (byte) 0);
                }
                sourcesIn[block] = 0;
                symbolLength[block] = 0;
            }
            inGroup = 0;
        }
    }

    /** The repair buffer of a row, grown (once, zeroed) to hold a symbol of {@code symbolBytes}. */
    private byte[] room(int block, int row, int symbolBytes) {
        byte[] repair = repairs[block][row];
        if (repair.length < RepairFormat.REPAIR_HEADER + symbolBytes) {
            repair = Arrays.copyOf(repair, RepairFormat.REPAIR_HEADER + symbolBytes);
            repairs[block][row] = repair;
        }
        return repair;
    }
}
