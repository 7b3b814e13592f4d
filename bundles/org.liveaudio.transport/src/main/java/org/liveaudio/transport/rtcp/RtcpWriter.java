package org.liveaudio.transport.rtcp;

import static org.liveaudio.transport.rtcp.RtcpFormat.APPLICATION;
import static org.liveaudio.transport.rtcp.RtcpFormat.BYE;
import static org.liveaudio.transport.rtcp.RtcpFormat.CUMULATIVE_LOST_MAX;
import static org.liveaudio.transport.rtcp.RtcpFormat.CUMULATIVE_LOST_MIN;
import static org.liveaudio.transport.rtcp.RtcpFormat.EXTENDED_REPORT;
import static org.liveaudio.transport.rtcp.RtcpFormat.HEADER_BYTES;
import static org.liveaudio.transport.rtcp.RtcpFormat.MAX_COUNT;
import static org.liveaudio.transport.rtcp.RtcpFormat.MAX_TEXT_BYTES;
import static org.liveaudio.transport.rtcp.RtcpFormat.POST_REPAIR_BLOCK_BYTES;
import static org.liveaudio.transport.rtcp.RtcpFormat.POST_REPAIR_LOSS_COUNT;
import static org.liveaudio.transport.rtcp.RtcpFormat.RECEIVER_REPORT;
import static org.liveaudio.transport.rtcp.RtcpFormat.RECEIVER_REPORT_FIXED_BYTES;
import static org.liveaudio.transport.rtcp.RtcpFormat.REPORT_BLOCK_BYTES;
import static org.liveaudio.transport.rtcp.RtcpFormat.SDES_CNAME;
import static org.liveaudio.transport.rtcp.RtcpFormat.SDES_NOTE;
import static org.liveaudio.transport.rtcp.RtcpFormat.SENDER_REPORT;
import static org.liveaudio.transport.rtcp.RtcpFormat.SENDER_REPORT_FIXED_BYTES;
import static org.liveaudio.transport.rtcp.RtcpFormat.SOURCE_DESCRIPTION;
import static org.liveaudio.transport.rtcp.RtcpFormat.SSRC_BYTES;
import static org.liveaudio.transport.rtcp.RtcpFormat.TIME_NAME;
import static org.liveaudio.transport.rtcp.RtcpFormat.TIME_REQUEST;
import static org.liveaudio.transport.rtcp.RtcpFormat.TIME_REQUEST_BYTES;
import static org.liveaudio.transport.rtcp.RtcpFormat.TIME_RESPONSE;
import static org.liveaudio.transport.rtcp.RtcpFormat.TIME_RESPONSE_BYTES;
import static org.liveaudio.transport.rtcp.RtcpFormat.VERSION;
import static org.liveaudio.transport.rtcp.RtcpFormat.roundUpToWord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.RepairReport;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.api.net.TimeResponse;

/**
 * Builds the compound RTCP datagrams this transport sends (RFC 3550, section 6.1): a report first, then an SDES
 * chunk with the CNAME (and, in a sender report, the NOTE if it has one); for leaving, an empty receiver report,
 * the SDES and a BYE; for the time exchange, an empty receiver report, the SDES and an APP packet (section 6.7)
 * named {@code LATS}. Never padded: every part already ends on a 32-bit boundary. 32-bit fields are taken modulo
 * 2^32.
 */
public final class RtcpWriter {
    /** An SDES chunk without a NOTE item; an empty array would be an empty NOTE, which says something. */
    private static final byte[] NO_NOTE = null;

    private RtcpWriter() {
    }

    /**
     * SR + SDES(CNAME).
     *
     * @throws IllegalArgumentException for more than 31 report blocks, a fraction lost outside 0..255 or a
     *     CNAME over 255 UTF-8 bytes
     */
    public static byte[] senderReport(SenderReport report, String cname) {
        return senderReport(report, text("CNAME", cname), NO_NOTE);
    }

    /**
     * SR + SDES(CNAME, NOTE): the NOTE item follows the CNAME even when empty, which tells listeners that the
     * sender names nothing now (RFC 3550 6.5.7). A note over 255 UTF-8 bytes is cut at the last character
     * boundary within them, for a long title is better shortened than the report lost.
     *
     * @throws IllegalArgumentException as {@link #senderReport(SenderReport, String)}
     */
    public static byte[] senderReport(SenderReport report, String cname, String note) {
        return senderReport(report, text("CNAME", cname), noteText(note));
    }

    private static byte[] senderReport(SenderReport report, byte[] name, byte[] note) {
        List<ReportBlock> blocks = report.blocks();
        int reportBytes = SENDER_REPORT_FIXED_BYTES + REPORT_BLOCK_BYTES * checkedCount(blocks);
        ByteBuffer out = ByteBuffer.allocate(reportBytes + sdesBytes(name, note));
        header(out, blocks.size(), SENDER_REPORT, reportBytes);
        putUnsigned32(out, report.ssrc());
        out.putLong(report.ntpTimestamp());
        putUnsigned32(out, report.rtpTimestamp());
        putUnsigned32(out, report.packetCount());
        putUnsigned32(out, report.octetCount());
        putBlocks(out, blocks);
        putSdes(out, report.ssrc(), name, note);
        return out.array();
    }

    /**
     * RR + SDES(CNAME), and XR with a Post-Repair Loss Count block (RFC 7509) per repair the report carries.
     *
     * @throws IllegalArgumentException as {@link #senderReport}
     */
    public static byte[] receiverReport(ReceiverReport report, String cname) {
        List<ReportBlock> blocks = report.blocks();
        List<RepairReport> repairs = report.repairs();
        byte[] name = text("CNAME", cname);
        int reportBytes = RECEIVER_REPORT_FIXED_BYTES + REPORT_BLOCK_BYTES * checkedCount(blocks);
        int extendedBytes = repairs.isEmpty() ? 0 : HEADER_BYTES + SSRC_BYTES
                + POST_REPAIR_BLOCK_BYTES * repairs.size();
        ByteBuffer out = ByteBuffer.allocate(reportBytes + sdesBytes(name, NO_NOTE) + extendedBytes);
        header(out, blocks.size(), RECEIVER_REPORT, reportBytes);
        putUnsigned32(out, report.ssrc());
        putBlocks(out, blocks);
        putSdes(out, report.ssrc(), name, NO_NOTE);
        if (!repairs.isEmpty()) {
            // RFC 3611 2.1: XR's header count field is reserved, so 0.
            header(out, 0, EXTENDED_REPORT, extendedBytes);
            putUnsigned32(out, report.ssrc());
            putRepairs(out, repairs);
        }
        return out.array();
    }

    /**
     * RR (no blocks) + SDES(CNAME) + BYE, since a compound packet must start with a report.
     *
     * @param reason why the source leaves; {@code null} or empty for no reason field
     * @throws IllegalArgumentException for a CNAME or a reason over 255 UTF-8 bytes
     */
    public static byte[] bye(long ssrc, String cname, String reason) {
        byte[] name = text("CNAME", cname);
        byte[] why = reason == null ? new byte[0] : text("reason", reason);
        int reasonBytes = why.length == 0 ? 0 : roundUpToWord(1 + why.length);
        int byeBytes = HEADER_BYTES + SSRC_BYTES + reasonBytes;
        ByteBuffer out = ByteBuffer.allocate(RECEIVER_REPORT_FIXED_BYTES + sdesBytes(name, NO_NOTE) + byeBytes);
        header(out, 0, RECEIVER_REPORT, RECEIVER_REPORT_FIXED_BYTES);
        putUnsigned32(out, ssrc);
        putSdes(out, ssrc, name, NO_NOTE);
        header(out, 1, BYE, byeBytes);
        putUnsigned32(out, ssrc);
        if (why.length > 0) {
            out.put((byte) why.length).put(why);
            skipToWord(out);
        }
        return out.array();
    }

    /**
     * RR (no blocks) + SDES(CNAME) + APP "LATS" subtype 0: the sender's SSRC and the transmit time.
     *
     * @throws IllegalArgumentException for a CNAME over 255 UTF-8 bytes
     */
    public static byte[] timeRequest(TimeRequest request, String cname) {
        ByteBuffer out = emptyReportAndSdes(request.ssrc(), cname, TIME_REQUEST_BYTES);
        applicationHeader(out, TIME_REQUEST, TIME_REQUEST_BYTES, request.ssrc());
        putUnsigned32(out, request.senderSsrc());
        out.putLong(request.transmitNtp());
        return out.array();
    }

    /**
     * RR (no blocks) + SDES(CNAME) + APP "LATS" subtype 1: the requester's SSRC, the originate, receive,
     * transmit and mapping NTP times, the mapping's RTP timestamp and the playout delay in microseconds.
     *
     * @throws IllegalArgumentException for a CNAME over 255 UTF-8 bytes, or a delay outside 0..2^32-1 us
     */
    public static byte[] timeResponse(TimeResponse response, String cname) {
        if (response.playoutDelayMicros() < 0 || response.playoutDelayMicros() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("playout delay " + response.playoutDelayMicros() + " us");
        }
        ByteBuffer out = emptyReportAndSdes(response.ssrc(), cname, TIME_RESPONSE_BYTES);
        applicationHeader(out, TIME_RESPONSE, TIME_RESPONSE_BYTES, response.ssrc());
        putUnsigned32(out, response.requesterSsrc());
        out.putLong(response.originateNtp());
        out.putLong(response.receiveNtp());
        out.putLong(response.transmitNtp());
        out.putLong(response.mappingNtp());
        putUnsigned32(out, response.mappingRtp());
        putUnsigned32(out, response.playoutDelayMicros());
        return out.array();
    }

    private static ByteBuffer emptyReportAndSdes(long ssrc, String cname, int moreBytes) {
        byte[] name = text("CNAME", cname);
        ByteBuffer out = ByteBuffer.allocate(RECEIVER_REPORT_FIXED_BYTES + sdesBytes(name, NO_NOTE) + moreBytes);
        header(out, 0, RECEIVER_REPORT, RECEIVER_REPORT_FIXED_BYTES);
        putUnsigned32(out, ssrc);
        putSdes(out, ssrc, name, NO_NOTE);
        return out;
    }

    private static void applicationHeader(ByteBuffer out, int subtype, int partBytes, long ssrc) {
        header(out, subtype, APPLICATION, partBytes);
        putUnsigned32(out, ssrc);
        out.putInt(TIME_NAME);
    }

    private static int checkedCount(List<ReportBlock> blocks) {
        // More would need further RR parts (section 6.1); one stream never has that many sources.
        if (blocks.size() > MAX_COUNT) {
            throw new IllegalArgumentException(blocks.size() + " report blocks; at most " + MAX_COUNT + " fit");
        }
        return blocks.size();
    }

    private static byte[] text(String what, String value) {
        byte[] bytes = Objects.requireNonNull(value, what).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException(what + " of " + bytes.length + " UTF-8 bytes; at most "
                    + MAX_TEXT_BYTES + " fit");
        }
        return bytes;
    }

    /** The note's UTF-8 up to the last character that ends within {@link RtcpFormat#MAX_TEXT_BYTES}. */
    private static byte[] noteText(String note) {
        byte[] bytes = Objects.requireNonNull(note, "note").getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_TEXT_BYTES) {
            return bytes;
        }
        int cut = MAX_TEXT_BYTES;
        // bytes[cut] is the first byte left out: while it continues a character (10xxxxxx), that character
        // started before the cut and goes too.
        while ((bytes[cut] & 0xC0) == 0x80) {
            cut--;
        }
        return Arrays.copyOf(bytes, cut);
    }

    /**
     * Header, one chunk: SSRC, the CNAME item, the NOTE item unless {@code note} is {@link #NO_NOTE}, and at
     * least one null octet up to the next 32-bit boundary.
     */
    private static int sdesBytes(byte[] cname, byte[] note) {
        int items = 2 + cname.length + (note == NO_NOTE ? 0 : 2 + note.length);
        return HEADER_BYTES + roundUpToWord(SSRC_BYTES + items + 1);
    }

    private static void putSdes(ByteBuffer out, long ssrc, byte[] cname, byte[] note) {
        header(out, 1, SOURCE_DESCRIPTION, sdesBytes(cname, note));
        putUnsigned32(out, ssrc);
        out.put((byte) SDES_CNAME).put((byte) cname.length).put(cname);
        if (note != NO_NOTE) {
            out.put((byte) SDES_NOTE).put((byte) note.length).put(note);
        }
        out.put((byte) 0);
        skipToWord(out);
    }

    private static void putBlocks(ByteBuffer out, List<ReportBlock> blocks) {
        for (ReportBlock block : blocks) {
            if (block.fractionLost() < 0 || block.fractionLost() > 255) {
                throw new IllegalArgumentException("fraction lost " + block.fractionLost() + " outside 0..255");
            }
            putUnsigned32(out, block.ssrc());
            // Clamped as RFC 3550 A.3 does, rather than wrapped into a loss of the opposite sign.
            int lost = Math.max(CUMULATIVE_LOST_MIN, Math.min(CUMULATIVE_LOST_MAX, block.cumulativeLost()));
            out.putInt(block.fractionLost() << 24 | lost & 0xFF_FFFF);
            putUnsigned32(out, block.extendedHighestSequence());
            putUnsigned32(out, block.jitter());
            putUnsigned32(out, block.lastSenderReport());
            putUnsigned32(out, block.delaySinceLastSenderReport());
        }
    }

    private static void putRepairs(ByteBuffer out, List<RepairReport> repairs) {
        for (RepairReport repair : repairs) {
            out.put((byte) POST_REPAIR_LOSS_COUNT).put((byte) 0);
            out.putShort((short) (POST_REPAIR_BLOCK_BYTES / 4 - 1));
            putUnsigned32(out, repair.ssrc());
            out.putShort((short) repair.beginSequence()).putShort((short) repair.endSequence());
            putUnsigned32(out, Math.min(repair.unrepairedLoss(), 0xFFFF_FFFFL));
            putUnsigned32(out, Math.min(repair.repairedLoss(), 0xFFFF_FFFFL));
        }
    }

    private static void header(ByteBuffer out, int count, int packetType, int partBytes) {
        out.put((byte) (VERSION << 6 | count));
        out.put((byte) packetType);
        out.putShort((short) (partBytes / 4 - 1));
    }

    private static void putUnsigned32(ByteBuffer out, long value) {
        out.putInt((int) value);
    }

    /** The buffer is freshly allocated, so the bytes skipped are the null octets the padding needs. */
    private static void skipToWord(ByteBuffer out) {
        out.position(roundUpToWord(out.position()));
    }
}
