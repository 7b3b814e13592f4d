package org.liveaudio.sink.wav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.api.audio.SinkSettings;
import org.liveaudio.api.testing.RecordingLogger;

class WavFileSinkTest {
    private static final AudioFormat STEREO_48K = new AudioFormat(48_000, 2);
    private static final int FRAME = 240;

    @TempDir
    Path dir;

    private final RecordingLogger log = new RecordingLogger();

    private AudioOutput open(Path file, AudioFormat format, boolean append) throws IOException {
        return WavFileOutput.open(file, format, append, log.logger());
    }

    @Test
    void aFileBeingRecordedIsRefusedToASecondWriterUntouchedAndFreeOnceClosed() throws Exception {
        Path file = dir.resolve("rec.wav");
        short[] pcm = random(FRAME * 2 * 10, 7);
        AudioOutput first = open(file, STEREO_48K, false);
        writeFrames(first, pcm, 2);

        IOException refused = assertThrows(IOException.class, () -> open(file, STEREO_48K, false));
        assertTrue(refused.getMessage().contains("is being recorded by another listener or process"),
                refused.getMessage());
        first.close();
        assertArrayEquals(pcm, readBack(file, STEREO_48K), "the second writer truncated nothing");

        open(file, STEREO_48K, true).close();
    }

    @Test
    void aFileAnotherProcessRecordsIsRefused() throws Exception {
        Path file = dir.resolve("other.wav");
        Path locker = dir.resolve("Locker.java");
        Files.writeString(locker, "import java.io.RandomAccessFile;\n"
                + "public class Locker { public static void main(String[] a) throws Exception {\n"
                + "  try (RandomAccessFile f = new RandomAccessFile(a[0], \"rw\")) {\n"
                + "    f.getChannel().lock(); System.out.println(\"locked\"); System.out.flush();\n"
                + "    System.in.read(); } } }\n");
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(javaCommand, locker.toString(), file.toString()).redirectErrorStream(true)
                .start();
        try {
            byte[] said = other.getInputStream().readNBytes("locked".length());
            assertEquals("locked", new String(said, StandardCharsets.US_ASCII));

            IOException refused = assertThrows(IOException.class, () -> open(file, STEREO_48K, false));
            assertTrue(refused.getMessage().contains("is being recorded by another listener or process"),
                    refused.getMessage());
        } finally {
            other.getOutputStream().close();
            other.waitFor();
        }
        open(file, STEREO_48K, false).close();
    }

    private static short[] random(int values, long seed) {
        Random random = new Random(seed);
        short[] pcm = new short[values];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) random.nextInt();
        }
        return pcm;
    }

    /** Writes {@code pcm} frame by frame, as a playout thread does. */
    private static void writeFrames(AudioOutput output, short[] pcm, int channels) throws IOException {
        short[] frame = new short[FRAME * channels];
        for (int at = 0; at < pcm.length; at += frame.length) {
            int values = Math.min(frame.length, pcm.length - at);
            System.arraycopy(pcm, at, frame, 0, values);
            output.write(frame, values / channels);
        }
    }

    /** Reads the file back through javax.sound, checking it is the expected format. */
    private static short[] readBack(Path file, AudioFormat format) throws IOException, UnsupportedAudioFileException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            javax.sound.sampled.AudioFormat read = in.getFormat();
            assertEquals(javax.sound.sampled.AudioFormat.Encoding.PCM_SIGNED, read.getEncoding());
            assertEquals(format.sampleRate(), read.getSampleRate());
            assertEquals(format.channels(), read.getChannels());
            assertEquals(16, read.getSampleSizeInBits());
            assertEquals(false, read.isBigEndian());
            byte[] bytes = in.readAllBytes();
            assertEquals(in.getFrameLength() * read.getFrameSize(), bytes.length, "frame length agrees with data");
            short[] pcm = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
            return pcm;
        }
    }

    private static long uint32At(Path file, int offset) throws IOException {
        byte[] header = Arrays.copyOf(Files.readAllBytes(file), 44);
        return ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(offset) & 0xFFFF_FFFFL;
    }

    @Test
    void recordingReadsBackBitExact() throws Exception {
        Path file = dir.resolve("l1.wav");
        short[] pcm = random(10 * FRAME * 2 + 6, 1);

        try (AudioOutput output = open(file, STEREO_48K, false)) {
            writeFrames(output, pcm, 2);
            assertEquals(pcm.length / 2, output.samplesWritten());
        }

        assertArrayEquals(pcm, readBack(file, STEREO_48K));
    }

    @Test
    void theInstantOfAHandOverIsNotWorthASpin() throws Exception {
        try (AudioOutput output = open(dir.resolve("instant.wav"), STEREO_48K, false)) {
            assertFalse(output.handOverInstantMatters());
        }
    }

    @Test
    void headerSizesAreExactAfterClose() throws Exception {
        Path file = dir.resolve("sizes.wav");
        try (AudioOutput output = open(file, new AudioFormat(44_100, 1), false)) {
            writeFrames(output, random(1001, 2), 1);
        }

        assertEquals(44 + 2002, Files.size(file));
        assertEquals(Files.size(file) - 8, uint32At(file, 4), "RIFF size");
        assertEquals(2002, uint32At(file, 40), "data size");
    }

    @Test
    void headerIsPatchedEverySecondSoAKilledProcessLeavesAPlayableFile() throws Exception {
        Path file = dir.resolve("killed.wav");
        short[] pcm = random(250 * FRAME * 2, 3);
        AudioOutput output = open(file, STEREO_48K, false);
        try {
            writeFrames(output, pcm, 2);

            assertEquals(48_000 * 4, uint32At(file, 40), "data size after one second");
            assertEquals(44 + 250 * FRAME * 4, Files.size(file), "all audio is on disk");
            assertArrayEquals(Arrays.copyOf(pcm, 48_000 * 2), readBack(file, STEREO_48K));
        } finally {
            output.close();
        }
    }

    @Test
    void appendContinuesAfterTheRecordedAudio() throws Exception {
        Path file = dir.resolve("append.wav");
        short[] first = random(1000 * 2, 4);
        short[] second = random(500 * 2, 5);
        try (AudioOutput output = open(file, STEREO_48K, false)) {
            writeFrames(output, first, 2);
        }

        try (AudioOutput output = open(file, STEREO_48K, true)) {
            writeFrames(output, second, 2);
            assertEquals(500, output.samplesWritten());
        }

        short[] both = Arrays.copyOf(first, 3000);
        System.arraycopy(second, 0, both, 2000, 1000);
        assertArrayEquals(both, readBack(file, STEREO_48K));
        assertTrue(log.warnings().isEmpty(), log.lines().toString());
    }

    @Test
    void appendKeepsAudioThatAKilledWriterNeverCountedInTheHeader() throws Exception {
        Path file = dir.resolve("stale.wav");
        short[] first = random(1000 * 2, 6);
        short[] second = random(100 * 2, 7);
        try (AudioOutput output = open(file, STEREO_48K, false)) {
            writeFrames(output, first, 2);
        }
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(40);
            raw.writeInt(0);
            raw.setLength(raw.length() + 3);
        }

        try (AudioOutput output = open(file, STEREO_48K, true)) {
            writeFrames(output, second, 2);
        }

        short[] both = Arrays.copyOf(first, 2200);
        System.arraycopy(second, 0, both, 2000, 200);
        assertArrayEquals(both, readBack(file, STEREO_48K));
    }

    @Test
    void appendToAFileOfAnotherFormatStartsANewRecording() throws Exception {
        Path file = dir.resolve("other.wav");
        try (AudioOutput output = open(file, new AudioFormat(44_100, 1), false)) {
            writeFrames(output, random(1000, 8), 1);
        }
        short[] pcm = random(100 * 2, 9);

        try (AudioOutput output = open(file, STEREO_48K, true)) {
            writeFrames(output, pcm, 2);
        }

        assertArrayEquals(pcm, readBack(file, STEREO_48K));
        assertEquals(List.of("WARN wav " + file + ": holds 44100 Hz 1 ch 16-bit, not 48000 Hz stereo 16-bit;"
                + " starting a new recording over it"), log.warnings());
    }

    @Test
    void appendToSomethingThatIsNotAWavStartsANewRecording() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.wav"), "these are not samples");
        short[] pcm = random(10 * 2, 10);

        try (AudioOutput output = open(file, STEREO_48K, true)) {
            writeFrames(output, pcm, 2);
        }

        assertArrayEquals(pcm, readBack(file, STEREO_48K));
    }

    @Test
    void appendToAWavWrittenByJavaSoundContinuesIt() throws Exception {
        Path file = dir.resolve("foreign.wav");
        byte[] data = new byte[400];
        new Random(11).nextBytes(data);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(data),
                new javax.sound.sampled.AudioFormat(48_000, 16, 2, true, false), 100), AudioFileFormat.Type.WAVE,
                file.toFile());

        try (AudioOutput output = open(file, STEREO_48K, true)) {
            writeFrames(output, random(50 * 2, 12), 2);
        }

        assertEquals(150 * 2, readBack(file, STEREO_48K).length);
    }

    @Test
    void withoutAppendAnExistingRecordingIsReplaced() throws Exception {
        Path file = dir.resolve("again.wav");
        try (AudioOutput output = open(file, STEREO_48K, false)) {
            writeFrames(output, random(1000 * 2, 13), 2);
        }
        short[] pcm = random(10 * 2, 14);

        try (AudioOutput output = open(file, STEREO_48K, false)) {
            writeFrames(output, pcm, 2);
        }

        assertArrayEquals(pcm, readBack(file, STEREO_48K));
    }

    @Test
    void missingFoldersAreCreated() throws Exception {
        Path file = dir.resolve("a/b/c.wav");

        try (AudioOutput output = open(file, STEREO_48K, true)) {
            assertEquals("wav " + file.toAbsolutePath(), output.description());
        }

        assertEquals(0, readBack(file, STEREO_48K).length);
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        AudioOutput output = open(dir.resolve("twice.wav"), STEREO_48K, false);

        output.close();
        output.close();
    }

    @Test
    void sinkWithoutAFileRefusesToOpen() {
        IOException refused = assertThrows(IOException.class,
                () -> new WavFileSink().open(new SinkSettings(null, false), STEREO_48K));

        assertTrue(refused.getMessage().contains("needs a file"), refused.getMessage());
    }
}
