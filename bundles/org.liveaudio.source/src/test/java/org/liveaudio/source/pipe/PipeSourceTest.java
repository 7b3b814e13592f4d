package org.liveaudio.source.pipe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.api.audio.PipeSettings;
import org.liveaudio.api.audio.SourceSettings;
import org.liveaudio.api.testing.RecordingLogger;

class PipeSourceTest {
    private static final AudioFormat STEREO_48K = new AudioFormat(48_000, 2);
    private static final int FRAME = 240;
    /** Bounds every wait, so that a broken source fails the test instead of hanging it; never a sleep. */
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    @TempDir
    Path dir;

    private final RecordingLogger log = new RecordingLogger();
    private final List<PipeInput> opened = new ArrayList<>();

    @AfterEach
    void closeInputs() {
        opened.forEach(PipeInput::close);
    }

    private PipeInput open(PipeSettings settings, AudioFormat format) {
        PipeInput input = PipeInput.start(settings, format, 0, log.logger());
        opened.add(input);
        return input;
    }

    private Path fifo() throws Exception {
        Path fifo = dir.resolve("fifo");
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
            Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed: cannot test a named pipe here");
        } catch (IOException e) {
            Assumptions.abort("no mkfifo on this machine: cannot test a named pipe here (" + e.getMessage() + ")");
        }
        return fifo;
    }

    private static void waitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + TimeUnit.NANOSECONDS.toSeconds(TIMEOUT_NANOS) + " s: " + what);
            }
            Thread.onSpinWait();
        }
    }

    /** The next {@code samples} samples that come from the writer, read frame by frame as the clock thread does. */
    private static short[] content(AudioInput input, int samples, int channels) {
        short[] frame = new short[FRAME * channels];
        short[] content = new short[samples * channels];
        int[] values = {0};
        waitUntil(samples + " samples from the writer", () -> {
            int got = input.read(frame, Math.min(FRAME, samples - values[0] / channels));
            System.arraycopy(frame, 0, content, values[0], got * channels);
            values[0] += got * channels;
            return values[0] == content.length;
        });
        return content;
    }

    private static byte[] littleEndian(short[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(values);
        return bytes.array();
    }

    private static short[] random(int values, long seed) {
        Random random = new Random(seed);
        short[] pcm = new short[values];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) random.nextInt();
        }
        return pcm;
    }

    /** Opens the fifo as a writer on another thread (opening blocks until the reader is there), writes, closes. */
    private static CompletableFuture<Void> write(Path fifo, short[] pcm) {
        return CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(littleEndian(pcm));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Test
    void fifoPlaysSilenceWhileTheWriterIsGoneAndItsSamplesExactlyWhenItComesBack() throws Exception {
        Path fifo = fifo();
        PipeInput input = open(new PipeSettings(fifo, List.of(), STEREO_48K), STEREO_48K);
        short[] first = random(4800 * 2, 1);
        short[] second = random(4800 * 2, 2);

        write(fifo, first).get(10, TimeUnit.SECONDS);
        assertArrayEquals(first, content(input, 4800, 2));
        waitUntil("the writer reported gone", () -> log.at("info").size() == 2);
        short[] frame = new short[FRAME * 2];
        Arrays.fill(frame, (short) 7);
        int got = input.read(frame, FRAME);

        assertEquals(0, got);
        assertArrayEquals(new short[FRAME * 2], frame, "silence while the writer is gone");
        assertEquals("pipe " + fifo + ": waiting for a writer", input.description());

        write(fifo, second).get(10, TimeUnit.SECONDS);
        assertArrayEquals(second, content(input, 4800, 2));
        waitUntil("the writer reported gone again", () -> log.at("info").size() == 4);
        assertEquals(List.of(
                "pipe " + fifo + ": a writer is here; playing",
                "pipe " + fifo + ": the writer has gone (the last writer closed the pipe); playing silence until it is back",
                "pipe " + fifo + ": a writer is here; playing",
                "pipe " + fifo + ": the writer has gone (the last writer closed the pipe); playing silence until it is back"),
                log.at("info"));
        assertEquals(List.of(), log.warnings());
    }

    @Test
    void fifoInAnotherFormatIsConvertedToTheStreams() throws Exception {
        Path fifo = fifo();
        PipeInput input = open(new PipeSettings(fifo, List.of(), new AudioFormat(24_000, 1)), STEREO_48K);
        short[] sine = new short[24_000];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = (short) Math.round(10_000 * Math.sin(2 * Math.PI * 1000 * i / 24_000.0));
        }

        write(fifo, sine);
        short[] pcm = content(input, 40_000, 2);

        int rising = 0;
        for (int i = 2; i < pcm.length; i += 2) {
            if (pcm[i - 2] < 0 && pcm[i] >= 0) {
                rising++;
            }
            assertEquals(pcm[i], pcm[i + 1], "mono on both sides");
        }
        assertEquals(40_000 / 48, rising, 3, "1 kHz at 48 kHz");
    }

    @Test
    void closeWakesAFifoThatNoWriterOpened() throws Exception {
        Path fifo = fifo();
        PipeInput input = open(new PipeSettings(fifo, List.of(), STEREO_48K), STEREO_48K);
        waitUntil("the reader thread waiting in open()", () -> threadAlive());

        input.close();

        assertFalse(threadAlive());
        assertFalse(Files.isRegularFile(fifo), "the wake-up created no file");
    }

    @Test
    void regularFileIsReadAsItGrows() throws Exception {
        Path file = dir.resolve("growing.raw");
        short[] first = random(1000 * 2, 3);
        short[] second = random(1000 * 2, 4);
        Files.write(file, littleEndian(first));
        PipeInput input = open(new PipeSettings(file, List.of(), STEREO_48K), STEREO_48K);

        assertArrayEquals(first, content(input, 1000, 2));
        Files.write(file, littleEndian(second), StandardOpenOption.APPEND);

        assertArrayEquals(second, content(input, 1000, 2));
        assertEquals(List.of("pipe " + file + ": a writer is here; playing"), log.at("info"));
    }

    @Test
    void commandThatExitsIsStartedAgainAndEachRunPlays() {
        // 100 stereo samples of (0x0201, 0x0403), then the command exits
        List<String> command = List.of("sh", "-c",
                "i=0; while [ $i -lt 100 ]; do printf '\\001\\002\\003\\004'; i=$((i+1)); done");
        PipeInput input = open(new PipeSettings(null, command, STEREO_48K), STEREO_48K);

        short[] pcm = content(input, 250, 2);

        for (int i = 0; i < pcm.length; i += 2) {
            assertEquals(0x0201, pcm[i]);
            assertEquals(0x0403, pcm[i + 1]);
        }
        assertTrue(log.at("info").contains(
                "pipe command " + String.join(" ", command) + ": the writer has gone (exited with 0); playing silence "
                        + "until it is back"), log.lines().toString());
    }

    @Test
    void closeEndsTheCommandAndTheReaderThread() {
        List<String> command = List.of("sh", "-c", "while :; do printf '\\001\\002\\003\\004'; sleep 0.01; done");
        PipeInput input = open(new PipeSettings(null, command, STEREO_48K), STEREO_48K);
        content(input, 10, 2);

        input.close();

        assertFalse(threadAlive());
        waitUntil("the command and its children ended", () -> ProcessHandle.current().descendants()
                .noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void commandThatCannotStartIsReportedOnceAndPlaysSilence() {
        PipeInput input = open(new PipeSettings(null, List.of(dir.resolve("no-such-player").toString()), STEREO_48K),
                STEREO_48K);

        waitUntil("the failure reported", () -> !log.warnings().isEmpty());
        short[] frame = new short[FRAME * 2];

        assertEquals(0, input.read(frame, FRAME));
        assertEquals(1, log.warnings().size(), log.warnings().toString());
        assertTrue(log.warnings().get(0).contains("no-such-player"), log.warnings().get(0));
    }

    @Test
    void sourceWithoutPipeSettingsRefusesToOpen() {
        assertThrows(IOException.class,
                () -> new PipeSource().open(new SourceSettings(null, false, 440), STEREO_48K, 0));
    }

    private static boolean threadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(PipeInput.THREAD_NAME) && t.isAlive());
    }
}
