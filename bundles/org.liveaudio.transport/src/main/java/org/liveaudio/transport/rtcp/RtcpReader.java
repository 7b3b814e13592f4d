package org.liveaudio.transport.rtcp;

import static org.liveaudio.transport.rtcp.RtcpFormat.APPLICATION;
import static org.liveaudio.transport.rtcp.RtcpFormat.APPLICATION_FIXED_BYTES;
import static org.liveaudio.transport.rtcp.RtcpFormat.BYE;
import static org.liveaudio.transport.rtcp.RtcpFormat.COUNT_MASK;
import static org.liveaudio.transport.rtcp.RtcpFormat.EXTENDED_REPORT;
import static org.liveaudio.transport.rtcp.RtcpFormat.HEADER_BYTES;
import static org.liveaudio.transport.rtcp.RtcpFormat.PADDING_BIT;
import static org.liveaudio.transport.rtcp.RtcpFormat.POST_REPAIR_BLOCK_BYTES;
import static org.liveaudio.transport.rtcp.RtcpFormat.POST_REPAIR_LOSS_COUNT;
import static org.liveaudio.transport.rtcp.RtcpFormat.RECEIVER_REPORT;
import static org.liveaudio.transport.rtcp.RtcpFormat.RECEIVER_REPORT_FIXED_BYTES;
import static org.liveaudio.transport.rtcp.RtcpFormat.REPORT_BLOCK_BYTES;
import static org.liveaudio.transport.rtcp.RtcpFormat.SDES_CNAME;
import static org.liveaudio.transport.rtcp.RtcpFormat.SDES_END;
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
import static org.liveaudio.transport.rtcp.RtcpFormat.XR_BLOCK_HEADER_BYTES;
import static org.liveaudio.transport.rtcp.RtcpFormat.roundUpToWord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.RepairReport;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.api.net.TimeResponse;

/**
 * Parses a compound RTCP datagram with the validity checks of RFC 3550, appendix A.2: every part version 2,
 * the parts' lengths adding up to exactly the datagram, padding only on the last part, the first part a sender
 * or receiver report. Sender reports, receiver reports, SDES CNAMEs and NOTEs, BYEs and this product's time
 * exchange (APP {@code LATS}) are read, and XR's Post-Repair Loss Count blocks (RFC 7509), joined to the receiver
 * report of the XR's sender; other packet types and blocks are skipped by their length. Any
 * inconsistency refuses the whole datagram.
 */
public final class RtcpReader {
    private RtcpReader() {
    }

    /** @throws MalformedRtcpException naming the first check the datagram fails */
    public static RtcpCompound parse(byte[] buffer, int offset, int length) throws MalformedRtcpException {
        if (length < HEADER_BYTES) {
            throw new MalformedRtcpException(Malformation.TOO_SHORT);
        }
        ByteBuffer in = ByteBuffer.wrap(buffer, offset, length);
        int end = offset + length;
        List<SenderReport> senderReports = new ArrayList<>(1);
        List<ReceiverReport> receiverReports = new ArrayList<>(1);
        Map<Long, String> cnames = new HashMap<>();
        Map<Long, String> notes = new HashMap<>(1);
        List<Bye> byes = new ArrayList<>(0);
        List<TimeRequest> timeRequests = new ArrayList<>(0);
        List<TimeResponse> timeResponses = new ArrayList<>(0);
        Map<Long, List<RepairReport>> repairs = new HashMap<>(0);
        for (int at = offset; at < end; ) {
            if (end - at < HEADER_BYTES) {
                throw new MalformedRtcpException(Malformation.TRUNCATED_HEADER);
            }
            int first = unsigned8(in, at);
            int type = unsigned8(in, at + 1);
            if (first >>> 6 != VERSION) {
                throw new MalformedRtcpException(Malformation.BAD_VERSION);
            }
            if (at == offset && type != SENDER_REPORT && type != RECEIVER_REPORT) {
                throw new MalformedRtcpException(Malformation.FIRST_NOT_REPORT);
            }
            int partEnd = at + (unsigned16(in, at + 2) + 1) * 4;
            if (partEnd > end) {
                throw new MalformedRtcpException(Malformation.LENGTH_BEYOND_DATAGRAM);
            }
            int bodyEnd = withoutPadding(in, first, at, partEnd, end);
            int count = first & COUNT_MASK;
            switch (type) {
                case SENDER_REPORT -> senderReports.add(senderReport(in, at, bodyEnd, count));
                case RECEIVER_REPORT -> receiverReports.add(receiverReport(in, at, bodyEnd, count));
                case SOURCE_DESCRIPTION -> readSdes(in, at, bodyEnd, count, cnames, notes);
                case BYE -> byes.add(bye(in, at, bodyEnd, count));
                case APPLICATION -> readTimeExchange(in, at, bodyEnd, count, timeRequests, timeResponses);
                case EXTENDED_REPORT -> readRepairs(in, at, bodyEnd, repairs);
                default -> {
                    // Whatever else: not ours to read, and no reason to refuse the compound.
                }
            }
            at = partEnd;
        }
        return new RtcpCompound(senderReports, withRepairs(receiverReports, repairs), cnames, notes, byes,
                timeRequests, timeResponses);
    }

    /**
     * An XR packet's Post-Repair Loss Count blocks (RFC 7509), by the SSRC of the XR's sender; blocks of other
     * types are skipped by their length, which must stay within the packet.
     */
    private static void readRepairs(ByteBuffer in, int at, int bodyEnd, Map<Long, List<RepairReport>> repairs)
            throws MalformedRtcpException {
        if (at + HEADER_BYTES + SSRC_BYTES > bodyEnd) {
            throw new MalformedRtcpException(Malformation.XR_OVERRUN);
        }
        long reporter = unsigned32(in, at + HEADER_BYTES);
        for (int block = at + HEADER_BYTES + SSRC_BYTES; block < bodyEnd; ) {
            if (block + XR_BLOCK_HEADER_BYTES > bodyEnd) {
                throw new MalformedRtcpException(Malformation.XR_OVERRUN);
            }
            int blockEnd = block + (unsigned16(in, block + 2) + 1) * 4;
            if (blockEnd > bodyEnd) {
                throw new MalformedRtcpException(Malformation.XR_OVERRUN);
            }
            if (unsigned8(in, block) == POST_REPAIR_LOSS_COUNT) {
                if (blockEnd - block != POST_REPAIR_BLOCK_BYTES) {
                    throw new MalformedRtcpException(Malformation.XR_REPAIR_LENGTH);
                }
                repairs.computeIfAbsent(reporter, ssrc -> new ArrayList<>(1)).add(new RepairReport(
                        unsigned32(in, block + 4), unsigned16(in, block + 8), unsigned16(in, block + 10),
                        unsigned32(in, block + 12), unsigned32(in, block + 16)));
            }
            block = blockEnd;
        }
    }

    /** Each receiver report with the repairs its sender's XR gave in the same compound. */
    private static List<ReceiverReport> withRepairs(List<ReceiverReport> reports,
            Map<Long, List<RepairReport>> repairs) {
        if (repairs.isEmpty()) {
            return reports;
        }
        List<ReceiverReport> joined = new ArrayList<>(reports.size());
        for (ReceiverReport report : reports) {
            List<RepairReport> its = repairs.get(report.ssrc());
            joined.add(its == null ? report : new ReceiverReport(report.ssrc(), report.blocks(), its));
        }
        return joined;
    }

    /** Where the part's content ends: its end, less the padding its last octet counts if P is set. */
    private static int withoutPadding(ByteBuffer in, int first, int at, int partEnd, int end)
            throws MalformedRtcpException {
        if ((first & PADDING_BIT) == 0) {
            return partEnd;
        }
        if (partEnd != end) {
            throw new MalformedRtcpException(Malformation.PADDING_NOT_LAST);
        }
        int padding = unsigned8(in, partEnd - 1);
        if (padding == 0 || padding > partEnd - at - HEADER_BYTES) {
            throw new MalformedRtcpException(Malformation.BAD_PADDING);
        }
        return partEnd - padding;
    }

    private static SenderReport senderReport(ByteBuffer in, int at, int bodyEnd, int count)
            throws MalformedRtcpException {
        int blocksAt = at + SENDER_REPORT_FIXED_BYTES;
        checkReportLength(blocksAt, bodyEnd, count);
        return new SenderReport(unsigned32(in, at + 4), in.getLong(at + 8), unsigned32(in, at + 16),
                unsigned32(in, at + 20), unsigned32(in, at + 24), blocks(in, blocksAt, count));
    }

    private static ReceiverReport receiverReport(ByteBuffer in, int at, int bodyEnd, int count)
            throws MalformedRtcpException {
        int blocksAt = at + RECEIVER_REPORT_FIXED_BYTES;
        checkReportLength(blocksAt, bodyEnd, count);
        return new ReceiverReport(unsigned32(in, at + 4), blocks(in, blocksAt, count));
    }

    /** More than the blocks may follow (a profile-specific extension), which is ignored. */
    private static void checkReportLength(int blocksAt, int bodyEnd, int count) throws MalformedRtcpException {
        if (blocksAt + count * REPORT_BLOCK_BYTES > bodyEnd) {
            throw new MalformedRtcpException(Malformation.REPORT_OVERRUN);
        }
    }

    private static List<ReportBlock> blocks(ByteBuffer in, int at, int count) {
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int block = at; block < at + count * REPORT_BLOCK_BYTES; block += REPORT_BLOCK_BYTES) {
            int lossWord = in.getInt(block + 4);
            // Shifting left then arithmetically right sign-extends the 24-bit cumulative loss.
            blocks.add(new ReportBlock(unsigned32(in, block), lossWord >>> 24, lossWord << 8 >> 8,
                    unsigned32(in, block + 8), unsigned32(in, block + 12), unsigned32(in, block + 16),
                    unsigned32(in, block + 20)));
        }
        return blocks;
    }

    /**
     * Each chunk: an SSRC, items (type, length, text) up to a null octet, then null octets to the next 32-bit
     * boundary. Only the first CNAME and the first NOTE of each chunk are kept; other items are skipped.
     */
    private static void readSdes(ByteBuffer in, int at, int bodyEnd, int count, Map<Long, String> cnames,
            Map<Long, String> notes) throws MalformedRtcpException {
        int chunk = at + HEADER_BYTES;
        for (int i = 0; i < count; i++) {
            if (chunk + SSRC_BYTES > bodyEnd) {
                throw new MalformedRtcpException(Malformation.SDES_OVERRUN);
            }
            long ssrc = unsigned32(in, chunk);
            int item = chunk + SSRC_BYTES;
            while (item < bodyEnd && unsigned8(in, item) != SDES_END) {
                if (item + 2 > bodyEnd || item + 2 + unsigned8(in, item + 1) > bodyEnd) {
                    throw new MalformedRtcpException(Malformation.SDES_OVERRUN);
                }
                int textLength = unsigned8(in, item + 1);
                int itemType = unsigned8(in, item);
                if (itemType == SDES_CNAME) {
                    cnames.putIfAbsent(ssrc, new String(in.array(), item + 2, textLength, StandardCharsets.UTF_8));
                } else if (itemType == SDES_NOTE) {
                    // Invalid UTF-8 (a note cut mid-character by another sender) decodes to U+FFFD, never fails.
                    notes.putIfAbsent(ssrc, new String(in.array(), item + 2, textLength, StandardCharsets.UTF_8));
                }
                item += 2 + textLength;
            }
            // The null octet must be there, and the padding after it within the part.
            chunk = at + roundUpToWord(item + 1 - at);
            if (item >= bodyEnd || chunk > bodyEnd) {
                throw new MalformedRtcpException(Malformation.SDES_OVERRUN);
            }
        }
    }

    private static Bye bye(ByteBuffer in, int at, int bodyEnd, int count) throws MalformedRtcpException {
        int reasonAt = at + HEADER_BYTES + count * SSRC_BYTES;
        if (reasonAt > bodyEnd) {
            throw new MalformedRtcpException(Malformation.BYE_OVERRUN);
        }
        List<Long> ssrcs = new ArrayList<>(count);
        for (int ssrc = at + HEADER_BYTES; ssrc < reasonAt; ssrc += SSRC_BYTES) {
            ssrcs.add(unsigned32(in, ssrc));
        }
        String reason = "";
        if (reasonAt < bodyEnd) {
            int reasonLength = unsigned8(in, reasonAt);
            if (reasonAt + 1 + reasonLength > bodyEnd) {
                throw new MalformedRtcpException(Malformation.BYE_OVERRUN);
            }
            reason = new String(in.array(), reasonAt + 1, reasonLength, StandardCharsets.UTF_8);
        }
        return new Bye(ssrcs, reason);
    }

    /** Another application's APP packet (another name or subtype) is skipped like any unknown part. */
    private static void readTimeExchange(ByteBuffer in, int at, int bodyEnd, int subtype,
            List<TimeRequest> requests, List<TimeResponse> responses) throws MalformedRtcpException {
        if (bodyEnd - at < APPLICATION_FIXED_BYTES || in.getInt(at + 8) != TIME_NAME) {
            return;
        }
        if (subtype == TIME_REQUEST) {
            checkTimeLength(at, bodyEnd, TIME_REQUEST_BYTES);
            requests.add(new TimeRequest(unsigned32(in, at + 4), unsigned32(in, at + 12), in.getLong(at + 16)));
        } else if (subtype == TIME_RESPONSE) {
            checkTimeLength(at, bodyEnd, TIME_RESPONSE_BYTES);
            responses.add(new TimeResponse(unsigned32(in, at + 4), unsigned32(in, at + 12), in.getLong(at + 16),
                    in.getLong(at + 24), in.getLong(at + 32), in.getLong(at + 40), unsigned32(in, at + 48),
                    unsigned32(in, at + 52)));
        }
    }

    private static void checkTimeLength(int at, int bodyEnd, int bytes) throws MalformedRtcpException {
        if (bodyEnd - at != bytes) {
            throw new MalformedRtcpException(Malformation.TIME_EXCHANGE_LENGTH);
        }
    }

    private static int unsigned8(ByteBuffer in, int at) {
        return in.get(at) & 0xff;
    }

    private static int unsigned16(ByteBuffer in, int at) {
        return in.getShort(at) & 0xffff;
    }

    private static long unsigned32(ByteBuffer in, int at) {
        return in.getInt(at) & 0xFFFF_FFFFL;
    }
}
