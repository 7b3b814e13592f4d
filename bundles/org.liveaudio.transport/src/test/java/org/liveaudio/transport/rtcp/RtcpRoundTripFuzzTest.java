package org.liveaudio.transport.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.api.net.TimeResponse;

/**
 * Whatever the writer makes of values it accepts, the reader gives back: SR (with and without NOTE), RR, BYE and
 * the time exchange, built from fuzzed fields. Values the writer refuses (a CNAME over 255 bytes, ...) end the
 * input, for refusing them is the writer's documented answer.
 */
class RtcpRoundTripFuzzTest {
    private static final long UNSIGNED_32 = 0xFFFF_FFFFL;

    @FuzzTest(maxDuration = "2m")
    void whatTheWriterWritesTheReaderReads(FuzzedDataProvider data) throws MalformedRtcpException {
        long ssrc = unsigned32(data);
        String cname = data.consumeString(300);
        if (utf8(cname).length > RtcpFormat.MAX_TEXT_BYTES) {
            return;
        }
        switch (data.consumeInt(0, 5)) {
            case 0 -> senderReport(data, ssrc, cname, null);
            case 1 -> senderReport(data, ssrc, cname, data.consumeString(400));
            case 2 -> {
                ReceiverReport report = new ReceiverReport(ssrc, blocks(data));
                RtcpCompound read = read(RtcpWriter.receiverReport(report, cname));
                assertEquals(List.of(clamped(report)), read.receiverReports());
                assertEquals(Map.of(ssrc, decoded(cname)), read.cnames());
            }
            case 3 -> {
                String reason = data.consumeString(300);
                if (utf8(reason).length > RtcpFormat.MAX_TEXT_BYTES) {
                    return;
                }
                RtcpCompound read = read(RtcpWriter.bye(ssrc, cname, reason));
                assertEquals(List.of(new Bye(List.of(ssrc), decoded(reason))), read.byes());
                assertEquals(Map.of(ssrc, decoded(cname)), read.cnames());
            }
            case 4 -> {
                TimeRequest request = new TimeRequest(ssrc, unsigned32(data), data.consumeLong());
                assertEquals(List.of(request), read(RtcpWriter.timeRequest(request, cname)).timeRequests());
            }
            default -> {
                TimeResponse response = new TimeResponse(ssrc, unsigned32(data), data.consumeLong(),
                        data.consumeLong(), data.consumeLong(), data.consumeLong(), unsigned32(data),
                        unsigned32(data));
                assertEquals(List.of(response), read(RtcpWriter.timeResponse(response, cname)).timeResponses());
            }
        }
    }

    private static void senderReport(FuzzedDataProvider data, long ssrc, String cname, String note)
            throws MalformedRtcpException {
        SenderReport report = new SenderReport(ssrc, data.consumeLong(), unsigned32(data), unsigned32(data),
                unsigned32(data), blocks(data));
        byte[] written = note == null ? RtcpWriter.senderReport(report, cname)
                : RtcpWriter.senderReport(report, cname, note);
        RtcpCompound read = read(written);
        SenderReport expected = new SenderReport(ssrc, report.ntpTimestamp(), report.rtpTimestamp(),
                report.packetCount(), report.octetCount(), clamped(report.blocks()));
        assertEquals(List.of(expected), read.senderReports());
        assertEquals(Map.of(ssrc, decoded(cname)), read.cnames());
        if (note == null) {
            assertEquals(Map.of(), read.notes());
            return;
        }
        // A note over 255 bytes is cut at a character boundary: what comes back starts the note and fits.
        String readNote = read.notes().get(ssrc);
        assertTrue(decoded(note).startsWith(readNote), () -> readNote + " does not start " + note);
        assertTrue(utf8(readNote).length <= RtcpFormat.MAX_TEXT_BYTES);
        if (utf8(note).length <= RtcpFormat.MAX_TEXT_BYTES) {
            assertEquals(decoded(note), readNote);
        }
    }

    private static RtcpCompound read(byte[] datagram) throws MalformedRtcpException {
        return RtcpReader.parse(datagram, 0, datagram.length);
    }

    private static List<ReportBlock> blocks(FuzzedDataProvider data) {
        List<ReportBlock> blocks = new ArrayList<>();
        for (int i = data.consumeInt(0, RtcpFormat.MAX_COUNT); i > 0; i--) {
            blocks.add(new ReportBlock(unsigned32(data), data.consumeInt(0, 255), data.consumeInt(),
                    unsigned32(data), unsigned32(data), unsigned32(data), unsigned32(data)));
        }
        return blocks;
    }

    private static ReceiverReport clamped(ReceiverReport report) {
        return new ReceiverReport(report.ssrc(), clamped(report.blocks()));
    }

    /** The cumulative loss as the 24-bit field holds it: clamped, not wrapped (RFC 3550 A.3). */
    private static List<ReportBlock> clamped(List<ReportBlock> blocks) {
        return blocks.stream().map(b -> new ReportBlock(b.ssrc(), b.fractionLost(),
                Math.max(RtcpFormat.CUMULATIVE_LOST_MIN, Math.min(RtcpFormat.CUMULATIVE_LOST_MAX, b.cumulativeLost())),
                b.extendedHighestSequence(), b.jitter(), b.lastSenderReport(), b.delaySinceLastSenderReport()))
                .toList();
    }

    private static long unsigned32(FuzzedDataProvider data) {
        return data.consumeLong(0, UNSIGNED_32);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** What survives a trip through UTF-8: an unpaired surrogate becomes '?'. */
    private static String decoded(String text) {
        return new String(utf8(text), StandardCharsets.UTF_8);
    }
}
