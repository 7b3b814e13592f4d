package org.liveaudio.source.generated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.api.audio.SourceSettings;

class MelodySourceTest {
    private static final AudioFormat STEREO_48K = new AudioFormat(48_000, 2);
    private static final SourceSettings SETTINGS = new SourceSettings(null, false, 440);
    private static final int CYCLE = (int) new Melody(48_000).samplesPerCycle();

    private final MelodySource source = new MelodySource();

    /** One whole cycle of the tune plus a second into the next, so that the loop point is covered too. */
    private static final short[] CYCLE_AND_A_BIT = read(0, CYCLE + 48_000);

    private static short[] read(long start, int samples) {
        short[] pcm = new short[samples * 2];
        try (AudioInput input = new MelodySource().open(SETTINGS, STEREO_48K, start)) {
            assertEquals(samples, input.read(pcm, samples));
            assertEquals(start + samples, input.position());
        }
        return pcm;
    }

    @Test
    void sidesDiffer() {
        int differing = 0;
        for (int i = 0; i < CYCLE_AND_A_BIT.length; i += 2) {
            if (CYCLE_AND_A_BIT[i] != CYCLE_AND_A_BIT[i + 1]) {
                differing++;
            }
        }
        assertTrue(differing > CYCLE * 0.9, differing + " of " + CYCLE + " samples differ between left and right");
    }

    @Test
    void isClearlyAudible() {
        for (int channel = 0; channel < 2; channel++) {
            double sumOfSquares = 0;
            for (int i = channel; i < CYCLE * 2; i += 2) {
                sumOfSquares += (double) CYCLE_AND_A_BIT[i] * CYCLE_AND_A_BIT[i];
            }
            double rms = Math.sqrt(sumOfSquares / CYCLE) / Short.MAX_VALUE;
            assertTrue(rms > 0.05, "channel " + channel + " RMS " + rms);
        }
    }

    @Test
    void peaksWellBelowFullScale() {
        int peak = 0;
        for (short value : CYCLE_AND_A_BIT) {
            peak = Math.max(peak, Math.abs(value));
        }
        assertTrue(peak < 0.6 * Short.MAX_VALUE, "peak " + peak);
        assertTrue(peak > 0.2 * Short.MAX_VALUE, "peak " + peak);
    }

    /**
     * A click is a step that smooth audio cannot make: the fastest the voices can swing between two samples
     * is about 5 % of full scale, while a note starting or stopping abruptly would jump by its level (20 to 30 %).
     */
    @Test
    void noteBoundariesAndTheLoopPointDoNotClick() {
        int largestStep = 0;
        for (int i = 2; i < CYCLE_AND_A_BIT.length; i++) {
            largestStep = Math.max(largestStep, Math.abs(CYCLE_AND_A_BIT[i] - CYCLE_AND_A_BIT[i - 2]));
        }
        assertTrue(largestStep < 0.08 * Short.MAX_VALUE, "largest step " + largestStep);
        assertTrue(Math.abs(CYCLE_AND_A_BIT[0]) < 10 && Math.abs(CYCLE_AND_A_BIT[1]) < 10,
                "the stream starts from silence");
    }

    @Test
    void playsMoreThanOnePitch() {
        Set<Integer> crossingsPerBeat = new HashSet<>();
        int beat = 28_800;
        for (int start = 0; start + beat < CYCLE; start += beat) {
            int crossings = 0;
            for (int i = start + 1; i < start + beat; i++) {
                if (CYCLE_AND_A_BIT[2 * i - 2] < 0 && CYCLE_AND_A_BIT[2 * i] >= 0) {
                    crossings++;
                }
            }
            crossingsPerBeat.add(crossings / 20);
        }
        assertTrue(crossingsPerBeat.size() > 3, "zero-crossing rates per beat: " + crossingsPerBeat);
    }

    @Test
    void reopeningAtAPositionContinuesExactly() {
        short[] whole = read(0, 1000);
        short[] first = read(0, 400);
        short[] rest = read(400, 600);

        short[] joined = Arrays.copyOf(first, 2000);
        System.arraycopy(rest, 0, joined, 800, 1200);
        assertArrayEquals(whole, joined);
    }

    @Test
    void successiveReadsContinueExactly() {
        short[] pcm = new short[2 * 700];
        try (AudioInput input = source.open(SETTINGS, STEREO_48K, 0)) {
            input.read(pcm, 300);
            short[] second = new short[2 * 400];
            input.read(second, 400);
            System.arraycopy(second, 0, pcm, 600, 800);
        }
        assertArrayEquals(Arrays.copyOf(CYCLE_AND_A_BIT, 1400), pcm);
    }

    @Test
    void loopsEveryEightBars() {
        short[] next = read(CYCLE + 50_000, 1000);

        assertArrayEquals(Arrays.copyOfRange(CYCLE_AND_A_BIT, 100_000, 102_000), next);
    }

    @Test
    void monoCarriesBothSides() {
        short[] mono = new short[48_000];
        try (AudioInput input = source.open(SETTINGS, new AudioFormat(48_000, 1), 0)) {
            input.read(mono, mono.length);
        }
        for (int i = 0; i < mono.length; i += 97) {
            int mix = (CYCLE_AND_A_BIT[2 * i] + CYCLE_AND_A_BIT[2 * i + 1]) / 2;
            assertTrue(Math.abs(mono[i] - mix) <= 1, "sample " + i + ": " + mono[i] + " vs " + mix);
        }
    }
}
