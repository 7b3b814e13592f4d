package org.liveaudio.common.ogg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OggPagesTest {
    @Test
    void aPageCarriesItsHeaderFieldsLittleEndianAndACrcOverTheWholePage() {
        OggPages pages = new OggPages(0x01020304);
        byte[] packet = {10, 20, 30};
        byte[] out = new byte[OggPages.pageBytes(packet.length)];
        pages.write(out, OggPages.BEGINNING_OF_STREAM, 0, packet, 0, packet.length);
        int length = pages.write(out, OggPages.CONTINUED, 0x1122334455L, packet, 0, packet.length);

        assertEquals(OggPages.HEADER_BYTES + 1 + packet.length, length);
        ByteBuffer page = ByteBuffer.wrap(out, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("OggS", new String(out, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(0, page.get(4));
        assertEquals(OggPages.CONTINUED, page.get(5));
        assertEquals(0x1122334455L, page.getLong(6));
        assertEquals(0x01020304, page.getInt(14));
        assertEquals(1, page.getInt(18), "the second page of the stream");
        assertEquals(1, page.get(26), "one lacing value");
        assertEquals(packet.length, page.get(27));
        assertArrayEquals(packet, Arrays.copyOfRange(out, 28, 28 + packet.length));

        int written = page.getInt(22);
        byte[] zeroed = Arrays.copyOf(out, length);
        Arrays.fill(zeroed, 22, 26, (byte) 0);
        assertEquals(OggCrc.of(zeroed, length), written);
    }

    @Test
    void aPacketOfAMultipleOf255BytesEndsWithAZeroLacingValue() {
        OggPages pages = new OggPages(1);
        byte[] packet = new byte[510];
        byte[] out = new byte[OggPages.pageBytes(packet.length)];
        int length = pages.write(out, OggPages.CONTINUED, 0, packet, 0, packet.length);

        assertEquals(3, out[26]);
        assertEquals((byte) 255, out[27]);
        assertEquals((byte) 255, out[28]);
        assertEquals(0, out[29]);
        assertEquals(OggPages.HEADER_BYTES + 3 + 510, length);
    }

    @Test
    void aPacketOf300BytesTakesOneFullSegmentAndTheRest() {
        OggPages pages = new OggPages(1);
        byte[] out = new byte[OggPages.pageBytes(300)];
        pages.write(out, OggPages.CONTINUED, 0, new byte[300], 0, 300);

        assertEquals(2, out[26]);
        assertEquals((byte) 255, out[27]);
        assertEquals(45, out[28]);
    }

    @Test
    void aPacketTooLargeForOnePageIsRefused() {
        OggPages pages = new OggPages(1);
        byte[] packet = new byte[OggPages.MAX_PACKET_BYTES + 1];
        assertThrows(IllegalArgumentException.class, () -> pages.write(new byte[packet.length * 2], 0, 0, packet,
                0, packet.length));
    }
}
