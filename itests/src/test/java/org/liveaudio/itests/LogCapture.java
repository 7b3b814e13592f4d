package org.liveaudio.itests;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/** Keeps the warnings the OSGi log receives from the moment it is attached, for tests to look for one. */
final class LogCapture implements LogListener, AutoCloseable {
    private final LogReaderService reader;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    LogCapture(LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        if (entry.getLogLevel() == LogLevel.WARN) {
            warnings.add(entry.getMessage());
        }
    }

    /** Forgets the warnings so far. */
    void clear() {
        warnings.clear();
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The first warning that matches, waiting for it at most {@code timeout}; null if none came. */
    String awaitWarning(Predicate<String> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String warning : warnings) {
                if (matching.test(warning)) {
                    return warning;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                return null;
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        reader.removeLogListener(this);
    }
}
