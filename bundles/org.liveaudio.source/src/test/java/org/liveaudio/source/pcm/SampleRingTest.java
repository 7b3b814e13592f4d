package org.liveaudio.source.pcm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SampleRingTest {
    @Test
    void valuesComeOutInOrderAcrossTheWrap() {
        SampleRing ring = new SampleRing(4);
        short[] out = new short[4];
        ring.putLittleEndian(new byte[] {1, 0, 2, 0, 3, 0}, 0, 3);
        ring.take(out, 2);

        ring.putLittleEndian(new byte[] {4, 0, (byte) 0xFE, (byte) 0xFF, 0x34, 0x12}, 0, 3);

        assertEquals(4, ring.available());
        assertEquals(4, ring.take(out, 4));
        assertArrayEquals(new short[] {3, 4, -2, 0x1234}, out);
    }

    @Test
    void takeGivesOnlyWhatIsThere() {
        SampleRing ring = new SampleRing(8);
        ring.putLittleEndian(new byte[] {5, 0}, 0, 1);
        short[] out = new short[4];

        assertEquals(1, ring.take(out, 4));
        assertEquals(0, ring.take(out, 4));
        assertEquals(8, ring.free());
    }

    @Test
    void putBeyondTheFreeSpaceIsAProgrammingError() {
        SampleRing ring = new SampleRing(2);

        assertThrows(IllegalStateException.class, () -> ring.putLittleEndian(new byte[6], 0, 3));
    }
}
