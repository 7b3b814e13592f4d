package org.liveaudio.source.pipe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A regular file where a fifo was expected, read as it grows ({@code tail -f}): its end is only the end of
 * what has been written so far, so a read there waits for more instead of ending, until the channel is closed.
 */
final class GrowingFile extends InputStream {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final FileChannel channel;

    GrowingFile(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        while (channel.isOpen()) {
            int read = channel.read(ByteBuffer.wrap(target, offset, count));
            if (read > 0) {
                return read;
            }
            LockSupport.parkNanos(this, POLL_NANOS);
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
