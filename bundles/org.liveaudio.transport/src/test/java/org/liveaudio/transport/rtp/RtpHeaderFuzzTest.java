package org.liveaudio.transport.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Any datagram, at any offset of the receive buffer, is a {@link ParseResult}: never an exception, and when OK a
 * payload that lies within the datagram after the 12-byte header. Parsing the same bytes at offset 0 must give the
 * same answer, so that an offset slip shows.
 */
class RtpHeaderFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void anyDatagramIsAParseResult(FuzzedDataProvider data) {
        int offset = data.consumeInt(0, 16);
        int trailing = data.consumeInt(0, 8);
        byte[] datagram = data.consumeRemainingAsBytes();
        byte[] buffer = new byte[offset + datagram.length + trailing];
        System.arraycopy(datagram, 0, buffer, offset, datagram.length);
        // Bytes after the datagram must not be read: fill them with what would make a bad parse look good.
        Arrays.fill(buffer, offset + datagram.length, buffer.length, (byte) 0xFF);

        RtpPacketView packet = new RtpPacketView();
        ParseResult result = RtpHeader.parse(buffer, offset, datagram.length, packet);
        RtpPacketView alone = new RtpPacketView();
        assertEquals(result, RtpHeader.parse(datagram, 0, datagram.length, alone));
        if (result != ParseResult.OK) {
            return;
        }
        assertTrue(packet.payloadOffset() >= offset + RtpHeader.FIXED_LENGTH, packet::toString);
        assertTrue(packet.payloadLength() >= 0, packet::toString);
        assertTrue(packet.payloadOffset() + packet.payloadLength() <= offset + datagram.length, packet::toString);
        assertEquals(alone.payloadOffset() + offset, packet.payloadOffset());
        assertEquals(alone.payloadLength(), packet.payloadLength());
        assertTrue(packet.payloadType() >= 0 && packet.payloadType() <= RtpHeader.MAX_PAYLOAD_TYPE);
        assertTrue(packet.sequence() >= 0 && packet.sequence() <= 0xFFFF);
        assertTrue(packet.timestamp() >= 0 && packet.timestamp() <= 0xFFFF_FFFFL);
        assertTrue(packet.ssrc() >= 0 && packet.ssrc() <= 0xFFFF_FFFFL);
        assertReencodes(datagram, alone);
    }

    /** The fixed header written back from what was parsed is the datagram's, but for P, X and CC. */
    private static void assertReencodes(byte[] datagram, RtpPacketView packet) {
        byte[] header = new byte[RtpHeader.FIXED_LENGTH];
        RtpHeader.encode(header, 0, packet.payloadType(), packet.marker(), packet.sequence(), packet.timestamp(),
                packet.ssrc());
        header[0] = datagram[0];
        assertEquals(Arrays.toString(Arrays.copyOf(datagram, RtpHeader.FIXED_LENGTH)), Arrays.toString(header));
    }
}
