package org.liveaudio.codec.opus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.audio.AudioFormat;

class OpusCodecTest {
    private static final AudioFormat STEREO = Frames.STEREO;
    private static final AudioFormat MONO = new AudioFormat(48_000, 1);

    private final OpusCodec codec = new OpusCodec();

    /**
     * Opus is not bit-exact, so the round trip is judged by correlation with the input once the codec's
     * algorithmic delay is found and taken out; 0.99 is far above what a wrong delay, a swapped channel or
     * noise would give, and below what Opus gives for two clean sines at 128 kbit/s (0.9987 at 2.5 ms).
     */
    @ParameterizedTest(name = "{0} samples a frame")
    @ValueSource(ints = {120, 240, 480, 960, 1920, 2880})
    void roundTripAtEveryFrameLengthCorrelatesWithTheInput(int samplesPerFrame) throws Exception {
        short[] input = Signals.twoSines(48_000);

        byte[][] payloads = Frames.encode(codec, samplesPerFrame, Map.of(), input);
        for (byte[] payload : payloads) {
            assertEquals(samplesPerFrame, codec.samplesIn(STEREO, payload, 0, payload.length));
        }
        short[] output = Frames.decode(codec, samplesPerFrame, payloads, false);

        int delay = Signals.delay(input, output, 1000);
        double correlation = Signals.correlation(input, output, delay, 4_800, output.length / 2 - delay);
        assertTrue(delay > 0 && delay < 1000, "delay " + delay);
        assertTrue(correlation > 0.99, "correlation " + correlation + " at delay " + delay);
    }

    @Test
    void clockIsAlways48kAndOnlyOpusFrameLengthsAreSupported() {
        assertEquals("opus", codec.name());
        assertEquals(48_000, codec.clockRate(MONO));
        assertTrue(codec.supports(STEREO, 480));
        assertTrue(codec.supports(MONO, 2880));
        assertFalse(codec.supports(STEREO, 360), "7.5 ms is no Opus frame");
        assertFalse(codec.supports(new AudioFormat(44_100, 2), 441));
        assertFalse(codec.supports(new AudioFormat(24_000, 2), 240), "decoding below 48 kHz would skew the clock");
        assertFalse(codec.supports(new AudioFormat(48_000, 3), 480));
        assertTrue(codec.supportedFormats().contains("2.5, 5, 10, 20, 40 or 60 ms"), codec.supportedFormats());
    }

    @Test
    void unsupportedFrameIsRefusedWithWhatIsAllowed() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> codec.newDecoder(new AudioFormat(44_100, 2), 441));

        assertTrue(refused.getMessage().contains("48000 Hz"), refused.getMessage());
    }

    @Test
    void defaultsAreTenMillisAndTheDefaultBitrate() {
        assertEquals(10_000, codec.defaultFrameMicros());
        assertEquals(128_000, codec.nominalBitsPerSecond(STEREO));
        assertEquals(64_000, codec.nominalBitsPerSecond(MONO));
        assertTrue(codec.maxPayloadBytes(STEREO, 2880) <= 1460, "one unfragmented packet");
    }

    @Test
    void sdpParametersOfTheDefaultStereoStream() {
        assertEquals("maxaveragebitrate=128000; stereo=1; sprop-stereo=1", codec.sdpFormatParameters(STEREO, Map.of()));
    }

    @Test
    void sdpParametersNameFecDtxAndTheConfiguredRate() {
        assertEquals("maxaveragebitrate=96000; stereo=1; sprop-stereo=1; useinbandfec=1; usedtx=1",
                codec.sdpFormatParameters(STEREO, Map.of("bitrate", "96", "inbandFec", "true", "dtx", true)));
    }

    @Test
    void sdpParametersOfMonoClaimNoStereoAndNeverCbr() {
        String mono = codec.sdpFormatParameters(MONO, Map.of("vbr", "true"));

        assertEquals("maxaveragebitrate=64000", mono);
        assertFalse(codec.sdpFormatParameters(STEREO, Map.of("vbr", "false")).contains("cbr"));
    }

    @Test
    void badValuesAreRefusedNamingKeyValueAndWhatIsAllowed() {
        assertRefused(Map.of("bitrate", "5"), "bitrate", "5", "6..510 (kbit/s)");
        assertRefused(Map.of("bitrate", "abc"), "bitrate", "abc", "a whole number in 6..510 (kbit/s)");
        assertRefused(Map.of("complexity", "11"), "complexity", "11", "0..10");
        assertRefused(Map.of("application", "music"), "application", "music", "one of audio, lowdelay");
        assertRefused(Map.of("expectedLossPercent", "101"), "expectedLossPercent", "101", "0..100");
        assertRefused(Map.of("vbr", "maybe"), "vbr", "maybe", "true or false");
    }

    @Test
    void fecIsRefusedWhereOpusWouldSilentlySendNone() {
        assertRefused(Map.of("inbandFec", "true", "application", "lowdelay"), "inbandFec", "true", "lowdelay");
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> codec.newEncoder(STEREO, 240, Map.of("inbandFec", "true")));
        assertTrue(refused.allowed().contains("under 10 ms"), refused.getMessage());
    }

    @Test
    void everyKeyAcceptsItsRange() throws Exception {
        byte[][] payloads = Frames.encode(codec, 960, Map.of("bitrate", 6, "vbr", "true", "complexity", "0",
                "application", "LowDelay", "expectedLossPercent", "100", "dtx", "true"), Signals.twoSines(9_600));

        assertEquals(10, payloads.length);
    }

    private void assertRefused(Map<String, ?> configuration, String key, String value, String allowed) {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> codec.newEncoder(STEREO, 480, configuration));
        assertEquals(key, refused.key());
        assertEquals(value, refused.value());
        assertTrue(refused.allowed().contains(allowed), refused.getMessage());
    }
}
