package org.liveaudio.transport.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.liveaudio.transport.rtcp.RtcpExamples.BYE_BYTES;
import static org.liveaudio.transport.rtcp.RtcpExamples.BYE_WITHOUT_REASON_BYTES;
import static org.liveaudio.transport.rtcp.RtcpExamples.LISTENER;
import static org.liveaudio.transport.rtcp.RtcpExamples.MIXED_BYTES;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.RepairReport;

class RtcpReaderTest {
    @Test
    void senderReportReadsBackWithItsBlockAndCname() throws Exception {
        RtcpCompound compound = parse(SENDER_REPORT_BYTES);
        assertEquals(List.of(SENDER_REPORT), compound.senderReports());
        assertEquals(List.of(), compound.receiverReports());
        assertEquals(Map.of(SENDER, "user@host"), compound.cnames());
        assertEquals(List.of(), compound.byes());
    }

    @Test
    void noteReadsBackBesideTheCnameOfItsChunk() throws Exception {
        RtcpCompound compound = parse(SENDER_REPORT_WITH_NOTE_BYTES);
        assertEquals(List.of(SENDER_REPORT), compound.senderReports());
        assertEquals(Map.of(SENDER, "user@host"), compound.cnames());
        assertEquals(Map.of(SENDER, "Song"), compound.notes());
    }

    @Test
    void compoundWithoutNoteHasNone() throws Exception {
        assertEquals(Map.of(), parse(SENDER_REPORT_BYTES).notes());
        assertEquals(Map.of(), parse(MIXED_BYTES).notes());
    }

    @Test
    void noteBeforeTheCnameAndInAnyChunkIsRead() throws Exception {
        byte[] noteFirst = bytes(
                0x80, 0xC9, 0x00, 0x01, 0xCA, 0xFE, 0xBA, 0xBE,
                0x82, 0xCA, 0x00, 0x05,       // SDES, SC=2, length 5
                0xCA, 0xFE, 0xBA, 0xBE,       //   chunk 1: CNAME only
                0x01, 0x01, "a", 0x00,
                0x12, 0x34, 0x56, 0x78,       //   chunk 2: NOTE, then CNAME
                0x07, 0x02, "hi", 0x01, 0x01, "b", 0x00);
        RtcpCompound compound = parse(noteFirst);
        assertEquals(Map.of(SENDER, "hi"), compound.notes());
        assertEquals(Map.of(LISTENER, "a", SENDER, "b"), compound.cnames());
    }

    @Test
    void noteOfInvalidUtf8ReadsWithReplacementCharacters() throws Exception {
        byte[] cutMidCharacter = with(SENDER_REPORT_WITH_NOTE_BYTES, 73, 0xC3);
        assertEquals("\uFFFDong", parse(cutMidCharacter).notes().get(SENDER));
    }

    @Test
    void receiverReportReadsUnsignedWordsAsLongsAndCumulativeLossSigned() throws Exception {
        RtcpCompound compound = parse(RECEIVER_REPORT_BYTES);
        assertEquals(List.of(RECEIVER_REPORT), compound.receiverReports());
        assertEquals("me@1.2.3.4", compound.cname(LISTENER));
    }

    @Test
    void byeReadsWithItsReasonAfterTheEmptyReport() throws Exception {
        RtcpCompound compound = parse(BYE_BYTES);
        assertEquals(List.of(new ReceiverReport(SENDER, List.of())), compound.receiverReports());
        assertEquals(List.of(new Bye(List.of(SENDER), "stream stopped")), compound.byes());
        assertEquals("user@host", compound.cname(SENDER));
        assertEquals(List.of(new Bye(List.of(SENDER), "")), parse(BYE_WITHOUT_REASON_BYTES).byes());
    }

    @Test
    void timeRequestAndResponseReadBackAfterTheirEmptyReports() throws Exception {
        RtcpCompound request = parse(TIME_REQUEST_BYTES);
        assertEquals(List.of(TIME_REQUEST), request.timeRequests());
        assertEquals(List.of(new ReceiverReport(LISTENER, List.of())), request.receiverReports());
        assertEquals(List.of(TIME_RESPONSE), parse(TIME_RESPONSE_BYTES).timeResponses());
        assertEquals(List.of(), parse(TIME_RESPONSE_BYTES).timeRequests());
    }

    @Test
    void timeExchangeOfTheWrongLengthRefusesTheCompound() {
        byte[] shortened = Arrays.copyOf(TIME_RESPONSE_BYTES, TIME_RESPONSE_BYTES.length - 4);
        shortened[shortened.length - 49] = 0x0C;
        assertMalformed(Malformation.TIME_EXCHANGE_LENGTH, shortened);
    }

    @Test
    void unknownPartsAreSkippedAndEachChunksCnameIsFoundAmongOtherItems() throws Exception {
        RtcpCompound compound = parse(MIXED_BYTES);
        assertEquals(List.of(new ReceiverReport(0x11111111L, List.of())), compound.receiverReports());
        assertEquals(Map.of(0x22222222L, "b@x", 0x11111111L, "a@hst"), compound.cnames());
        assertEquals(List.of(new Bye(List.of(0x11111111L, 0x33333333L), "")), compound.byes());
    }

    @Test
    void xrBlocksOfOtherTypesAreSkippedAndRepairsJoinOnlyTheReportOfTheirSender() throws Exception {
        byte[] packet = bytes(
                0x80, 0xC9, 0x00, 0x01, 0x11, 0x11, 0x11, 0x11,   // RR from 0x11111111, no blocks
                0x80, 0xCF, 0x00, 0x09, 0x11, 0x11, 0x11, 0x11,   // XR from it, length 9
                0x04, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01,   //   BT 4 (reference time), skipped
                0x00, 0x00, 0x00, 0x02,
                0x21, 0x00, 0x00, 0x04, 0x0A, 0x0B, 0x0C, 0x0D,   //   BT 33 about 0x0A0B0C0D
                0xFF, 0xF0, 0x00, 0x10, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x01, 0x00,
                0x80, 0xCF, 0x00, 0x06, 0x22, 0x22, 0x22, 0x22,   // XR from 0x22222222, who sent no RR here
                0x21, 0x00, 0x00, 0x04, 0x0A, 0x0B, 0x0C, 0x0D,
                0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x09);
        assertEquals(List.of(new ReceiverReport(0x11111111L, List.of(),
                List.of(new RepairReport(0x0A0B0C0DL, 0xFFF0, 0x10, 2, 256)))), parse(packet).receiverReports());
    }

    @Test
    void anXrBlockRunningPastItsPacketOrARepairBlockOfTheWrongLengthRefusesTheCompound() {
        assertMalformed(Malformation.XR_OVERRUN, bytes(
                0x80, 0xC9, 0x00, 0x01, 0x11, 0x11, 0x11, 0x11,
                0x80, 0xCF, 0x00, 0x03, 0x11, 0x11, 0x11, 0x11,
                0x21, 0x00, 0x00, 0x04, 0x0A, 0x0B, 0x0C, 0x0D));
        assertMalformed(Malformation.XR_OVERRUN, bytes(
                0x80, 0xC9, 0x00, 0x01, 0x11, 0x11, 0x11, 0x11,
                0x80, 0xCF, 0x00, 0x00));
        assertMalformed(Malformation.XR_REPAIR_LENGTH, bytes(
                0x80, 0xC9, 0x00, 0x01, 0x11, 0x11, 0x11, 0x11,
                0x80, 0xCF, 0x00, 0x04, 0x11, 0x11, 0x11, 0x11,
                0x21, 0x00, 0x00, 0x02, 0x0A, 0x0B, 0x0C, 0x0D, 0x00, 0x00, 0x00, 0x01));
    }

    @Test
    void reportWithoutSdesHasAnEmptyCname() throws Exception {
        RtcpCompound compound = parse(Arrays.copyOf(SENDER_REPORT_BYTES, 52));
        assertEquals(List.of(SENDER_REPORT), compound.senderReports());
        assertEquals("", compound.cname(SENDER));
    }

    @Test
    void datagramAtAnOffsetInALargerBufferIsRead() throws Exception {
        byte[] buffer = new byte[SENDER_REPORT_BYTES.length + 10];
        System.arraycopy(SENDER_REPORT_BYTES, 0, buffer, 3, SENDER_REPORT_BYTES.length);
        assertEquals(List.of(SENDER_REPORT),
                RtcpReader.parse(buffer, 3, SENDER_REPORT_BYTES.length).senderReports());
    }

    @Test
    void badVersionInAnyPartRefusesTheCompound() {
        assertMalformed(Malformation.BAD_VERSION, with(SENDER_REPORT_BYTES, 0, 0x41));
        assertMalformed(Malformation.BAD_VERSION, with(SENDER_REPORT_BYTES, 52, 0xC1));
        assertMalformed(Malformation.BAD_VERSION, bytes(0x00, 0x00, 0x00, 0x00));
    }

    @Test
    void lengthReachingBeyondTheDatagramRefusesIt() {
        assertMalformed(Malformation.LENGTH_BEYOND_DATAGRAM,
                Arrays.copyOf(SENDER_REPORT_BYTES, SENDER_REPORT_BYTES.length - 4));
        assertMalformed(Malformation.LENGTH_BEYOND_DATAGRAM, with(SENDER_REPORT_BYTES, 3, 0x12));
    }

    @Test
    void lengthsThatDoNotAddUpToTheDatagramRefuseIt() {
        assertMalformed(Malformation.TRUNCATED_HEADER,
                Arrays.copyOf(SENDER_REPORT_BYTES, SENDER_REPORT_BYTES.length + 2));
        assertMalformed(Malformation.TOO_SHORT, new byte[0]);
        assertMalformed(Malformation.TOO_SHORT, bytes(0x80, 0xC9, 0x00));
    }

    @Test
    void firstPartOtherThanSenderOrReceiverReportRefusesTheCompound() {
        assertMalformed(Malformation.FIRST_NOT_REPORT, Arrays.copyOfRange(SENDER_REPORT_BYTES, 52, 72));
        assertMalformed(Malformation.FIRST_NOT_REPORT, Arrays.copyOfRange(BYE_BYTES, 28, BYE_BYTES.length));
        assertMalformed(Malformation.FIRST_NOT_REPORT, Arrays.copyOfRange(MIXED_BYTES, 8, MIXED_BYTES.length));
    }

    @Test
    void paddingOnAPartOtherThanTheLastRefusesTheCompound() {
        assertMalformed(Malformation.PADDING_NOT_LAST, with(BYE_BYTES, 0, 0xA0));
        assertMalformed(Malformation.PADDING_NOT_LAST, with(BYE_BYTES, 8, 0xA1));
    }

    @Test
    void paddingCountOfZeroOrBeyondThePartRefusesTheCompound() {
        byte[] padded = MIXED_BYTES;
        assertMalformed(Malformation.BAD_PADDING, with(padded, padded.length - 1, 0));
        assertMalformed(Malformation.BAD_PADDING, with(padded, padded.length - 1, 13));
    }

    @Test
    void reportBlocksBeyondTheLengthRefuseTheCompound() {
        assertMalformed(Malformation.REPORT_OVERRUN, with(SENDER_REPORT_BYTES, 0, 0x82));
        assertMalformed(Malformation.REPORT_OVERRUN, with(RECEIVER_REPORT_BYTES, 0, 0x83));
    }

    @Test
    void sdesItemsOrChunksBeyondThePartRefuseTheCompound() {
        assertMalformed(Malformation.SDES_OVERRUN, with(SENDER_REPORT_BYTES, 61, 0x20));
        assertMalformed(Malformation.SDES_OVERRUN, with(SENDER_REPORT_BYTES, 52, 0x82));
        byte[] withoutNullItem = bytes(
                0x80, 0xC9, 0x00, 0x01, 0xCA, 0xFE, 0xBA, 0xBE,
                0x81, 0xCA, 0x00, 0x04, 0xCA, 0xFE, 0xBA, 0xBE, 0x01, 0x0A, "me@1.2.3.4");
        assertMalformed(Malformation.SDES_OVERRUN, withoutNullItem);
    }

    @Test
    void noteLongerThanItsPartRefusesTheCompound() {
        assertMalformed(Malformation.SDES_OVERRUN, with(SENDER_REPORT_WITH_NOTE_BYTES, 72, 0x08));
        assertMalformed(Malformation.SDES_OVERRUN, with(SENDER_REPORT_WITH_NOTE_BYTES, 72, 0xFF));
    }

    @Test
    void byeSourcesOrReasonBeyondThePartRefuseTheCompound() {
        assertMalformed(Malformation.BYE_OVERRUN, with(BYE_BYTES, 36, 0x10));
        assertMalformed(Malformation.BYE_OVERRUN, with(BYE_BYTES, 28, 0x89));
    }

    private static RtcpCompound parse(byte[] datagram) throws MalformedRtcpException {
        return RtcpReader.parse(datagram, 0, datagram.length);
    }

    private static void assertMalformed(Malformation expected, byte[] datagram) {
        MalformedRtcpException refused = assertThrows(MalformedRtcpException.class, () -> parse(datagram));
        assertEquals(expected, refused.reason());
    }

    private static byte[] with(byte[] datagram, int index, int octet) {
        byte[] copy = datagram.clone();
        copy[index] = (byte) octet;
        return copy;
    }
}
