package org.liveaudio.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liveaudio.source.file.FileInputReading.readContent;
import static org.liveaudio.source.file.FileInputReading.readToEnd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.testing.RecordingLogger;

/**
 * Each format decoded from a committed fixture (see {@code fixtures/make-fixtures.sh}) that holds a known
 * synthetic signal, played into a 48 kHz stereo stream.
 */
class FileFormatsTest {
    private static final AudioFormat STEREO_48K = new AudioFormat(48_000, 2);
    private static final int RATE = 48_000;
    /** Long enough to hold every lag a decoder's delay and the resamplers give (MP3: about 1600 samples). */
    private static final int MAX_LAG = 3000;

    @TempDir
    Path dir;

    private final RecordingLogger log = new RecordingLogger();
    private final List<FileInput> opened = new ArrayList<>();

    @AfterEach
    void closeInputs() {
        opened.forEach(FileInput::close);
    }

    private FileInput open(Path path) {
        FileInput input = FileInput.start(path, false, STEREO_48K, 0, log.logger());
        opened.add(input);
        return input;
    }

    /** Copies a fixture into the test's folder, so that tests may name, break and list files freely. */
    private Path fixture(String name, String as) {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + name)) {
            Path file = dir.resolve(as);
            Files.copy(in, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixtures' signal, s(t) = 0.3 sin(2π 1000 t) + 0.2 sin(2π 300 t), at 48 kHz in 16-bit units. */
    private static double signal(int sample) {
        double t = (double) sample / RATE;
        return 32768 * (0.3 * Math.sin(2 * Math.PI * 1000 * t) + 0.2 * Math.sin(2 * Math.PI * 300 * t));
    }

    /**
     * The best normalised correlation of one channel with {@code sign}·s over a quarter second, across the lags a
     * decoder may add.
     */
    private static double correlation(short[] pcm, int channel, int sign) {
        int from = MAX_LAG;
        int length = RATE / 4;
        double best = -1;
        for (int lag = 0; lag <= MAX_LAG; lag++) {
            double both = 0;
            double decoded = 0;
            double expected = 0;
            for (int i = from; i < from + length; i++) {
                double d = pcm[2 * i + channel];
                double e = sign * signal(i - lag);
                both += d * e;
                decoded += d * d;
                expected += e * e;
            }
            best = Math.max(best, both / Math.sqrt(decoded * expected));
        }
        return best;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "tone.mp3, -1, Live Audio - Mp3 Tone",
            "tone.ogg, 1, Live Audio - Vorbis Tone",
            "tone.opus, -1, Opus Tone",
            "tone.wav, 1, Live Audio - Wav Tone",
            "tone.flac, -1, Live Audio - Flac Tone"})
    void eachFormatPlaysTheSignalItHoldsAndTellsItsTitle(String name, int rightSign, String title) {
        FileInput input = open(fixture(name, name));

        short[] first = readContent(input, 1);
        String playing = input.title();
        short[] pcm = readToEnd(input);

        assertEquals(title, playing);
        assertTrue(first.length == 2 && pcm.length / 2 >= RATE / 2 - 1, name + ": " + pcm.length / 2 + " samples");
        double left = correlation(pcm, 0, 1);
        double right = correlation(pcm, 1, rightSign);
        assertTrue(left > 0.9 && right > 0.9, name + ": correlation left " + left + ", right " + right);
        assertTrue(log.warnings().isEmpty(), log.lines().toString());
    }

    @Test
    void flacIsLossless() {
        short[] pcm = readToEnd(open(fixture("tone.flac", "tone.flac")));

        assertEquals(RATE / 2, pcm.length / 2);
        for (int i = 0; i < RATE / 2; i++) {
            assertEquals(signal(i), pcm[2 * i], 1, "left at " + i);
            assertEquals(-signal(i), pcm[2 * i + 1], 1, "right at " + i);
        }
    }

    @Test
    void opusPlaysExactlyTheEncodedLengthWithoutPreSkipOrPadding() {
        short[] pcm = readToEnd(open(fixture("tone.opus", "tone.opus")));

        assertEquals(RATE / 2, pcm.length / 2);
    }

    @Test
    void fileWithoutTagsIsTitledByItsName() throws IOException {
        FileInput input = open(TestWavs.constant(dir.resolve("Plain Song.wav"), 48_000, 1));

        readContent(input, 1);

        assertEquals("Plain Song", input.title());
    }
}
