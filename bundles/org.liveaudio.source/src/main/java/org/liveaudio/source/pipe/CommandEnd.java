package org.liveaudio.source.pipe;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program whose standard output is read, started again after a pause when it exits. Its standard error is
 * discarded: players such as librespot log there continuously, and its exit code is what the log needs.
 */
final class CommandEnd implements PipeEnd {
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long EXIT_WAIT_MILLIS = 1000;

    private final List<String> command;
    private volatile Process process;
    private volatile boolean closed;

    CommandEnd(List<String> command) {
        this.command = command;
    }

    @Override
    public String describe() {
        return "pipe command " + String.join(" ", command);
    }

    @Override
    public InputStream connect() throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        Process started = new ProcessBuilder(command).redirectError(Redirect.DISCARD)
                .redirectInput(Redirect.from(new File("/dev/null"))).start();
        process = started;
        if (closed) {
            end(started);
        }
        return started.getInputStream();
    }

    @Override
    public String ended() {
        Process ended = process;
        try {
            if (ended != null && ended.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return "exited with " + ended.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "closed its output";
    }

    @Override
    public long retryNanos() {
        return RETRY_NANOS;
    }

    @Override
    public void close() {
        closed = true;
        Process current = process;
        if (current != null) {
            end(current);
        }
    }

    /** Ends the process and what it started (a shell's children would otherwise keep writing to nobody). */
    private static void end(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
