package org.liveaudio.source.generated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liveaudio.api.testing.LongAssertions.assertWithin;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.api.audio.SourceSettings;

class ToneSourceTest {
    private static final AudioFormat STEREO_48K = new AudioFormat(48_000, 2);

    private final ToneSource source = new ToneSource();

    private short[] read(double hz, long start, int samples) throws IOException {
        short[] pcm = new short[samples * 2];
        try (AudioInput input = source.open(new SourceSettings(null, false, hz), STEREO_48K, start)) {
            assertEquals(samples, input.read(pcm, samples));
        }
        return pcm;
    }

    @Test
    void playsTheConfiguredFrequency() throws IOException {
        short[] second = read(440, 0, 48_000);

        int rising = 0;
        for (int i = 2; i < second.length; i += 2) {
            if (second[i - 2] < 0 && second[i] >= 0) {
                rising++;
            }
        }
        assertTrue(Math.abs(rising - 440) <= 1, rising + " rising zero crossings in one second");
    }

    @Test
    void allChannelsCarryTheToneAtMinus12dBFS() throws IOException {
        short[] pcm = read(1000, 0, 4800);

        int peak = 0;
        for (int i = 0; i < pcm.length; i += 2) {
            assertEquals(pcm[i], pcm[i + 1]);
            peak = Math.max(peak, Math.abs(pcm[i]));
        }
        assertWithin(Math.round(Short.MAX_VALUE * Math.pow(10, -12 / 20.0)), peak, 2, "peak of a -12 dBFS tone");
    }

    @Test
    void phaseContinuesAcrossAReopen() throws IOException {
        short[] whole = read(997.3, 10_000_000, 1000);
        short[] first = read(997.3, 10_000_000, 400);
        short[] rest = read(997.3, 10_000_400, 600);

        short[] joined = Arrays.copyOf(first, 2000);
        System.arraycopy(rest, 0, joined, 800, 1200);
        assertArrayEquals(whole, joined);
    }

    @Test
    void frequencyAboveNyquistIsRefused() {
        IOException refused = assertThrows(IOException.class, () -> read(30_000, 0, 1));

        assertTrue(refused.getMessage().contains("24000"), refused.getMessage());
    }

    @Test
    void describesTheFrequency() throws IOException {
        try (AudioInput input = source.open(new SourceSettings(null, false, 440), STEREO_48K, 0)) {
            assertEquals("tone 440 Hz", input.description());
        }
    }
}
