package org.liveaudio.log.internal;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A log file that rolls over by size under its own name: {@code x.log} is the one being written,
 * {@code x.log.1} the one before, up to {@code x.log.(files-1)}; the oldest is deleted. Buffered: nothing
 * reaches the disk before {@link #flush()}, a full buffer or {@link #close()}. Not thread-safe: LogWriter
 * serializes the calls.
 */
final class RollingFile implements Closeable {
    private static final int BUFFER_BYTES = 64 * 1024;
    /** Enough for every listener process one folder may hold; beyond that something else is wrong. */
    private static final int MAX_SHARERS = 100;

    private final Path file;
    private final long maxBytes;
    private final int files;
    private final FileChannel lockChannel;
    private OutputStream out;
    private long size;

    private RollingFile(Path file, long maxBytes, int files, FileChannel lockChannel) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.files = files;
        this.lockChannel = lockChannel;
        this.size = Files.exists(file) ? Files.size(file) : 0;
        this.out = open(StandardOpenOption.APPEND);
    }

    /**
     * Opens {@code wanted}, or {@code name-2.ext}, {@code name-3.ext} ... if another process already writes
     * it: several listener processes run from one folder, and two processes renaming one file under each
     * other would lose lines. Ownership is an OS lock on {@code name.ext.lock}, released when the process
     * ends however it ends, so a crash leaves no stale claim.
     */
    static RollingFile open(Path wanted, long maxBytes, int files) throws IOException {
        Files.createDirectories(wanted.toAbsolutePath().getParent());
        for (int sharer = 1; sharer <= MAX_SHARERS; sharer++) {
            Path candidate = sharer == 1 ? wanted : numberedName(wanted, sharer);
            FileChannel channel = FileChannel.open(lockPath(candidate), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            if (tryLock(channel)) {
                return new RollingFile(candidate, maxBytes, files, channel);
            }
            channel.close();
        }
        throw new IOException(wanted + " and " + MAX_SHARERS + " alternatives are written by other processes");
    }

    Path path() {
        return file;
    }

    /** Appends one entry; rolls over first if it would pass the limit, so an entry is never split. */
    void write(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (size > 0 && size + bytes.length > maxBytes) {
            roll();
        }
        out.write(bytes);
        size += bytes.length;
    }

    void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            lockChannel.close();
        }
    }

    private void roll() throws IOException {
        out.close();
        for (int generation = files - 1; generation >= 1; generation--) {
            Path older = generation == 1 ? file : generation(generation - 1);
            if (Files.exists(older)) {
                Files.move(older, generation(generation), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        size = 0;
        // With files=1 nothing was moved away: start the one file afresh.
        out = open(StandardOpenOption.TRUNCATE_EXISTING);
    }

    private OutputStream open(StandardOpenOption mode) throws IOException {
        return new BufferedOutputStream(
                Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode), BUFFER_BYTES);
    }

    private Path generation(int number) {
        return file.resolveSibling(file.getFileName() + "." + number);
    }

    private static Path lockPath(Path file) {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    /** {@code log/liveaudio-listener.log} → {@code log/liveaudio-listener-2.log}. */
    static Path numberedName(Path file, int number) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot > 0 ? name.substring(0, dot) + "-" + number + name.substring(dot) : name + "-" + number;
        return file.resolveSibling(numbered);
    }

    private static boolean tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            return false; // this JVM holds it already: taken as well
        }
    }
}
