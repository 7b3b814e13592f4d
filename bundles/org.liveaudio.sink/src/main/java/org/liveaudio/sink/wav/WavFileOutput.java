package org.liveaudio.sink.wav;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.sink.pcm.LittleEndianPcm;
import org.osgi.service.log.Logger;

/**
 * A recording in progress. The header's sizes are rewritten on close and after every second of audio, so
 * that a process killed mid-stream leaves a file that plays up to the last second. All writes go straight
 * to the file (no Java-side buffer), so what the sizes cover is on disk when they are patched.
 */
final class WavFileOutput implements AudioOutput {
    private final Path file;
    private final Logger log;
    private final RandomAccessFile out;
    private final int channels;
    private final int bytesPerSample;
    private final long dataStart;
    private final long dataSizeOffset;
    private final int samplesPerPatch;
    private final byte[] sizeField = new byte[4];
    private byte[] bytes = new byte[0];
    private long dataBytes;
    private long samplesWritten;
    private long samplesSincePatch;
    private boolean warnedFull;
    private boolean closed;

    private WavFileOutput(Path file, Logger log, RandomAccessFile out, AudioFormat format, long dataStart,
            long dataSizeOffset, long dataBytes) {
        this.file = file;
        this.log = log;
        this.out = out;
        this.channels = format.channels();
        this.bytesPerSample = format.bytesPerSample();
        this.dataStart = dataStart;
        this.dataSizeOffset = dataSizeOffset;
        this.dataBytes = dataBytes;
        this.samplesPerPatch = format.sampleRate();
    }

    /**
     * Opens {@code file} for recording. With {@code append}, a WAV of the same format is continued after its
     * last whole sample (its header's sizes are not trusted: a killed writer leaves them short); anything
     * else starts a new recording.
     */
    static WavFileOutput open(Path file, AudioFormat format, boolean append, Logger log) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        boolean existed = Files.isRegularFile(absolute) && Files.size(absolute) > 0;
        RandomAccessFile out = new RandomAccessFile(absolute.toFile(), "rw");
        try {
            refuseASecondWriter(out, absolute);
            if (append && existed) {
                WavHeader.Existing existing = WavHeader.read(out);
                if (format.equals(existing.format())) {
                    return continueRecording(absolute, format, log, out, existing.dataStart());
                }
                log.warn("wav {}: holds {}, not {}; starting a new recording over it", absolute,
                        existing.description(), format);
            }
            out.setLength(0);
            out.write(WavHeader.canonical(format));
            return new WavFileOutput(absolute, log, out, format, WavHeader.CANONICAL_SIZE,
                    WavHeader.CANONICAL_DATA_SIZE_OFFSET, 0);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * Two writers of one file (two listener processes from one folder, both falling back from the speaker to its
     * file) would start it anew over each other and interleave their frames: the second is refused, before it
     * truncates anything. The lock goes with the file's close.
     */
    private static void refuseASecondWriter(RandomAccessFile out, Path file) throws IOException {
        FileLock lock;
        try {
            lock = out.getChannel().tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException(file + " is being recorded by another listener or process; give this one another "
                    + "file");
        }
    }

    private static WavFileOutput continueRecording(Path file, AudioFormat format, Logger log, RandomAccessFile out,
            long dataStart) throws IOException {
        long dataBytes = (out.length() - dataStart) / format.bytesPerSample() * format.bytesPerSample();
        out.setLength(dataStart + dataBytes);
        out.seek(dataStart + dataBytes);
        WavFileOutput output = new WavFileOutput(file, log, out, format, dataStart, dataStart - 4, dataBytes);
        output.patchSizes();
        log.info("wav {}: appending after {} s already recorded", file,
                dataBytes / format.bytesPerSample() / format.sampleRate());
        return output;
    }

    @Override
    public String description() {
        return "wav " + file;
    }

    @Override
    public void write(short[] pcm, int samples) throws IOException {
        int length = samples * bytesPerSample;
        if (bytes.length < length) {
            bytes = new byte[length];
        }
        LittleEndianPcm.toBytes(pcm, samples * channels, bytes);
        out.write(bytes, 0, length);
        dataBytes += length;
        samplesWritten += samples;
        samplesSincePatch += samples;
        if (samplesSincePatch >= samplesPerPatch) {
            patchSizes();
        }
    }

    @Override
    public long samplesWritten() {
        return samplesWritten;
    }

    /** A recording holds the samples, not the instant they came: no instant is worth a spin. */
    @Override
    public boolean handOverInstantMatters() {
        return false;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            patchSizes();
        } finally {
            out.close();
        }
    }

    private void patchSizes() throws IOException {
        samplesSincePatch = 0;
        long end = dataStart + dataBytes;
        if (end - 8 > WavHeader.MAX_SIZE && !warnedFull) {
            warnedFull = true;
            log.warn("wav {}: passed the 4 GiB that a WAV header can describe; players may stop there", file);
        }
        WavHeader.size(sizeField, end - 8);
        out.seek(WavHeader.RIFF_SIZE_OFFSET);
        out.write(sizeField);
        WavHeader.size(sizeField, dataBytes);
        out.seek(dataSizeOffset);
        out.write(sizeField);
        out.seek(end);
    }
}
