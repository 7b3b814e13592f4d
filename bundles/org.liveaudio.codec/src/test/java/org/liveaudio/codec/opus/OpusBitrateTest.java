package org.liveaudio.codec.opus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Constrained VBR keeps its promise over a minute: what a Wi-Fi network must carry is the configured rate. */
class OpusBitrateTest {
    private static final int FRAME = 480;

    @Test
    void sixtySecondsOfMusicAverageTheConfiguredRateWithinFivePercent() throws Exception {
        int seconds = 60;
        byte[][] payloads = Frames.encode(new OpusCodec(), FRAME, Map.of("bitrate", "128"),
                Signals.musicLike(48_000 * seconds, 5));

        long bytes = 0;
        for (byte[] payload : payloads) {
            bytes += payload.length;
        }
        double bitsPerSecond = bytes * 8.0 / seconds;

        assertTrue(Math.abs(bitsPerSecond - 128_000) < 0.05 * 128_000, "payload rate " + bitsPerSecond + " bit/s");
    }
}
