package org.liveaudio.codec.l16;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioDecoder;
import org.liveaudio.api.audio.AudioEncoder;
import org.liveaudio.api.audio.AudioFormat;

class L16CodecTest {
    private static final AudioFormat STEREO_48K = new AudioFormat(48_000, 2);
    private static final int FIVE_MS = 240;

    private final L16Codec codec = new L16Codec();

    @Test
    void valuesAreWrittenBigEndian() {
        AudioEncoder encoder = codec.newEncoder(STEREO_48K, 2, Map.of());
        byte[] out = new byte[10];

        int length = encoder.encode(new short[] {0x1234, -2, Short.MIN_VALUE, Short.MAX_VALUE}, 2, out, 1);

        assertEquals(8, length);
        assertArrayEquals(new byte[] {0, 0x12, 0x34, (byte) 0xFF, (byte) 0xFE, (byte) 0x80, 0x00, 0x7F, (byte) 0xFF, 0},
                out);
    }

    @Test
    void bigEndianPayloadDecodesToSignedValues() {
        AudioDecoder decoder = codec.newDecoder(STEREO_48K, 1);
        short[] pcm = new short[2];

        int samples = decoder.decode(new byte[] {9, 0x12, 0x34, (byte) 0xFF, (byte) 0xFE}, 1, 4, pcm);

        assertEquals(1, samples);
        assertArrayEquals(new short[] {0x1234, -2}, pcm);
    }

    @Test
    void randomPcmRoundTripsBitExact() {
        Random random = new Random(42);
        short[] pcm = new short[FIVE_MS * 2];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) random.nextInt();
        }
        byte[] payload = new byte[codec.maxPayloadBytes(STEREO_48K, FIVE_MS) + 12];
        short[] decoded = new short[pcm.length];

        int length = codec.newEncoder(STEREO_48K, FIVE_MS, Map.of()).encode(pcm, FIVE_MS, payload, 12);
        int samples = codec.newDecoder(STEREO_48K, FIVE_MS).decode(payload, 12, length, decoded);

        assertEquals(FIVE_MS * 4, length);
        assertEquals(FIVE_MS, samples);
        assertArrayEquals(pcm, decoded);
    }

    @Test
    void payloadThatIsNotWholeSamplesIsMalformed() {
        AudioDecoder decoder = codec.newDecoder(STEREO_48K, FIVE_MS);
        short[] pcm = new short[FIVE_MS * 2];

        assertEquals(-1, decoder.decode(new byte[7], 0, 7, pcm), "odd byte count");
        assertEquals(-1, decoder.decode(new byte[6], 0, 6, pcm), "three values of a stereo stream");
    }

    @Test
    void payloadLargerThanThePcmBufferIsMalformed() {
        AudioDecoder decoder = codec.newDecoder(STEREO_48K, 1);
        short[] pcm = new short[2];

        assertEquals(-1, decoder.decode(new byte[8], 0, 8, pcm));
    }

    @Test
    void lengthBeyondTheArrayIsMalformed() {
        AudioDecoder decoder = codec.newDecoder(STEREO_48K, FIVE_MS);
        short[] pcm = new short[FIVE_MS * 2];

        assertEquals(-1, decoder.decode(new byte[8], 4, 8, pcm));
        assertEquals(-1, decoder.decode(new byte[8], -4, 4, pcm));
        assertEquals(-1, decoder.decode(new byte[8], 0, -4, pcm));
    }

    @Test
    void malformedPayloadLeavesThePcmUntouched() {
        AudioDecoder decoder = codec.newDecoder(STEREO_48K, FIVE_MS);
        short[] pcm = new short[4];
        Arrays.fill(pcm, (short) 7);

        decoder.decode(new byte[] {1, 2, 3, 4, 5, 6}, 0, 6, pcm);

        assertArrayEquals(new short[] {7, 7, 7, 7}, pcm);
    }

    @Test
    void concealmentBeforeAnyFrameIsSilence() {
        short[] pcm = {5, 5, 5, 5, 5, 5};

        codec.newDecoder(STEREO_48K, 2).conceal(pcm, 2);

        assertArrayEquals(new short[] {0, 0, 0, 0, 5, 5}, pcm);
    }

    @Test
    void lostFramesRepeatTheLastOneFadingOutThenSilence() {
        AudioDecoder decoder = codec.newDecoder(STEREO_48K, 2);
        short[] pcm = new short[4];
        decoder.decode(new byte[] {0x03, (byte) 0xE8, (byte) 0xFC, 0x18, 0x03, (byte) 0xE8, (byte) 0xFC, 0x18}, 0, 8,
                pcm);
        assertArrayEquals(new short[] {1000, -1000, 1000, -1000}, pcm);

        decoder.conceal(pcm, 2);
        assertArrayEquals(new short[] {1000, -1000, 750, -750}, pcm, "first lost frame: gain 1 down to 3/4");
        decoder.conceal(pcm, 2);
        assertArrayEquals(new short[] {500, -500, 250, -250}, pcm, "second: on from 1/2 down to 1/4");
        decoder.conceal(pcm, 2);
        assertArrayEquals(new short[] {0, 0, 0, 0}, pcm, "a longer gap is silence");
    }

    @Test
    void aFrameThatArrivesEndsTheFade() {
        AudioDecoder decoder = codec.newDecoder(STEREO_48K, 1);
        short[] pcm = new short[2];
        byte[] payload = {0x10, 0x00, 0x10, 0x00};
        decoder.decode(payload, 0, 4, pcm);
        decoder.conceal(pcm, 1);
        decoder.conceal(pcm, 1);
        decoder.conceal(pcm, 1);

        decoder.decode(payload, 0, 4, pcm);
        decoder.conceal(pcm, 1);

        assertArrayEquals(new short[] {0x1000, 0x1000}, pcm, "the fade starts again at full gain");
    }

    @Test
    void framesUpToOneUnfragmentedPacketAreSupported() {
        assertTrue(codec.supports(STEREO_48K, 360), "7.5 ms of 48 kHz stereo is 1440 bytes");
        assertFalse(codec.supports(STEREO_48K, 366), "1464 bytes would fragment");
        assertTrue(codec.supports(new AudioFormat(48_000, 1), 730));
        assertFalse(codec.supports(STEREO_48K, 0));
        assertFalse(codec.supports(STEREO_48K, Integer.MAX_VALUE));
    }

    @Test
    void unsupportedFrameIsRefusedWithWhatIsAllowed() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> codec.newEncoder(STEREO_48K, 480, Map.of()));

        assertTrue(refused.getMessage().contains("1460"), refused.getMessage());
    }

    @Test
    void clockRunsAtTheSampleRateAndThereAreNoFormatParameters() {
        assertEquals("L16", codec.name());
        assertEquals(44_100, codec.clockRate(new AudioFormat(44_100, 2)));
        assertEquals("", codec.sdpFormatParameters(STEREO_48K, Map.of("bitrate", "128")));
        assertEquals(960, codec.maxPayloadBytes(STEREO_48K, FIVE_MS));
    }

    @Test
    void payloadLengthTellsTheSamplesItHolds() {
        byte[] payload = new byte[1000];

        assertEquals(FIVE_MS, codec.samplesIn(STEREO_48K, payload, 10, 960));
        assertEquals(480, codec.samplesIn(new AudioFormat(48_000, 1), payload, 0, 960));
        assertEquals(-1, codec.samplesIn(STEREO_48K, payload, 0, 6), "one and a half stereo samples");
        assertEquals(-1, codec.samplesIn(STEREO_48K, payload, 0, 0), "an empty payload holds no frame");
    }

    @Test
    void nominalRateIsTheUncompressedRateAndFramesDefaultToFiveMillis() {
        assertEquals(1_536_000, codec.nominalBitsPerSecond(STEREO_48K));
        assertEquals(705_600, codec.nominalBitsPerSecond(new AudioFormat(44_100, 1)));
        assertEquals(5_000, codec.defaultFrameMicros());
        assertEquals(FIVE_MS, STEREO_48K.samplesPerFrame(codec.defaultFrameMicros()));
    }

    @Test
    void unknownConfigurationKeysAreLeftToOthers() {
        AudioEncoder encoder = codec.newEncoder(STEREO_48K, 1, Map.of("bitrate", "abc", "complexity", "11"));

        assertEquals(4, encoder.encode(new short[2], 1, new byte[4], 0));
    }
}
