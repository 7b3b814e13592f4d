package org.liveaudio.log.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;

/**
 * Writes the OSGi log of the whole framework: warnings and errors to the console, everything at or above
 * the configured level to a file. Configured by framework properties so that it works before ConfigAdmin
 * and FileInstall are up: {@code liveaudio.log.file}, {@code liveaudio.log.level}, {@code liveaudio.log.console}.
 */
@Component(service = {}, immediate = true)
public final class LogWriter implements LogListener {
    static final String FILE_PROPERTY = "liveaudio.log.file";
    static final String LEVEL_PROPERTY = "liveaudio.log.level";
    static final String CONSOLE_PROPERTY = "liveaudio.log.console";

    private final LogReaderService reader;
    private final LogLevel fileLevel;
    private final LogLevel consoleLevel;
    private final PrintStream console;
    private final BufferedWriter file;

    @Activate
    public LogWriter(BundleContext context, @Reference LogReaderService reader, @Reference LoggerAdmin admin)
            throws IOException {
        this(reader, admin, level(LEVEL_PROPERTY, context.getProperty(LEVEL_PROPERTY), LogLevel.INFO),
                level(CONSOLE_PROPERTY, context.getProperty(CONSOLE_PROPERTY), LogLevel.WARN),
                Path.of(valueOr(context.getProperty(FILE_PROPERTY), "log/liveaudio.log")), System.err);
    }

    LogWriter(LogReaderService reader, LoggerAdmin admin, LogLevel fileLevel, LogLevel consoleLevel, Path logFile,
            PrintStream console) throws IOException {
        this.reader = reader;
        this.fileLevel = fileLevel;
        this.consoleLevel = consoleLevel;
        this.console = console;
        LoggerContext root = admin.getLoggerContext(null);
        root.setLogLevels(Map.of(org.osgi.service.log.Logger.ROOT_LOGGER_NAME, fileLevel));
        Path parent = logFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        this.file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        writeEarlierEntries();
        reader.addLogListener(this);
    }

    /**
     * Entries logged before this bundle started, oldest first: the file tells the whole start-up, and the
     * console shows the warnings that nobody could have seen yet.
     */
    private void writeEarlierEntries() {
        List<LogEntry> earlier = new ArrayList<>(Collections.list(reader.getLog()));
        Collections.reverse(earlier);
        earlier.forEach(this::write);
    }

    @Override
    public void logged(LogEntry entry) {
        write(entry);
    }

    private void write(LogEntry entry) {
        if (consoleLevel.implies(entry.getLogLevel())) {
            console.println(LogLineFormat.consoleLine(entry));
        }
        if (fileLevel.implies(entry.getLogLevel())) {
            toFile(entry);
            flush();
        }
    }

    private synchronized void toFile(LogEntry entry) {
        try {
            file.write(LogLineFormat.line(entry));
            file.newLine();
            if (entry.getException() != null) {
                file.write(LogLineFormat.stackTrace(entry.getException()));
            }
        } catch (IOException e) {
            console.println("ERROR org.liveaudio.log: cannot write the log file (" + e + ")");
        }
    }

    private synchronized void flush() {
        try {
            file.flush();
        } catch (IOException e) {
            console.println("ERROR org.liveaudio.log: cannot write the log file (" + e + ")");
        }
    }

    @Deactivate
    void close() throws IOException {
        reader.removeLogListener(this);
        synchronized (this) {
            file.close();
        }
    }

    /** A level by name ({@code WARNING} is taken for {@code WARN}); a wrong name is reported, not fatal. */
    static LogLevel level(String property, String name, LogLevel fallback) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        try {
            return LogLevel.valueOf(upper.equals("WARNING") ? "WARN" : upper);
        } catch (IllegalArgumentException e) {
            System.err.println("ERROR org.liveaudio.log: " + property + "=" + name
                    + " refused; allowed: AUDIT, ERROR, WARN, INFO, DEBUG, TRACE; using " + fallback);
            return fallback;
        }
    }

    private static String valueOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
