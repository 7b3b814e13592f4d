package org.liveaudio.common.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;

class PcmRingTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    private static final AudioFormat MONO = new AudioFormat(48_000, 1);

    @Test
    void framesOfAFormatNotTakenUpAreDroppedAndOffered() {
        PcmRing ring = new PcmRing(8);
        ring.offer(new short[] {1, 2}, 2, STEREO);

        assertEquals(0, ring.available());
        assertEquals(1, ring.dropped());
        assertEquals(STEREO, ring.offeredFormat());
        ring.adopt(STEREO);
        assertNull(ring.offeredFormat());
    }

    @Test
    void samplesComeOutInOrderAcrossTheWrap() {
        PcmRing ring = new PcmRing(6);
        ring.adopt(STEREO);
        short[] out = new short[4];
        ring.offer(new short[] {1, 2, 3, 4}, 4, STEREO);
        ring.take(out, 4);
        ring.offer(new short[] {5, 6, 7, 8}, 4, STEREO);

        assertEquals(4, ring.available());
        ring.take(out, 4);
        assertArrayEquals(new short[] {5, 6, 7, 8}, out);
        assertEquals(0, ring.dropped());
    }

    @Test
    void aFrameThatDoesNotFitIsDroppedWholeAndWhatWasThereStays() {
        PcmRing ring = new PcmRing(6);
        ring.adopt(STEREO);
        ring.offer(new short[] {1, 2, 3, 4}, 4, STEREO);
        ring.offer(new short[] {5, 6, 7, 8}, 4, STEREO);

        assertEquals(1, ring.dropped());
        short[] out = new short[4];
        ring.take(out, 4);
        assertArrayEquals(new short[] {1, 2, 3, 4}, out);
    }

    @Test
    void takingUpANewFormatDropsWhatTheOldOneLeft() {
        PcmRing ring = new PcmRing(8);
        ring.adopt(STEREO);
        ring.offer(new short[] {1, 2, 3, 4}, 4, STEREO);
        ring.offer(new short[] {9}, 1, MONO);

        assertEquals(MONO, ring.offeredFormat());
        ring.adopt(MONO);
        assertEquals(0, ring.available());
        ring.offer(new short[] {9}, 1, MONO);
        assertEquals(1, ring.available());
    }

    @Test
    void clearingLeavesNothingToTake() {
        PcmRing ring = new PcmRing(8);
        ring.adopt(STEREO);
        ring.offer(new short[] {1, 2}, 2, STEREO);
        ring.clear();
        assertEquals(0, ring.available());
    }
}
