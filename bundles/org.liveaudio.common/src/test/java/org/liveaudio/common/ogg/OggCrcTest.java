package org.liveaudio.common.ogg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OggCrcTest {
    @Test
    void theChecksumOfTheCatalogueCheckStringIsCksumsWithoutItsFinalInversion() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        // CRC-32/CKSUM (same polynomial, no reflection, initial 0) of this string is 0x765e7680 after its final
        // inversion, which Ogg does not do.
        assertEquals(~0x765e7680, OggCrc.of(check, check.length));
    }

    @Test
    void updatingByteByByteGivesTheChecksumOfTheWhole() {
        byte[] bytes = "OggS page".getBytes(StandardCharsets.US_ASCII);
        int crc = 0;
        for (byte b : bytes) {
            crc = OggCrc.update(crc, b);
        }
        assertEquals(OggCrc.of(bytes, bytes.length), crc);
        assertEquals(0, OggCrc.of(bytes, 0));
    }
}
