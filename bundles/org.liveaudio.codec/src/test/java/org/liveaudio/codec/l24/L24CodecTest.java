package org.liveaudio.codec.l24;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;

class L24CodecTest {
    private static final AudioFormat STEREO_48K = new AudioFormat(48_000, 2);
    private static final int ONE_MS = 48;

    private final L24Codec codec = new L24Codec();

    @Test
    void valuesAreWrittenAsThreeBigEndianBytesWithAZeroLowByte() {
        byte[] out = new byte[8];

        int length = codec.newEncoder(STEREO_48K, 1, Map.of()).encode(new short[] {0x1234, -2}, 1, out, 1);

        assertEquals(6, length);
        assertArrayEquals(new byte[] {0, 0x12, 0x34, 0, (byte) 0xFF, (byte) 0xFE, 0, 0}, out);
    }

    @Test
    void aListenerKeepsTheUpperSixteenBitsOfEachValue() {
        short[] pcm = new short[2];

        int samples = codec.newDecoder(STEREO_48K, 1).decode(new byte[] {0x12, 0x34, 0x56, (byte) 0x80, 0, 0x7F},
                0, 6, pcm);

        assertEquals(1, samples);
        assertArrayEquals(new short[] {0x1234, (short) 0x8000}, pcm);
    }

    @Test
    void sixteenBitAudioRoundTripsBitExact() {
        Random random = new Random(24);
        short[] pcm = new short[ONE_MS * 2];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) random.nextInt();
        }
        byte[] payload = new byte[codec.maxPayloadBytes(STEREO_48K, ONE_MS)];
        short[] decoded = new short[pcm.length];

        int length = codec.newEncoder(STEREO_48K, ONE_MS, Map.of()).encode(pcm, ONE_MS, payload, 0);

        assertEquals(ONE_MS * 6, length);
        assertEquals(ONE_MS, codec.newDecoder(STEREO_48K, ONE_MS).decode(payload, 0, length, decoded));
        assertArrayEquals(pcm, decoded);
    }

    @Test
    void samplesAreThreeBytesPerChannelAndTheClockIsTheSampleRate() {
        assertEquals(48, codec.samplesIn(STEREO_48K, new byte[288], 0, 288));
        assertEquals(-1, codec.samplesIn(STEREO_48K, new byte[290], 0, 290));
        assertEquals(48_000, codec.clockRate(STEREO_48K));
        assertEquals(2_304_000, codec.nominalBitsPerSecond(STEREO_48K));
        assertEquals(1_000, codec.defaultFrameMicros());
        assertEquals("L24", codec.name());
    }

    @Test
    void framesUpToOneUnfragmentedPacketAreSupported() {
        assertTrue(codec.supports(STEREO_48K, 243), "243 stereo samples are 1458 bytes");
        assertFalse(codec.supports(STEREO_48K, 244));
        assertTrue(codec.supportedFormats().contains("x 3 bytes <= 1460"), codec.supportedFormats());
    }
}
