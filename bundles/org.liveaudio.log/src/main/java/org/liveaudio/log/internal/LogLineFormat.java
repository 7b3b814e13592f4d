package org.liveaudio.log.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.osgi.service.log.LogEntry;

/** Turns a log entry into the one line a user reads, plus the stack trace for the file. */
final class LogLineFormat {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private LogLineFormat() {
    }

    /** {@code 2026-11-24 15:50:01.123 WARN  org.liveaudio.control: message}. */
    static String line(LogEntry entry) {
        return TIME.format(Instant.ofEpochMilli(entry.getTime())) + " "
                + String.format("%-5s", entry.getLogLevel().name()) + " " + origin(entry) + ": "
                + entry.getMessage();
    }

    /** The short form for the console, where the time is noise. */
    static String consoleLine(LogEntry entry) {
        return entry.getLogLevel().name() + " " + origin(entry) + ": " + entry.getMessage()
                + (entry.getException() == null ? "" : " (" + entry.getException() + ")");
    }

    static String stackTrace(Throwable exception) {
        StringWriter text = new StringWriter();
        exception.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static String origin(LogEntry entry) {
        return entry.getBundle() == null ? "framework" : entry.getBundle().getSymbolicName();
    }
}
