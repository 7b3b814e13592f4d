package org.liveaudio.transport.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtpHeaderTest {
    private final RtpPacketView packet = new RtpPacketView();

    @Test
    void encodedHeaderParsesBackWithPayloadBounds() {
        byte[] datagram = new byte[RtpHeader.FIXED_LENGTH + 4];
        assertEquals(12, RtpHeader.encode(datagram, 0, 96, false, 4711, 123_456_789L, 0xCAFEBABEL));
        datagram[12] = 1;
        datagram[15] = 4;

        assertEquals(ParseResult.OK, RtpHeader.parse(datagram, 0, datagram.length, packet));
        assertEquals(96, packet.payloadType());
        assertFalse(packet.marker());
        assertEquals(4711, packet.sequence());
        assertEquals(123_456_789L, packet.timestamp());
        assertEquals(0xCAFEBABEL, packet.ssrc());
        assertSame(datagram, packet.buffer());
        assertEquals(12, packet.payloadOffset());
        assertEquals(4, packet.payloadLength());
    }

    @Test
    void largestFieldValuesSurviveTheRoundTrip() {
        byte[] datagram = new byte[RtpHeader.FIXED_LENGTH];
        RtpHeader.encode(datagram, 0, 127, true, 65_535, 0xFFFF_FFFFL, 0xFFFF_FFFFL);

        assertEquals(ParseResult.OK, RtpHeader.parse(datagram, 0, datagram.length, packet));
        assertEquals(127, packet.payloadType());
        assertTrue(packet.marker());
        assertEquals(65_535, packet.sequence());
        assertEquals(0xFFFF_FFFFL, packet.timestamp());
        assertEquals(0xFFFF_FFFFL, packet.ssrc());
        assertEquals(0, packet.payloadLength());
    }

    @Test
    void sequenceAndTimestampAreTakenModuloTheirWidth() {
        byte[] datagram = new byte[RtpHeader.FIXED_LENGTH];
        RtpHeader.encode(datagram, 0, 0, false, 65_536 + 7, (1L << 32) + 9, (1L << 32) + 11);

        RtpHeader.parse(datagram, 0, datagram.length, packet);
        assertEquals(7, packet.sequence());
        assertEquals(9, packet.timestamp());
        assertEquals(11, packet.ssrc());
    }

    @Test
    void encodeWritesTheWireBytesOfRfc3550() {
        byte[] datagram = new byte[14];
        RtpHeader.encode(datagram, 2, 11, true, 0x1234, 0x89AB_CDEFL, 0x0102_0304L);

        assertArrayEquals(bytes(0, 0, 0x80, 0x8B, 0x12, 0x34, 0x89, 0xAB, 0xCD, 0xEF, 1, 2, 3, 4), datagram);
    }

    @Test
    void payloadTypeOutsideSevenBitsIsRefused() {
        byte[] datagram = new byte[RtpHeader.FIXED_LENGTH];
        assertThrows(IllegalArgumentException.class, () -> RtpHeader.encode(datagram, 0, 128, false, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> RtpHeader.encode(datagram, 0, -1, false, 0, 0, 0));
    }

    @Test
    void csrcListIsSkippedToReachThePayload() {
        byte[] datagram = bytes(0x82, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3,
                0xAA, 0xAA, 0xAA, 0xAA, 0xBB, 0xBB, 0xBB, 0xBB,
                7, 8, 9);

        assertEquals(ParseResult.OK, RtpHeader.parse(datagram, 0, datagram.length, packet));
        assertEquals(20, packet.payloadOffset());
        assertEquals(3, packet.payloadLength());
        assertEquals(1, packet.sequence());
        assertEquals(3, packet.ssrc());
    }

    @Test
    void headerExtensionIsSkippedByItsLengthInWords() {
        byte[] datagram = bytes(0x90, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3,
                0xBE, 0xDE, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8,
                7, 8, 9);

        assertEquals(ParseResult.OK, RtpHeader.parse(datagram, 0, datagram.length, packet));
        assertEquals(24, packet.payloadOffset());
        assertEquals(3, packet.payloadLength());
    }

    @Test
    void paddingCountedByTheLastByteIsLeftOutOfThePayload() {
        byte[] datagram = bytes(0xA0, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3,
                7, 8, 9, 0, 0, 3);

        assertEquals(ParseResult.OK, RtpHeader.parse(datagram, 0, datagram.length, packet));
        assertEquals(12, packet.payloadOffset());
        assertEquals(3, packet.payloadLength());
    }

    @Test
    void csrcsExtensionAndPaddingTogetherLeaveOnlyThePayload() {
        byte[] datagram = bytes(0xB1, 0xE0, 0xFF, 0xFF, 0, 0, 0, 2, 0, 0, 0, 3,
                0xAA, 0xAA, 0xAA, 0xAA,
                0x10, 0x00, 0, 1, 1, 2, 3, 4,
                7, 8, 0, 0, 4);

        assertEquals(ParseResult.OK, RtpHeader.parse(datagram, 0, datagram.length, packet));
        assertEquals(96, packet.payloadType());
        assertTrue(packet.marker());
        assertEquals(65_535, packet.sequence());
        assertEquals(24, packet.payloadOffset());
        assertEquals(1, packet.payloadLength());
        assertEquals(7, packet.buffer()[packet.payloadOffset()]);
    }

    @Test
    void paddingThatIsAllThePayloadLeavesAnEmptyPayload() {
        byte[] datagram = bytes(0xA0, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4);

        assertEquals(ParseResult.OK, RtpHeader.parse(datagram, 0, datagram.length, packet));
        assertEquals(0, packet.payloadLength());
    }

    @Test
    void datagramAtAnOffsetParsesRelativeToIt() {
        byte[] buffer = new byte[40];
        RtpHeader.encode(buffer, 10, 8, false, 99, 1, 2);

        assertEquals(ParseResult.OK, RtpHeader.parse(buffer, 10, 15, packet));
        assertEquals(99, packet.sequence());
        assertEquals(22, packet.payloadOffset());
        assertEquals(3, packet.payloadLength());
    }

    @Test
    void malformedDatagramsAreRefusedWithTheirReason() {
        assertRefused(ParseResult.TOO_SHORT, bytes(0x80, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0));
        assertRefused(ParseResult.TOO_SHORT, new byte[0]);
        assertRefused(ParseResult.BAD_VERSION, bytes(0x40, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 7));
        assertRefused(ParseResult.BAD_VERSION, bytes(0xC0, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 7));
        assertRefused(ParseResult.BAD_VERSION, bytes(0x00, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 7));
        assertRefused(ParseResult.CSRC_OVERRUN, bytes(0x82, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0xAA, 0xAA, 0xAA, 0xAA));
        assertRefused(ParseResult.CSRC_OVERRUN, bytes(0x8F, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3));
        assertRefused(ParseResult.EXTENSION_OVERRUN, bytes(0x90, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0xBE, 0xDE));
        assertRefused(ParseResult.EXTENSION_OVERRUN,
                bytes(0x90, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0xBE, 0xDE, 0, 2, 1, 2, 3, 4, 5, 6, 7));
        assertRefused(ParseResult.EXTENSION_OVERRUN,
                bytes(0x90, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0xBE, 0xDE, 0xFF, 0xFF, 1, 2, 3, 4));
        assertRefused(ParseResult.BAD_PADDING, bytes(0xA0, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 7, 8, 0));
        assertRefused(ParseResult.BAD_PADDING, bytes(0xA0, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 7, 8, 4));
        assertRefused(ParseResult.BAD_PADDING, bytes(0xA0, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 7, 8, 0xFF));
        assertRefused(ParseResult.BAD_PADDING, bytes(0xA0, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3));
        assertRefused(ParseResult.BAD_PADDING, bytes(0xA1, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 5));
    }

    @Test
    void refusedDatagramLeavesThePreviousPacketUntouched() {
        byte[] good = new byte[RtpHeader.FIXED_LENGTH];
        RtpHeader.encode(good, 0, 96, false, 5, 6, 7);
        RtpHeader.parse(good, 0, good.length, packet);

        byte[] bad = bytes(0x40, 97, 0, 9, 0, 0, 0, 9, 0, 0, 0, 9);
        assertEquals(ParseResult.BAD_VERSION, RtpHeader.parse(bad, 0, bad.length, packet));
        assertSame(good, packet.buffer());
        assertEquals(5, packet.sequence());
    }

    private void assertRefused(ParseResult expected, byte[] datagram) {
        assertEquals(expected, RtpHeader.parse(datagram, 0, datagram.length, packet), Arrays.toString(datagram));
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
