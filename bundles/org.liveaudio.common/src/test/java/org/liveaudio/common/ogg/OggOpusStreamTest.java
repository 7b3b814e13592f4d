package org.liveaudio.common.ogg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OggOpusStreamTest {
    @Test
    void theIdentificationHeaderIsRfc7845sOpusHeadOnTheFirstPageAlone() {
        OggOpusStream stream = new OggOpusStream(48_000, 2, 7);
        int length = stream.identificationPage();
        byte[] page = stream.page();

        assertEquals(OggPages.BEGINNING_OF_STREAM, page[5]);
        assertEquals(0L, little(page).getLong(6), "header pages have granule position 0");
        assertEquals(1, page[26]);
        assertEquals(19, page[27]);
        ByteBuffer head = ByteBuffer.wrap(page, 28, 19).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("OpusHead", new String(page, 28, 8, StandardCharsets.US_ASCII));
        assertEquals(1, head.get(8), "version");
        assertEquals(2, head.get(9), "channels");
        assertEquals(OggOpusStream.PRE_SKIP, head.getShort(10));
        assertEquals(48_000, head.getInt(12), "input sample rate");
        assertEquals(0, head.getShort(16), "output gain");
        assertEquals(0, head.get(18), "mapping family");
        assertEquals(28 + 19, length);
    }

    @Test
    void theCommentHeaderNamesTheVendorAndTheTitle() {
        OggOpusStream stream = new OggOpusStream(48_000, 2, 7);
        stream.identificationPage();
        int length = stream.commentPage("Radio");
        byte[] page = stream.page();
        int body = 27 + page[26];
        ByteBuffer tags = ByteBuffer.wrap(page, body, length - body).slice().order(ByteOrder.LITTLE_ENDIAN);

        assertEquals(OggPages.CONTINUED, page[5]);
        assertEquals("OpusTags", new String(page, body, 8, StandardCharsets.US_ASCII));
        int vendor = tags.getInt(8);
        assertEquals(OggOpusStream.VENDOR, new String(page, body + 12, vendor, StandardCharsets.UTF_8));
        assertEquals(1, tags.getInt(12 + vendor), "one comment");
        int comment = tags.getInt(16 + vendor);
        assertEquals("TITLE=Radio", new String(page, body + 20 + vendor, comment, StandardCharsets.UTF_8));
    }

    @Test
    void audioPagesCountTheGranulePositionIn48kHzSamplesFromZero() {
        OggOpusStream stream = new OggOpusStream(48_000, 1, 7);
        stream.identificationPage();
        stream.commentPage("");
        byte[] packet = {7, 8, 9};

        stream.audioPage(packet, 2, 960);
        assertEquals(960L, little(stream.page()).getLong(6));
        int length = stream.audioPage(packet, 3, 960);
        byte[] page = stream.page();
        assertEquals(1920L, little(page).getLong(6));
        assertEquals(3, little(page).getInt(18), "page sequence after the two headers and one audio page");
        assertEquals(3, page[27], "the packet's length as its lacing value");
        assertEquals(9, page[30], "the packet's last byte");
        assertEquals(31, length);
    }

    @Test
    void aStreamAt24kHzStillCountsItsGranulesAt48kHz() {
        OggOpusStream stream = new OggOpusStream(24_000, 1, 7);
        stream.audioPage(new byte[3], 3, 480);
        assertEquals(960L, little(stream.page()).getLong(6));
    }

    private static ByteBuffer little(byte[] page) {
        return ByteBuffer.wrap(Arrays.copyOf(page, page.length)).order(ByteOrder.LITTLE_ENDIAN);
    }
}
