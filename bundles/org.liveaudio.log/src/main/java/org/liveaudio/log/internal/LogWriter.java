package org.liveaudio.log.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.log.admin.LoggerAdmin;

/**
 * Writes the OSGi log of the whole framework: warnings and errors to the console, everything at or above
 * the configured level to a file that rolls over by size (see {@link LogSettings} for the properties). A
 * {@code -D} system property wins over the framework property of the same name: Felix's launcher lets
 * {@code -D} override conf/config.properties only for felix.* and org.osgi.framework.* keys.
 *
 * <p>The file is buffered: a warning or worse is flushed at once, anything else within the flush interval, by
 * a thread of its own so that no entry waits for a later one.
 *
 * <p>The log service hands entries to listeners on a thread of its own (Felix Log: "FelixLogListener"),
 * in batches, to the listeners it had when the batch began. So when this component stops, entries that
 * other bundles logged while stopping are still on their way, and some arrive after the listener was
 * removed. Closing therefore first logs a last line of its own and waits until it arrives (everything
 * logged before it has then arrived too), and whatever still comes after the close is left out of the file
 * without a word.
 */
@Component(service = {}, immediate = true)
public final class LogWriter implements LogListener {
    /** The last line of every log file; its arrival is what closing waits for. */
    static final String CLOSING = "log closed: the log bundle or the framework is stopping";
    /** Long enough for a backlog of thousands of entries; reached only when the log service went first. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(1);
    /** The loggers the OSGi log service logs service events to (OSGi Compendium 101.6.2), below DEBUG only. */
    static final String SERVICE_EVENTS = "Events.Service";

    private final LogReaderService reader;
    private final Logger logger;
    private final LogSettings settings;
    private final PrintStream console;
    private final RollingFile file;
    private final ScheduledExecutorService flusher;
    private final CountDownLatch drained = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Guarded by this, as are the file and the next two. */
    private boolean open = true;
    private boolean unflushed;
    /** One console line per spell of write failures (disk full), not one per entry. */
    private boolean failing;
    /** Until the entries from before the start are written, live ones wait here; guarded by this. */
    private final List<LogEntry> arrivedEarly = new ArrayList<>();
    private boolean historyWritten;
    /** The sequence number of the newest entry from before the start: live ones up to it were written already. */
    private long historyEnd = Long.MIN_VALUE;

    @Activate
    public LogWriter(BundleContext context, @Reference LogReaderService reader, @Reference LoggerAdmin admin,
            @Reference(service = LoggerFactory.class) Logger logger) throws IOException {
        this(reader, admin, logger, LogSettings.from(name -> System.getProperty(name, context.getProperty(name)),
                System.err), System.err);
    }

    LogWriter(LogReaderService reader, LoggerAdmin admin, Logger logger, LogSettings settings, PrintStream console)
            throws IOException {
        this.reader = reader;
        this.logger = logger;
        this.settings = settings;
        this.console = console;
        admin.getLoggerContext(null).setLogLevels(Map.of(Logger.ROOT_LOGGER_NAME, settings.fileLevel()));
        this.file = RollingFile.open(settings.file(), settings.maxBytes(), settings.files());
        // Listening first, then reading the history: an entry logged in between is in one or the other, or both.
        reader.addLogListener(this);
        writeEarlierEntries();
        this.flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "liveaudio-log-flush");
            thread.setDaemon(true); // never what keeps a JVM alive; close() stops it anyway
            return thread;
        });
        long interval = settings.flushInterval().toMillis();
        flusher.scheduleWithFixedDelay(this::flushIfUnflushed, interval, interval, TimeUnit.MILLISECONDS);
        if (!file.path().equals(settings.file())) {
            logger.info(settings.file() + " is written by another process; this one logs to " + file.path());
        }
    }

    /**
     * Entries logged before this bundle started, oldest first: the file tells the whole start-up, and the
     * console shows the warnings that nobody could have seen yet.
     */
    private void writeEarlierEntries() {
        List<LogEntry> earlier = new ArrayList<>(Collections.list(reader.getLog()));
        Collections.reverse(earlier);
        synchronized (this) {
            earlier.forEach(this::write);
            historyEnd = earlier.stream().mapToLong(LogEntry::getSequence).max().orElse(Long.MIN_VALUE);
            historyWritten = true;
            for (LogEntry entry : arrivedEarly) {
                if (entry.getSequence() > historyEnd) {
                    write(entry);
                }
            }
            arrivedEarly.clear();
        }
    }

    @Override
    public void logged(LogEntry entry) {
        synchronized (this) {
            if (!historyWritten) {
                arrivedEarly.add(entry);
                return;
            }
            if (entry.getSequence() <= historyEnd) {
                return;
            }
        }
        write(entry);
    }

    private void write(LogEntry entry) {
        if (isServiceEvent(entry) && !settings.fileLevel().implies(LogLevel.DEBUG)) {
            return;
        }
        boolean last = isClosingLine(entry);
        if (!last && settings.consoleLevel().implies(entry.getLogLevel())) {
            console.println(LogLineFormat.consoleLine(entry));
        }
        if (settings.fileLevel().implies(entry.getLogLevel())) {
            toFile(entry);
        }
        if (last) {
            drained.countDown();
        }
    }

    /**
     * The framework's "ServiceEvent REGISTERED" and the like: they name the bundle but not the service, and come a
     * hundred at every start, between the lines a user reads.
     */
    private static boolean isServiceEvent(LogEntry entry) {
        String name = entry.getLoggerName();
        return name != null && name.startsWith(SERVICE_EVENTS);
    }

    private boolean isClosingLine(LogEntry entry) {
        return closing.get() && CLOSING.equals(entry.getMessage())
                && LogWriter.class.getName().equals(entry.getLoggerName());
    }

    private synchronized void toFile(LogEntry entry) {
        if (!open) {
            return; // arrived after the close: its warnings reached the console, the file is finished
        }
        try {
            file.write(LogLineFormat.line(entry) + System.lineSeparator()
                    + (entry.getException() == null ? "" : LogLineFormat.stackTrace(entry.getException())));
            unflushed = true;
            if (LogLevel.WARN.implies(entry.getLogLevel())) {
                flush();
            }
            failing = false;
        } catch (IOException e) {
            failed(e);
        }
    }

    private synchronized void flushIfUnflushed() {
        if (open && unflushed) {
            try {
                flush();
            } catch (IOException e) {
                failed(e);
            }
        }
    }

    private void flush() throws IOException {
        file.flush();
        unflushed = false;
    }

    private void failed(IOException e) {
        if (!failing) {
            failing = true;
            console.println("ERROR org.liveaudio.log: cannot write " + file.path() + " (" + e
                    + "); entries are lost until it can again");
        }
    }

    /**
     * Drains, then closes; a second call (or one racing the first) does nothing. The flush thread ends by
     * itself: it is interrupted, and a flush it may be waiting to make finds the file closed.
     */
    @Deactivate
    void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        logger.audit(CLOSING);
        try {
            drained.await(DRAIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close now, with what has arrived
        }
        reader.removeLogListener(this);
        flusher.shutdownNow();
        synchronized (this) {
            open = false;
            try {
                file.close();
            } catch (IOException e) {
                failed(e);
            }
        }
    }
}
