package org.liveaudio.source.pipe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A named pipe. Opening it for reading blocks until a writer opens it, and a read returns end-of-file once the
 * last writer has closed it: exactly "the writer came" and "the writer went". A regular file in its place is
 * read as it grows.
 */
final class FifoEnd implements PipeEnd {
    private final Path fifo;
    private volatile FileChannel channel;
    private volatile boolean closed;

    FifoEnd(Path fifo) {
        this.fifo = fifo;
    }

    @Override
    public String describe() {
        return "pipe " + fifo;
    }

    @Override
    public InputStream connect() throws IOException {
        FileChannel opened = FileChannel.open(fifo, StandardOpenOption.READ);
        channel = opened;
        if (closed) {
            opened.close();
        }
        if (Files.isRegularFile(fifo)) {
            return new GrowingFile(opened);
        }
        // a FileChannel, unlike a FileInputStream, wakes a thread blocked in read() when another closes it
        return Channels.newInputStream(opened);
    }

    @Override
    public String ended() {
        return "the last writer closed the pipe";
    }

    @Override
    public long retryNanos() {
        return 0;
    }

    @Override
    public void close() {
        closed = true;
        try {
            FileChannel current = channel;
            if (current != null) {
                current.close();
            }
        } catch (IOException e) {
            // closing for good: nothing left to do with it
        }
        wakeOpen();
    }

    /**
     * A reader blocked in open() waits for a writer: become one for an instant. Opening a fifo for reading and
     * writing at once never blocks on Linux, and creates nothing where the fifo has gone.
     */
    void wakeOpen() {
        try (FileChannel poke = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // opened and closed: that is all it takes
        } catch (IOException e) {
            // no fifo there: then no reader can be blocked opening it
        }
    }
}
