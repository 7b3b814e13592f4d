package org.liveaudio.codec.opus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;

/** Packets built by hand from RFC 6716 section 3: TOC byte = configuration << 3 | stereo << 2 | code. */
class OpusPacketTest {
    private static final int CELT_FB_20MS = 31 << 3;
    private static final int CELT_NB_2_5MS = 16 << 3;
    private static final int HYBRID_FB_10MS = 14 << 3;
    private static final int SILK_WB_60MS = 11 << 3;
    private static final int SILK_NB_40MS = 2 << 3;

    private final OpusCodec codec = new OpusCodec();

    @Test
    void codeZeroIsOneFrameOfTheConfiguredLength() {
        assertEquals(960, samples(CELT_FB_20MS, 1, 2, 3));
        assertEquals(120, samples(CELT_NB_2_5MS, 1));
        assertEquals(480, samples(HYBRID_FB_10MS | 4, 9, 9));
        assertEquals(2880, samples(SILK_WB_60MS, 9));
        assertEquals(960, samples(CELT_FB_20MS), "a TOC alone is a zero-length frame (DTX), still 20 ms");
    }

    @Test
    void codeOneIsTwoFramesOfEqualLength() {
        assertEquals(1920, samples(CELT_FB_20MS | 1, 1, 2, 3, 4));
        assertEquals(-1, samples(CELT_FB_20MS | 1, 1, 2, 3), "three bytes cannot split in two equal frames");
    }

    @Test
    void codeTwoIsTwoFramesTheFirstOfGivenLength() {
        assertEquals(240, samples(CELT_NB_2_5MS | 4 | 2, 2, 7, 7, 8));
        assertEquals(960 * 2, samples(CELT_FB_20MS | 2, 0, 5), "first frame empty");
        assertEquals(-1, samples(CELT_FB_20MS | 2, 3, 7, 7), "first frame longer than the packet");
        assertEquals(-1, samples(CELT_FB_20MS | 2, 252), "two-byte length cut off");
        byte[] twoByteLength = new byte[2 + 256 + 1];
        twoByteLength[0] = (byte) (CELT_FB_20MS | 2);
        twoByteLength[1] = (byte) 252;
        twoByteLength[2] = 1;
        assertEquals(1920, codec.samplesIn(Frames.STEREO, twoByteLength, 0, twoByteLength.length), "252 + 4 x 1");
    }

    @Test
    void codeThreeCountsFramesUpTo120Millis() {
        assertEquals(2880, samples(CELT_FB_20MS | 3, 3, 1, 1, 1), "CBR: 3 frames of one byte");
        assertEquals(5760, samples(CELT_NB_2_5MS | 3, 48), "48 empty 2.5 ms frames");
        assertEquals(-1, samples(CELT_FB_20MS | 3, 0), "count zero");
        assertEquals(-1, samples(CELT_FB_20MS | 3, 7), "140 ms");
        assertEquals(-1, samples(SILK_WB_60MS | 3, 3), "180 ms");
        assertEquals(-1, samples(CELT_FB_20MS | 3, 3, 1, 1), "CBR: 2 bytes cannot be 3 equal frames");
        assertEquals(-1, samples(CELT_FB_20MS | 3), "count byte missing");
    }

    @Test
    void codeThreeReadsPaddingAndVariableLengths() {
        assertEquals(1920, samples(CELT_FB_20MS | 3, 0x80 | 2, 2, 7, 7, 8), "VBR: 2 bytes then 1");
        assertEquals(-1, samples(CELT_FB_20MS | 3, 0x80 | 2, 9, 7), "VBR: first frame beyond the packet");
        assertEquals(1920, samples(CELT_FB_20MS | 3, 0x40 | 2, 2, 5, 5, 0, 0), "CBR with 2 bytes of padding");
        assertEquals(-1, samples(CELT_FB_20MS | 3, 0x40 | 2, 9, 5, 5), "padding beyond the packet");
        assertEquals(-1, samples(CELT_FB_20MS | 3, 0x40 | 2, 255), "padding length cut off");
    }

    @Test
    void garbageIsNoOpusPacket() {
        assertEquals(-1, samples(), "empty");
        assertEquals(-1, codec.samplesIn(Frames.STEREO, null, 0, 3));
        assertEquals(-1, codec.samplesIn(Frames.STEREO, new byte[4], 2, 4), "beyond the array");
        assertEquals(-1, codec.samplesIn(Frames.STEREO, new byte[4], -1, 2));
        assertEquals(-1, codec.samplesIn(Frames.STEREO, new byte[1277], 0, 1277), "a frame of 1276 bytes");
    }

    @Test
    void samplesAreReadAtTheOffset() {
        byte[] packet = {99, 99, (byte) CELT_NB_2_5MS, 1};

        assertEquals(120, codec.samplesIn(new AudioFormat(48_000, 1), packet, 2, 2));
    }

    @Test
    void lbrrFlagFollowsTheVadFlagsOfTheFirstFrame() {
        assertTrue(fec(HYBRID_FB_10MS, 0b0100_0000), "mono, one SILK frame: VAD, then LBRR");
        assertFalse(fec(HYBRID_FB_10MS, 0b1011_1111), "VAD set, LBRR clear");
        assertTrue(fec(HYBRID_FB_10MS | 4, 0b0001_0000), "stereo: the side channel's LBRR");
        assertFalse(fec(HYBRID_FB_10MS, 0b0001_0000), "that bit is not a flag in a mono packet");
        assertTrue(fec(SILK_NB_40MS, 0b0010_0000), "two SILK frames: two VAD flags first");
        assertFalse(fec(CELT_FB_20MS, 0xFF), "CELT carries no FEC");
        assertFalse(OpusPacket.carriesFec(new byte[] {(byte) HYBRID_FB_10MS}, 0, 1), "an empty frame");
    }

    @Test
    void readingAPacketAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] packet = {(byte) (CELT_FB_20MS | 3), (byte) (0x80 | 0x40 | 3), 1, 2, 1, 9, 9, 9, 9, 0};
        int sum = 0;
        for (int i = 0; i < 100_000; i++) {
            sum += codec.samplesIn(Frames.STEREO, packet, 0, packet.length);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sum += codec.samplesIn(Frames.STEREO, packet, 0, packet.length);
            sum += OpusPacket.carriesFec(packet, 0, packet.length) ? 1 : 0;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(200_000 * 2880, sum);
        assertTrue(allocated < 10_000, allocated + " bytes for 100000 packets");
    }

    private int samples(int... bytes) {
        byte[] packet = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            packet[i] = (byte) bytes[i];
        }
        return codec.samplesIn(Frames.STEREO, packet, 0, packet.length);
    }

    private static boolean fec(int toc, int firstFrameByte) {
        return OpusPacket.carriesFec(new byte[] {(byte) toc, (byte) firstFrameByte, 0}, 0, 3);
    }
}
