package org.liveaudio.log.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.log.LogLevel;

/**
 * What LogWriter is told by framework properties (so that it works before ConfigAdmin and FileInstall are
 * up). A wrong value is reported on the console and replaced by the default, never fatal: a typo in a log
 * setting must not cost the log.
 *
 * @param flushInterval how long an entry below WARN may wait in the buffer; not a property, tests shorten it
 */
record LogSettings(Path file, LogLevel fileLevel, LogLevel consoleLevel, long maxBytes, int files,
        Duration flushInterval) {
    static final String FILE_PROPERTY = "liveaudio.log.file";
    static final String LEVEL_PROPERTY = "liveaudio.log.level";
    static final String CONSOLE_PROPERTY = "liveaudio.log.console";
    static final String MAX_BYTES_PROPERTY = "liveaudio.log.maxBytes";
    static final String FILES_PROPERTY = "liveaudio.log.files";

    static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    static final int DEFAULT_FILES = 5;
    static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

    private static final Pattern SIZE = Pattern.compile("(\\d{1,9})\\s*([KMG]?)B?");

    static LogSettings from(UnaryOperator<String> properties, PrintStream console) {
        String file = properties.apply(FILE_PROPERTY);
        return new LogSettings(Path.of(file == null || file.isBlank() ? "log/liveaudio.log" : file.trim()),
                level(LEVEL_PROPERTY, properties.apply(LEVEL_PROPERTY), LogLevel.INFO, console),
                level(CONSOLE_PROPERTY, properties.apply(CONSOLE_PROPERTY), LogLevel.WARN, console),
                bytes(properties.apply(MAX_BYTES_PROPERTY), console),
                files(properties.apply(FILES_PROPERTY), console), DEFAULT_FLUSH_INTERVAL);
    }

    /** A level by name ({@code WARNING} is taken for {@code WARN}). */
    static LogLevel level(String property, String name, LogLevel fallback, PrintStream console) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        try {
            return LogLevel.valueOf(upper.equals("WARNING") ? "WARN" : upper);
        } catch (IllegalArgumentException e) {
            refused(console, property, name, "AUDIT, ERROR, WARN, INFO, DEBUG, TRACE", fallback);
            return fallback;
        }
    }

    /** Bytes, or with a binary suffix: {@code 10485760}, {@code 10M}, {@code 10MB}, {@code 512K}. */
    static long bytes(String value, PrintStream console) {
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_BYTES;
        }
        Matcher size = SIZE.matcher(value.trim().toUpperCase(Locale.ROOT));
        long bytes = size.matches() ? Long.parseLong(size.group(1)) << shift(size.group(2)) : 0;
        if (bytes < 1024) {
            refused(console, MAX_BYTES_PROPERTY, value, "1024 or more bytes, e.g. 10485760, 10M, 512K",
                    DEFAULT_MAX_BYTES);
            return DEFAULT_MAX_BYTES;
        }
        return bytes;
    }

    static int files(String value, PrintStream console) {
        if (value == null || value.isBlank()) {
            return DEFAULT_FILES;
        }
        try {
            int files = Integer.parseInt(value.trim());
            if (files >= 1 && files <= 1000) {
                return files;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        refused(console, FILES_PROPERTY, value, "1..1000 (the file being written counts)", DEFAULT_FILES);
        return DEFAULT_FILES;
    }

    private static int shift(String unit) {
        return switch (unit) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 0;
        };
    }

    private static void refused(PrintStream console, String property, String value, String allowed,
            Object fallback) {
        console.println("ERROR org.liveaudio.log: " + property + "=" + value + " refused; allowed: " + allowed
                + "; using " + fallback);
    }
}
