package org.liveaudio.source.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liveaudio.source.file.FileInputReading.FRAME;
import static org.liveaudio.source.file.FileInputReading.readContent;
import static org.liveaudio.source.file.FileInputReading.readToEnd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.testing.RecordingLogger;

class FileSourceTest {
    private static final AudioFormat STEREO_48K = new AudioFormat(48_000, 2);

    @TempDir
    Path dir;

    private final RecordingLogger log = new RecordingLogger();
    private final List<FileInput> opened = new ArrayList<>();

    @AfterEach
    void closeInputs() {
        opened.forEach(FileInput::close);
    }

    private FileInput open(Path path, boolean loop, long startSample) {
        FileInput input = FileInput.start(path, loop, STEREO_48K, startSample, log.logger());
        opened.add(input);
        return input;
    }

    private static void awaitDrained(FileInput input) {
        readToEnd(input);
    }

    private static int risingZeroCrossings(short[] pcm, int channel) {
        int rising = 0;
        for (int i = channel + 2; i < pcm.length; i += 2) {
            if (pcm[i - 2] < 0 && pcm[i] >= 0) {
                rising++;
            }
        }
        return rising;
    }

    private static int sine(int sample, double hz, double rate, int amplitude) {
        return (int) Math.round(amplitude * Math.sin(2 * Math.PI * hz * sample / rate));
    }

    @Test
    void eightBitMono22050IsResampledToTheStreamFormat() throws IOException {
        Path file = TestWavs.write(dir.resolve("old.wav"), TestWavs.pcm(22_050, 8, 1), 22_050,
                (s, c) -> sine(s, 1000, 22_050, 100));

        short[] pcm = readToEnd(open(file, false, 0));

        assertEquals(48_000, pcm.length / 2, FRAME, "one second");
        assertEquals(1000, risingZeroCrossings(pcm, 0), 5, "1 kHz");
        for (int i = 0; i < pcm.length; i += 2) {
            assertEquals(pcm[i], pcm[i + 1], "mono plays on both sides");
        }
    }

    @Test
    void twentyFourBitStereo44100IsResampledKeepingTheSides() throws IOException {
        Path file = TestWavs.write(dir.resolve("cd.wav"), TestWavs.pcm(44_100, 24, 2), 44_100,
                (s, c) -> sine(s, c == 0 ? 500 : 1500, 44_100, 3_000_000));

        short[] pcm = readToEnd(open(file, false, 0));

        assertEquals(48_000, pcm.length / 2, FRAME, "one second");
        assertEquals(500, risingZeroCrossings(pcm, 0), 5, "left 500 Hz");
        assertEquals(1500, risingZeroCrossings(pcm, 1), 5, "right 1.5 kHz");
    }

    @Test
    void fileInTheStreamFormatPlaysBitExact() throws IOException {
        short[] values = new short[30_000 * 2];
        Random random = new Random(7);
        for (int i = 0; i < values.length; i++) {
            values[i] = (short) random.nextInt();
        }
        Path file = TestWavs.write(dir.resolve("exact.wav"), TestWavs.pcm(48_000, 16, 2), 30_000,
                (s, c) -> values[2 * s + c]);

        FileInput input = open(file, false, 0);
        short[] pcm = readToEnd(input);

        assertArrayEquals(values, pcm);
        assertEquals(30_000, input.position());
        assertEquals("file exact.wav: ended", input.description());
    }

    @Test
    void folderPlaysItsWavFilesInNameOrder() throws IOException {
        TestWavs.constant(dir.resolve("b.wav"), 1000, 2);
        TestWavs.constant(dir.resolve("a.wav"), 1000, 1);
        TestWavs.constant(dir.resolve("c.WAV"), 1000, 3);
        Files.writeString(dir.resolve("notes.txt"), "not audio");

        short[] pcm = readToEnd(open(dir, false, 0));

        assertEquals(3000 * 2, pcm.length);
        assertEquals(1, pcm[0]);
        assertEquals(2, pcm[2000]);
        assertEquals(3, pcm[5999]);
        assertTrue(log.warnings().isEmpty(), log.lines().toString());
    }

    @Test
    void descriptionNamesTheFileAndItsPlaceInTheList() throws IOException {
        TestWavs.constant(dir.resolve("a.wav"), 48_000, 1);
        TestWavs.constant(dir.resolve("b.wav"), 48_000, 2);

        FileInput input = open(dir, false, 0);
        readContent(input, 1);

        assertEquals("file a.wav (1/2)", input.description());
    }

    @Test
    void corruptFileIsReportedOnceAndSkipped() throws IOException {
        TestWavs.constant(dir.resolve("a.wav"), 500, 1);
        byte[] garbage = new byte[4096];
        new Random(3).nextBytes(garbage);
        Path corrupt = Files.write(dir.resolve("b.wav"), garbage);
        TestWavs.constant(dir.resolve("c.wav"), 500, 3);

        short[] pcm = readContent(open(dir, true, 0), 3000);

        assertEquals(1, pcm[0]);
        assertEquals(3, pcm[1000], "c follows a");
        assertEquals(1, pcm[2000], "the loop starts again at a");
        assertEquals(List.of("WARN file " + corrupt + ": not a WAV file; skipped"), log.warnings());
    }

    @Test
    void missingFileIsReportedAndPlaysSilence() {
        Path missing = dir.resolve("gone.wav");

        FileInput input = open(missing, true, 0);
        awaitDrained(input);
        short[] frame = new short[FRAME * 2];
        Arrays.fill(frame, (short) 9);

        assertEquals(0, input.read(frame, FRAME));
        assertArrayEquals(new short[FRAME * 2], frame);
        assertEquals("file " + missing + ": does not exist", input.description());
        assertEquals(List.of("WARN file " + missing + ": does not exist; playing silence"), log.warnings());
    }

    @Test
    void corruptSingleFileIsReportedOnceAndPlaysSilence() throws IOException {
        Path corrupt = Files.write(dir.resolve("noise.wav"), new byte[] {'R', 'I', 'F', 'F', 0, 1, 2});

        FileInput input = open(corrupt, true, 0);
        awaitDrained(input);

        assertEquals("file " + corrupt + ": not a WAV file", input.description());
        assertEquals(List.of("WARN file " + corrupt + ": not a WAV file; playing silence"), log.warnings());
    }

    @Test
    void fileWithoutSamplesSaysSo() throws IOException {
        Path empty = TestWavs.constant(dir.resolve("empty.wav"), 0, 0);

        FileInput input = open(empty, true, 0);
        awaitDrained(input);

        assertEquals("file " + empty + ": holds no audio", input.description());
    }

    @Test
    void folderWithNothingPlayableSaysSo() throws IOException {
        Files.write(dir.resolve("a.wav"), new byte[] {1, 2, 3});

        FileInput input = open(dir, true, 0);
        awaitDrained(input);

        assertEquals("file " + dir + ": nothing playable (file " + dir.resolve("a.wav") + ": not a WAV file)",
                input.description());
        assertEquals(2, log.warnings().size(), log.warnings().toString());
    }

    @Test
    void singleFileLoops() throws IOException {
        Path file = TestWavs.write(dir.resolve("loop.wav"), TestWavs.pcm(48_000, 16, 2), 1000, (s, c) -> s);

        short[] pcm = readContent(open(file, true, 0), 2500);

        assertEquals(0, pcm[0]);
        assertEquals(999, pcm[1998]);
        assertEquals(0, pcm[2000]);
        assertEquals(499, pcm[4998]);
    }

    @Test
    void startSampleSkipsIntoTheList() throws IOException {
        TestWavs.write(dir.resolve("a.wav"), TestWavs.pcm(48_000, 16, 2), 1000, (s, c) -> s);
        TestWavs.write(dir.resolve("b.wav"), TestWavs.pcm(48_000, 16, 2), 1000, (s, c) -> 1000 + s);

        FileInput input = open(dir, false, 1500);
        short[] pcm = readToEnd(input);

        assertEquals(500 * 2, pcm.length);
        assertEquals(1500, pcm[0]);
        assertEquals(2000, input.position());
    }

    @Test
    void startSampleSkipsIntoAResampledFileAsIfItHadBeenPlayed() throws IOException {
        Path file = TestWavs.write(dir.resolve("old.wav"), TestWavs.pcm(22_050, 16, 1), 22_050,
                (s, c) -> sine(s, 440, 22_050, 10_000));
        short[] whole = readToEnd(open(file, false, 0));

        short[] rest = readToEnd(open(file, false, 10_000));

        assertArrayEquals(Arrays.copyOfRange(whole, 20_000, whole.length), rest);
    }

    @Test
    void startSampleBeyondALoopedListWraps() throws IOException {
        Path file = TestWavs.write(dir.resolve("loop.wav"), TestWavs.pcm(48_000, 16, 2), 1000, (s, c) -> s);

        short[] pcm = readContent(open(file, true, 10_250), 10);

        assertEquals(250, pcm[0]);
        assertEquals(259, pcm[18]);
    }

    @Test
    void startSampleBeyondAnUnloopedListHasEnded() throws IOException {
        Path file = TestWavs.constant(dir.resolve("short.wav"), 1000, 1);

        FileInput input = open(file, false, 5000);

        assertEquals(0, readToEnd(input).length);
        assertEquals("file short.wav: ended", input.description());
    }

    @Test
    void reopeningAtThePositionContinuesExactly() throws IOException {
        Path file = TestWavs.write(dir.resolve("ramp.wav"), TestWavs.pcm(48_000, 16, 2), 5000, (s, c) -> s - c);
        FileInput first = open(file, false, 0);
        short[] before = readContent(first, 1234);
        first.close();

        short[] after = readContent(open(file, false, first.position()), 10);

        assertEquals(1233, before[2 * 1233]);
        assertEquals(1234, after[0]);
        assertEquals(1233, after[1]);
    }

    @Test
    void closeStopsTheReadAheadThread() throws IOException {
        Path file = TestWavs.constant(dir.resolve("long.wav"), 480_000, 1);
        FileInput input = open(file, true, 0);
        readContent(input, 10);

        input.close();

        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(FileInput.THREAD_NAME) && t.isAlive()));
    }
}
