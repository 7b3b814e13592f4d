package org.liveaudio.source.pipe;

import java.io.IOException;
import java.io.InputStream;

/** The far end of a pipe source: where a writer comes and goes. */
interface PipeEnd {
    /** For the status line and the log, e.g. {@code pipe /tmp/snapfifo}. */
    String describe();

    /**
     * Waits for a writer (blocking is fine: the reader thread calls this) and returns what it writes.
     *
     * @throws IOException when there can be no writer now (no such fifo, a command that does not start)
     */
    InputStream connect() throws IOException;

    /** Why the last connection ended, once its stream has ended, e.g. {@code exited with 1}. */
    String ended();

    /** How long to wait before connecting again after a connection ended. */
    long retryNanos();

    /** Ends what {@link #connect} started and wakes a reader blocked in it or in a read; from any thread. */
    void close();
}
