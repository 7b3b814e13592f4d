package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.testing.FakeL16Codec;

/** One frame's encoder and buffers, and whether they still suit the configuration. */
class FrameEncodingTest {
    private static final AudioFormat STEREO_48K = new AudioFormat(48_000, 2);

    private final FakeL16Codec codec = new FakeL16Codec();

    @Test
    void anEncodingIsForTheCodecFormatFrameLengthAndConfigurationItWasMadeWith() throws Exception {
        Map<String, Object> configuration = Map.of("codec", "L16");
        FrameEncoding encoding = FrameEncoding.create(codec, STEREO_48K, 5_000, configuration);

        assertTrue(encoding.isFor(codec, STEREO_48K, 5_000, Map.of("codec", "L16")));
        assertFalse(encoding.isFor(new FakeL16Codec(), STEREO_48K, 5_000, configuration));
        assertFalse(encoding.isFor(codec, new AudioFormat(48_000, 1), 5_000, configuration));
        assertFalse(encoding.isFor(codec, STEREO_48K, 2_500, configuration));
        assertFalse(encoding.isFor(codec, STEREO_48K, 5_000, Map.of("codec", "L16", "bitrate", "64")));
    }

    @Test
    void theSdpParametersAreTheCodecsForThisFormatAndConfiguration() throws Exception {
        codec.formatParameters = "useinbandfec=1";

        assertEquals("useinbandfec=1", FrameEncoding.create(codec, STEREO_48K, 5_000, Map.of()).sdpFormatParameters());
    }

    @Test
    void framesOfNoSamplesHaveNoTicksWhateverTheCodecClaims() {
        ForwardingCodec anything = new ForwardingCodec(codec) {
            @Override
            public boolean supports(AudioFormat format, int samplesPerFrame) {
                return true;
            }
        };

        assertEquals(-1, FrameEncoding.ticksPerFrame(anything, STEREO_48K, 0));
        assertEquals(240, FrameEncoding.ticksPerFrame(anything, STEREO_48K, 240));
    }

    @Test
    void aFrameTheCodecCannotCarryHasNoEncoding() throws Exception {
        assertNull(FrameEncoding.create(codec, STEREO_48K, 40_000, Map.of()), "1920 samples exceed a packet");
    }
}
