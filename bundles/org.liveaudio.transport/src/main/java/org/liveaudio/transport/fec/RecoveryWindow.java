package org.liveaudio.transport.fec;

import java.util.Arrays;
import org.liveaudio.api.net.RtpPacket;
import org.liveaudio.api.net.RtpPacketHandler;
import org.liveaudio.transport.rtp.ParseResult;
import org.liveaudio.transport.rtp.RtpHeader;
import org.liveaudio.transport.rtp.RtpPacketView;

/**
 * A receiver's recent source packets and repair packets, from which it rebuilds lost source packets: as soon as
 * a block has as many repair packets as it lacks source packets, the lost ones are solved for and handed on as
 * if they had arrived then. Every buffer is sized once (payload buffers grow to the longest payload), so a packet
 * allocates nothing. Not thread-safe: its receiver calls it under one lock.
 */
final class RecoveryWindow {
    /** Source packets kept, by sequence number modulo this: several groups of the largest shape. */
    static final int SOURCE_SLOTS = 256;
    static final int REPAIR_SLOTS = 256;
    private static final int EMPTY = -1;
    private static final long NO_SSRC = -1;

    private final int[] sourceSequence = new int[SOURCE_SLOTS];
    private final int[] sourceLength = new int[SOURCE_SLOTS];
    private final byte[][] sourceSymbol = new byte[SOURCE_SLOTS][RepairFormat.SYMBOL_HEADER];

    private final boolean[] repairLive = new boolean[REPAIR_SLOTS];
    private final int[] repairBase = new int[REPAIR_SLOTS];
    private final int[] repairShape = new int[REPAIR_SLOTS];
    private final int[] repairIndex = new int[REPAIR_SLOTS];
    private final int[] repairLength = new int[REPAIR_SLOTS];
    private final byte[][] repairSymbol = new byte[REPAIR_SLOTS][RepairFormat.SYMBOL_HEADER];
    private int nextRepairSlot;

    private final CauchyCode code = new CauchyCode(FecSettings.MAX_REPAIR_PACKETS);
    private final int[] lost = new int[FecSettings.MAX_GROUP_PACKETS];
    private final int[] lostSlots = new int[FecSettings.MAX_GROUP_PACKETS];
    private final int[] rows = new int[FecSettings.MAX_REPAIR_PACKETS];
    private final int[] rowSlots = new int[FecSettings.MAX_REPAIR_PACKETS];
    private final byte[][] lostSymbols = new byte[FecSettings.MAX_REPAIR_PACKETS][];
    private final byte[][] rowSymbols = new byte[FecSettings.MAX_REPAIR_PACKETS][];
    /** A rebuilt packet as a datagram, header and payload, shown to the handler through {@link #rebuilt}. */
    private byte[] datagram = new byte[RtpHeader.FIXED_LENGTH];
    private final RtpPacketView rebuilt = new RtpPacketView();
    /**
     * Blocks whose repairs came before one of their source packets was due: the source and repair streams arrive
     * on two threads, so the last source packet of a block may still be on its way when its repairs are read.
     * Tried again as each source packet arrives.
     */
    private static final int PENDING_BLOCKS = 2 * FecSettings.MAX_DEPTH;
    private final int[] pendingBase = new int[PENDING_BLOCKS];
    private final int[] pendingShape = new int[PENDING_BLOCKS];
    private final int[] pendingLength = new int[PENDING_BLOCKS];
    private int pendingCount;

    private long ssrc = NO_SSRC;
    /** Whether the stream has a repair stream: only then are source packets copied, at a cost in memory. */
    private boolean active;
    /**
     * The first source packet copied: a block that begins before it cannot tell lost from uncopied packets. Checked
     * only until the stream is a group past it, before 16-bit sequence arithmetic could wrap.
     */
    private int copiedFrom;
    private boolean youngWindow;
    private int newest = EMPTY;
    private long recovered;
    private long repairs;
    private long malformedRepairs;

    RecoveryWindow() {
        Arrays.fill(sourceSequence, EMPTY);
        rebuilt.markRecovered();
    }

    /** Files a source packet; {@link #retryPending} after handing it on. */
    void onSource(RtpPacket packet) {
        if (packet.ssrc() != ssrc) {
            restart(packet.ssrc());
        }
        int sequence = packet.sequence();
        if (newest == EMPTY || distance(newest, sequence) > 0) {
            newest = sequence;
        }
        if (!active) {
            return;
        }
        if (youngWindow && distance(copiedFrom, sequence) > FecSettings.MAX_GROUP_PACKETS) {
            youngWindow = false;
        }
        int slot = sequence & (SOURCE_SLOTS - 1);
        int length = packet.payloadLength();
        byte[] symbol = sourceRoom(slot, RepairFormat.SYMBOL_HEADER + length);
        RepairFormat.writeSymbolHeader(symbol, packet.payloadType(), packet.marker(), packet.timestamp(), length);
        System.arraycopy(packet.buffer(), packet.payloadOffset(), symbol, RepairFormat.SYMBOL_HEADER, length);
        sourceSequence[slot] = sequence;
        sourceLength[slot] = RepairFormat.SYMBOL_HEADER + length;
    }

    /** Rebuilds what the blocks waiting for a source packet now allow, handing it to {@code out}. */
    void retryPending(RtpPacketHandler out, long nowNanos) {
        int kept = 0;
        for (int p = 0; p < pendingCount; p++) {
            int shape = pendingShape[p];
            if (!recover(pendingBase[p], shape >>> 16, shape & 0xff, shape, pendingLength[p], out, nowNanos)) {
                pendingBase[kept] = pendingBase[p];
                pendingShape[kept] = shape;
                pendingLength[kept++] = pendingLength[p];
            }
        }
        pendingCount = kept;
    }

    /** Files a repair packet and hands {@code out} every source packet it lets this window rebuild. */
    void onRepair(RtpPacket packet, RtpPacketHandler out, long nowNanos) {
        byte[] bytes = packet.buffer();
        int offset = packet.payloadOffset();
        int length = packet.payloadLength();
        if (!wellFormed(bytes, offset, length)) {
            malformedRepairs++;
            return;
        }
        repairs++;
        int base = RepairFormat.sequenceBase(bytes, offset);
        int k = RepairFormat.sourceCount(bytes, offset);
        int depth = RepairFormat.depth(bytes, offset);
        if (RepairFormat.sourceSsrc(bytes, offset) != ssrc || newest == EMPTY) {
            return; // another stream's
        }
        if (!active) {
            active = true; // from the next source packet on; those before went by uncopied
            copiedFrom = (newest + 1) & 0xffff;
            youngWindow = true;
            return;
        }
        int slot = nextRepairSlot;
        nextRepairSlot = (slot + 1) % REPAIR_SLOTS;
        int symbolLength = RepairFormat.symbolLength(bytes, offset);
        byte[] symbol = repairSymbol[slot];
        if (symbol.length < symbolLength) {
            symbol = Arrays.copyOf(symbol, symbolLength);
            repairSymbol[slot] = symbol;
        }
        System.arraycopy(bytes, offset + RepairFormat.REPAIR_HEADER, symbol, 0, symbolLength);
        repairLive[slot] = true;
        repairBase[slot] = base;
        repairShape[slot] = shape(k, RepairFormat.repairCount(bytes, offset), depth);
        repairIndex[slot] = RepairFormat.index(bytes, offset);
        repairLength[slot] = symbolLength;
        if (!recover(base, k, depth, repairShape[slot], symbolLength, out, nowNanos)) {
            waitFor(base, repairShape[slot], symbolLength);
        }
    }

    private void waitFor(int base, int shape, int symbolLength) {
        for (int p = 0; p < pendingCount; p++) {
            if (pendingBase[p] == base && pendingShape[p] == shape) {
                return;
            }
        }
        if (pendingCount == PENDING_BLOCKS) {
            System.arraycopy(pendingBase, 1, pendingBase, 0, PENDING_BLOCKS - 1);
            System.arraycopy(pendingShape, 1, pendingShape, 0, PENDING_BLOCKS - 1);
            System.arraycopy(pendingLength, 1, pendingLength, 0, PENDING_BLOCKS - 1);
            pendingCount--;
        }
        pendingBase[pendingCount] = base;
        pendingShape[pendingCount] = shape;
        pendingLength[pendingCount++] = symbolLength;
    }

    private boolean wellFormed(byte[] bytes, int offset, int length) {
        if (length < RepairFormat.REPAIR_HEADER + RepairFormat.SYMBOL_HEADER) {
            return false;
        }
        int k = RepairFormat.sourceCount(bytes, offset);
        int r = RepairFormat.repairCount(bytes, offset);
        int depth = RepairFormat.depth(bytes, offset);
        return k >= 1 && r >= 1 && r <= FecSettings.MAX_REPAIR_PACKETS && RepairFormat.index(bytes, offset) < r
                && depth >= 1 && k * depth <= FecSettings.MAX_GROUP_PACKETS
                && RepairFormat.symbolLength(bytes, offset) == length - RepairFormat.REPAIR_HEADER;
    }

    /**
     * Rebuilds what a block lacks if its repairs allow.
     *
     * @return false while a source packet it lacks may still be on its way (none after it has arrived yet)
     */
    private boolean recover(int base, int k, int depth, int shape, int symbolLength, RtpPacketHandler out,
            long nowNanos) {
        if (distance(base, newest) > SOURCE_SLOTS - FecSettings.MAX_GROUP_PACKETS
                || youngWindow && distance(copiedFrom, base) < 0) {
            return true; // its source packets have left the window, or came before any was copied
        }
        int lostCount = 0;
        for (int i = 0; i < k; i++) {
            int sequence = (base + i * depth) & 0xffff;
            int slot = sequence & (SOURCE_SLOTS - 1);
            if (sourceSequence[slot] != sequence) {
                if (distance(newest, sequence) >= 0) {
                    return false;
                }
                lost[lostCount] = i;
                lostSlots[lostCount++] = slot;
            } else if (sourceLength[slot] > symbolLength) {
                return true; // a source packet longer than the block's symbols: not this block's, or corrupt
            }
        }
        if (lostCount == 0 || lostCount > FecSettings.MAX_REPAIR_PACKETS) {
            return true;
        }
        int found = repairsOf(base, shape, symbolLength, lostCount);
        if (found < lostCount) {
            return true; // the next repair of the block tries again
        }
        for (int j = 0; j < lostCount; j++) {
            repairLive[rowSlots[j]] = false;
            rowSymbols[j] = repairSymbol[rowSlots[j]];
        }
        for (int i = 0, m = 0; i < k; i++) {
            if (m < lostCount && lost[m] == i) {
                m++;
                continue;
            }
            int slot = ((base + i * depth) & 0xffff) & (SOURCE_SLOTS - 1);
            for (int j = 0; j < lostCount; j++) {
                Gf256.addMultiple(rowSymbols[j], 0, sourceSymbol[slot], 0, sourceLength[slot],
                        CauchyCode.coefficient(rows[j], i));
            }
        }
        for (int m = 0; m < lostCount; m++) {
            lostSymbols[m] = sourceRoom(lostSlots[m], symbolLength);
        }
        code.solve(lost, lostSymbols, rows, rowSymbols, lostCount, symbolLength);
        for (int m = 0; m < lostCount; m++) {
            byte[] symbol = lostSymbols[m];
            int payloadLength = RepairFormat.payloadLength(symbol);
            if (RepairFormat.SYMBOL_HEADER + payloadLength > symbolLength) {
                continue;
            }
            int sequence = (base + lost[m] * depth) & 0xffff;
            sourceSequence[lostSlots[m]] = sequence;
            sourceLength[lostSlots[m]] = RepairFormat.SYMBOL_HEADER + payloadLength;
            hand(symbol, payloadLength, sequence, nowNanos, out);
        }
        return true;
    }

    /** Hands on a rebuilt source packet, its RTP header written back from the symbol's fields. */
    private void hand(byte[] symbol, int payloadLength, int sequence, long nowNanos, RtpPacketHandler out) {
        int length = RtpHeader.FIXED_LENGTH + payloadLength;
        if (datagram.length < length) {
            datagram = new byte[Math.max(length, 2 * datagram.length)];
        }
        RtpHeader.encode(datagram, 0, RepairFormat.payloadType(symbol), RepairFormat.marker(symbol), sequence,
                RepairFormat.timestamp(symbol), ssrc);
        System.arraycopy(symbol, RepairFormat.SYMBOL_HEADER, datagram, RtpHeader.FIXED_LENGTH, payloadLength);
        if (RtpHeader.parse(datagram, 0, length, rebuilt) == ParseResult.OK) {
            rebuilt.receivedAt(nowNanos);
            recovered++;
            out.onPacket(rebuilt);
        }
    }

    /** Finds up to {@code wanted} live repair packets of one block, distinct rows, into {@link #rows}. */
    private int repairsOf(int base, int shape, int symbolLength, int wanted) {
        int found = 0;
        for (int slot = 0; slot < REPAIR_SLOTS && found < wanted; slot++) {
            if (!repairLive[slot] || repairBase[slot] != base || repairShape[slot] != shape
                    || repairLength[slot] != symbolLength || hasRow(found, repairIndex[slot])) {
                continue;
            }
            rows[found] = repairIndex[slot];
            rowSlots[found++] = slot;
        }
        return found;
    }

    private boolean hasRow(int found, int row) {
        for (int j = 0; j < found; j++) {
            if (rows[j] == row) {
                return true;
            }
        }
        return false;
    }

    private byte[] sourceRoom(int slot, int length) {
        byte[] symbol = sourceSymbol[slot];
        if (symbol.length < length) {
            symbol = Arrays.copyOf(symbol, Math.max(length, symbol.length * 2));
            sourceSymbol[slot] = symbol;
        }
        return symbol;
    }

    private void restart(long newSsrc) {
        ssrc = newSsrc;
        newest = EMPTY;
        active = false;
        youngWindow = false;
        Arrays.fill(sourceSequence, EMPTY);
        Arrays.fill(repairLive, false);
        pendingCount = 0;
    }

    private static int shape(int k, int r, int depth) {
        return k << 16 | r << 8 | depth;
    }

    /** How far {@code to} is ahead of {@code from} in 16-bit sequence arithmetic, -32768..32767. */
    private static int distance(int from, int to) {
        return (short) (to - from);
    }

    /** Source packets rebuilt and handed on. */
    long recovered() {
        return recovered;
    }

    /** Well-formed repair packets received. */
    long repairs() {
        return repairs;
    }

    long malformedRepairs() {
        return malformedRepairs;
    }
}
