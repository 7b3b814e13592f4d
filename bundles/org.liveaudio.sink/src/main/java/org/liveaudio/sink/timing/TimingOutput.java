package org.liveaudio.sink.timing;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;

/**
 * One line per frame: {@code NANOS CRC SAMPLES}, where NANOS is {@link System#nanoTime()} as the frame was handed
 * over (CLOCK_MONOTONIC on Linux, which every process and network namespace of a machine shares), CRC the CRC-32
 * of its 16-bit samples in hex, SAMPLES how many per channel. Equal CRCs in two logs are the same frame, unless
 * the audio repeats (silence does). Buffered, and written without allocating.
 */
final class TimingOutput implements AudioOutput {
    static final String HEADER = "# hand-over System.nanoTime() in ns, CRC-32 of the frame's samples, samples\n";
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final Path file;
    private final int channels;
    private final OutputStream out;
    private final CRC32 crc = new CRC32();
    private final byte[] line = new byte[64];
    private byte[] bytes = new byte[0];
    private long samplesWritten;

    private TimingOutput(Path file, int channels, OutputStream out) {
        this.file = file;
        this.channels = channels;
        this.out = out;
    }

    static TimingOutput open(Path file, AudioFormat format, boolean append) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream out = new BufferedOutputStream(new FileOutputStream(file.toFile(), append), 1 << 16);
        if (!append) {
            out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
        }
        return new TimingOutput(file, format.channels(), out);
    }

    @Override
    public String description() {
        return TimingSink.TYPE + " " + file;
    }

    @Override
    public void write(short[] pcm, int samples) throws IOException {
        long handedNanos = System.nanoTime();
        int values = samples * channels;
        if (bytes.length < 2 * values) {
            bytes = new byte[2 * values];
        }
        for (int i = 0; i < values; i++) {
            bytes[2 * i] = (byte) (pcm[i] >> 8);
            bytes[2 * i + 1] = (byte) pcm[i];
        }
        crc.reset();
        crc.update(bytes, 0, 2 * values);
        int n = decimal(handedNanos, 0);
        line[n++] = ' ';
        for (int shift = 28; shift >= 0; shift -= 4) {
            line[n++] = HEX[(int) (crc.getValue() >>> shift) & 0xf];
        }
        line[n++] = ' ';
        n = decimal(samples, n);
        line[n++] = '\n';
        out.write(line, 0, n);
        samplesWritten += samples;
    }

    /** Writes {@code value} (not negative) in decimal at {@code at}; returns where it ends. */
    private int decimal(long value, int at) {
        long v = Math.max(0, value);
        int digits = 1;
        for (long rest = v / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = at + digits - 1; i >= at; i--) {
            line[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return at + digits;
    }

    @Override
    public long samplesWritten() {
        return samplesWritten;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
