package org.liveaudio.transport.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.liveaudio.transport.rtcp.RtcpExamples.BYE_BYTES;
import static org.liveaudio.transport.rtcp.RtcpExamples.BYE_WITHOUT_REASON_BYTES;
import static org.liveaudio.transport.rtcp.RtcpExamples.LISTENER;
import static org.liveaudio.transport.rtcp.RtcpExamples.RECEIVER_REPORT;
import static org.liveaudio.transport.rtcp.RtcpExamples.RECEIVER_REPORT_BYTES;
import static org.liveaudio.transport.rtcp.RtcpExamples.SENDER;
import static org.liveaudio.transport.rtcp.RtcpExamples.SENDER_REPORT;
import static org.liveaudio.transport.rtcp.RtcpExamples.SENDER_REPORT_BYTES;
import static org.liveaudio.transport.rtcp.RtcpExamples.SENDER_REPORT_WITH_NOTE_BYTES;
import static org.liveaudio.transport.rtcp.RtcpExamples.TIME_REQUEST;
import static org.liveaudio.transport.rtcp.RtcpExamples.TIME_REQUEST_BYTES;
import static org.liveaudio.transport.rtcp.RtcpExamples.TIME_RESPONSE;
import static org.liveaudio.transport.rtcp.RtcpExamples.TIME_RESPONSE_BYTES;
import static org.liveaudio.transport.rtcp.RtcpExamples.bytes;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.RepairReport;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.TimeResponse;

class RtcpWriterTest {
    @Test
    void senderReportWithOneBlockAndCnameIsWrittenOctetForOctet() {
        assertArrayEquals(SENDER_REPORT_BYTES, RtcpWriter.senderReport(SENDER_REPORT, "user@host"));
    }

    @Test
    void noteFollowsTheCnameInTheSenderReportsChunkOctetForOctet() {
        assertArrayEquals(SENDER_REPORT_WITH_NOTE_BYTES, RtcpWriter.senderReport(SENDER_REPORT, "user@host", "Song"));
    }

    @Test
    void emptyNoteIsAnEmptyItemThatTellsListenersNothingIsNamedNow() throws Exception {
        byte[] packet = RtcpWriter.senderReport(SENDER_REPORT, "user@host", "");

        assertArrayEquals(bytes(0x81, 0xCA, 0x00, 0x05), Arrays.copyOfRange(packet, 52, 56));
        assertArrayEquals(bytes(0x07, 0x00, 0x00, 0x00, 0x00), Arrays.copyOfRange(packet, 71, 76));
        assertEquals(Map.of(SENDER, ""), RtcpReader.parse(packet, 0, packet.length).notes());
    }

    @Test
    void noteOver255BytesIsCutBeforeTheCharacterThatWouldNotFitWhole() throws Exception {
        assertEquals("é".repeat(127), noteReadBack("é".repeat(200)), "254 bytes: the 128th é would end at 256");
        assertEquals("😀".repeat(63), noteReadBack("😀".repeat(100)), "252 bytes: 4-byte characters");
        assertEquals("x" + "é".repeat(127), noteReadBack("x" + "é".repeat(200)), "exactly 255 bytes stay whole");
    }

    @Test
    void receiverReportsAndTheOtherCompoundsCarryNoNote() throws Exception {
        for (byte[] packet : List.of(RtcpWriter.senderReport(SENDER_REPORT, "user@host"),
                RtcpWriter.receiverReport(RECEIVER_REPORT, "me@1.2.3.4"), RtcpWriter.bye(SENDER, "user@host", "x"),
                RtcpWriter.timeRequest(TIME_REQUEST, "user@host"))) {
            assertEquals(Map.of(), RtcpReader.parse(packet, 0, packet.length).notes());
        }
    }

    @Test
    void receiverReportWithTwoBlocksAndAWordOfNullsAfterTheCnameIsWrittenOctetForOctet() {
        assertArrayEquals(RECEIVER_REPORT_BYTES, RtcpWriter.receiverReport(RECEIVER_REPORT, "me@1.2.3.4"));
    }

    @Test
    void byeFollowsAnEmptyReceiverReportAndSdesWithItsReasonPaddedToAWord() {
        assertArrayEquals(BYE_BYTES, RtcpWriter.bye(SENDER, "user@host", "stream stopped"));
    }

    @Test
    void byeWithoutReasonHasNoReasonField() {
        assertArrayEquals(BYE_WITHOUT_REASON_BYTES, RtcpWriter.bye(SENDER, "user@host", null));
        assertArrayEquals(BYE_WITHOUT_REASON_BYTES, RtcpWriter.bye(SENDER, "user@host", ""));
    }

    @Test
    void timeRequestFollowsAnEmptyReceiverReportAndSdesOctetForOctet() {
        assertArrayEquals(TIME_REQUEST_BYTES, RtcpWriter.timeRequest(TIME_REQUEST, "user@host"));
    }

    @Test
    void timeResponseCarriesTheFourTimesTheMappingAndTheDelayOctetForOctet() {
        assertArrayEquals(TIME_RESPONSE_BYTES, RtcpWriter.timeResponse(TIME_RESPONSE, "user@host"));
    }

    @Test
    void negativePlayoutDelayIsRefused() {
        TimeResponse negative = new TimeResponse(SENDER, LISTENER, 0, 0, 0, 0, 0, -1);
        assertThrows(IllegalArgumentException.class, () -> RtcpWriter.timeResponse(negative, "x"));
    }

    @Test
    void emptyCnameIsAnEmptyItem() {
        byte[] expected = bytes(
                0x80, 0xC9, 0x00, 0x01, 0xCA, 0xFE, 0xBA, 0xBE,
                0x81, 0xCA, 0x00, 0x02, 0xCA, 0xFE, 0xBA, 0xBE, 0x01, 0x00, 0x00, 0x00);
        assertArrayEquals(expected, RtcpWriter.receiverReport(new ReceiverReport(LISTENER, List.of()), ""));
    }

    @Test
    void repairsFollowTheSdesAsAnXrOfPostRepairLossCountBlocksOctetForOctet() throws Exception {
        RepairReport repair = new RepairReport(0x0102_0304L, 100, 250, 3, 7);
        ReceiverReport report = new ReceiverReport(LISTENER, List.of(), List.of(repair));
        byte[] expected = bytes(
                0x80, 0xC9, 0x00, 0x01, 0xCA, 0xFE, 0xBA, 0xBE,
                0x81, 0xCA, 0x00, 0x02, 0xCA, 0xFE, 0xBA, 0xBE, 0x01, 0x00, 0x00, 0x00,
                0x80, 0xCF, 0x00, 0x06, 0xCA, 0xFE, 0xBA, 0xBE,   // XR, length 6, from the listener
                0x21, 0x00, 0x00, 0x04, 0x01, 0x02, 0x03, 0x04,   //   BT 33, length 4, about the source
                0x00, 0x64, 0x00, 0xFA,                           //   begin_seq 100, end_seq 250
                0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x07);  //   unrepaired 3, repaired 7
        byte[] packet = RtcpWriter.receiverReport(report, "");
        assertArrayEquals(expected, packet);
        assertEquals(List.of(report), RtcpReader.parse(packet, 0, packet.length).receiverReports());
    }

    @Test
    void cumulativeLossBeyond24BitsIsClampedNotWrapped() {
        ReceiverReport report = new ReceiverReport(LISTENER, List.of(
                new ReportBlock(1, 0, 10_000_000, 0, 0, 0, 0), new ReportBlock(2, 0, -10_000_000, 0, 0, 0, 0)));
        byte[] packet = RtcpWriter.receiverReport(report, "x");
        assertArrayEquals(bytes(0x00, 0x7F, 0xFF, 0xFF), Arrays.copyOfRange(packet, 12, 16));
        assertArrayEquals(bytes(0x00, 0x80, 0x00, 0x00), Arrays.copyOfRange(packet, 36, 40));
    }

    @Test
    void fieldsWiderThan32BitsAreTakenModulo2To32() throws Exception {
        SenderReport report = new SenderReport(SENDER, 1, (1L << 32) + 7, (1L << 32) + 8, (1L << 32) + 9, List.of());
        byte[] packet = RtcpWriter.senderReport(report, "x");
        assertEquals(List.of(new SenderReport(SENDER, 1, 7, 8, 9, List.of())),
                RtcpReader.parse(packet, 0, packet.length).senderReports());
    }

    @Test
    void whatCannotBeWrittenIsRefused() {
        ReportBlock block = new ReportBlock(1, 0, 0, 0, 0, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> RtcpWriter.receiverReport(
                new ReceiverReport(LISTENER, Collections.nCopies(32, block)), "x"));
        assertThrows(IllegalArgumentException.class, () -> RtcpWriter.receiverReport(
                new ReceiverReport(LISTENER, List.of(new ReportBlock(1, 256, 0, 0, 0, 0, 0))), "x"));
        assertThrows(IllegalArgumentException.class, () -> RtcpWriter.receiverReport(
                new ReceiverReport(LISTENER, List.of()), "x".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> RtcpWriter.bye(SENDER, "x", "é".repeat(128)));
    }

    @Test
    void missingNoteIsRefusedLikeAMissingCname() {
        assertThrows(NullPointerException.class, () -> RtcpWriter.senderReport(SENDER_REPORT, "x", null));
    }

    @Test
    void thirtyOneBlocksAndA255ByteCnameFitAndReadBack() throws Exception {
        ReportBlock block = new ReportBlock(1, 3, -2, 4, 5, 6, 7);
        ReceiverReport report = new ReceiverReport(LISTENER, Collections.nCopies(31, block));
        String cname = "ü".repeat(127) + "x";
        byte[] packet = RtcpWriter.receiverReport(report, cname);
        RtcpCompound read = RtcpReader.parse(packet, 0, packet.length);
        assertEquals(List.of(report), read.receiverReports());
        assertEquals(cname, read.cname(LISTENER));
    }

    private static String noteReadBack(String note) throws MalformedRtcpException {
        byte[] packet = RtcpWriter.senderReport(SENDER_REPORT, "user@host", note);
        RtcpCompound read = RtcpReader.parse(packet, 0, packet.length);
        assertEquals("user@host", read.cname(SENDER));
        return read.notes().get(SENDER);
    }
}
