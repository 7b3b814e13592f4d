package org.liveaudio.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liveaudio.log.internal.FakeLog.entry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

@Timeout(30)
class LogWriterTest {
    private final FakeLog log = new FakeLog();
    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);

    @TempDir
    Path folder;

    @AfterEach
    void stopFakeLog() {
        log.close();
    }

    @Test
    void warningsReachConsoleAndEverythingReachesFile() throws Exception {
        Path file = folder.resolve("log/liveaudio.log");
        LogWriter writer = writer(file, Duration.ofSeconds(1));

        writer.logged(entry(LogLevel.INFO, "listener demo: recording to /tmp/demo.wav", null));
        writer.logged(entry(LogLevel.WARN, "sender.cfg: port=0 refused; allowed: 1..65534", null));
        writer.logged(entry(LogLevel.DEBUG, "too chatty for the file", null));
        writer.close();

        assertEquals("WARN org.liveaudio.test: sender.cfg: port=0 refused; allowed: 1..65534\n", console(),
                "the closing line is the file's, not the console's");
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("INFO  org.liveaudio.test: listener demo: recording to /tmp/demo.wav"));
        assertTrue(lines.get(1).contains("WARN  org.liveaudio.test: sender.cfg: port=0 refused"));
        assertTrue(lines.get(2).endsWith("AUDIT org.liveaudio.log: " + LogWriter.CLOSING), lines.get(2));
        assertEquals(LogLevel.INFO, log.rootLevels.get(org.osgi.service.log.Logger.ROOT_LOGGER_NAME));
        assertTrue(log.listeners.isEmpty(), "listener removed on close");
    }

    @Test
    void entriesFromBeforeStartAreWrittenOldestFirstAndWarningsShown() throws Exception {
        log.history.add(entry(LogLevel.ERROR, "second", new IllegalStateException("boom")));
        log.history.add(entry(LogLevel.INFO, "first", null));
        Path file = folder.resolve("early.log");

        writer(file, Duration.ofSeconds(1)).close();

        String text = Files.readString(file);
        assertTrue(text.indexOf(": first") < text.indexOf(": second"), text);
        assertTrue(text.contains("java.lang.IllegalStateException: boom"), text);
        assertEquals("ERROR org.liveaudio.test: second (java.lang.IllegalStateException: boom)\n", console(),
                "warnings from before start reach the console once");
    }

    @Test
    void anEntryLoggedWhileTheWriterStartsIsWrittenOnceAfterTheEarlierOnes() throws Exception {
        LogEntry before = entry(LogLevel.INFO, "logged before the writer started", null);
        LogEntry both = entry(LogLevel.INFO, "in the history and delivered too", null);
        LogEntry during = entry(LogLevel.INFO, "logged while the writer read the history", null);
        log.history.add(both);
        log.history.add(before);
        log.whileHistoryIsRead = () -> log.listeners.forEach(listener -> {
            listener.logged(both);
            listener.logged(during);
        });
        Path file = folder.resolve("starting.log");

        writer(file, Duration.ofSeconds(1)).close();

        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(": logged before the writer started"), lines.toString());
        assertTrue(lines.get(1).endsWith(": in the history and delivered too"), lines.toString());
        assertTrue(lines.get(2).endsWith(": logged while the writer read the history"), lines.toString());
    }

    @Test
    void infoWaitsInTheBufferAndReachesTheFileWithinTheFlushInterval() throws Exception {
        Path file = folder.resolve("buffered.log");
        Duration interval = Duration.ofMillis(500);
        LogWriter writer = writer(file, interval);

        long start = System.nanoTime();
        writer.logged(entry(LogLevel.INFO, "frame 1 of many", null));
        assertFalse(Files.readString(file).contains("frame 1 of many"), "not flushed per line");
        while (!Files.readString(file).contains("frame 1 of many")) {
            Thread.sleep(5);
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        writer.close();

        assertTrue(waited.compareTo(interval.plusMillis(300)) < 0, "on disk after " + waited);
    }

    @Test
    void aWarningIsOnDiskAtOnce() throws Exception {
        Path file = folder.resolve("warn.log");
        LogWriter writer = writer(file, Duration.ofHours(1));

        writer.logged(entry(LogLevel.INFO, "waits for the next flush", null));
        writer.logged(entry(LogLevel.WARN, "listener demo: 5 frames late", null));

        String text = Files.readString(file);
        writer.close();
        assertTrue(text.contains("waits for the next flush") && text.contains("5 frames late"), text);
    }

    @Test
    void closingTwiceIsHarmlessAndStopsTheFlushThread() throws Exception {
        LogWriter writer = writer(folder.resolve("twice.log"), Duration.ofMillis(10));
        assertTrue(flushThreadAlive());

        writer.close();
        writer.close();
        writer.logged(entry(LogLevel.ERROR, "after the close", null));

        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (flushThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertFalse(flushThreadAlive(), "liveaudio-log-flush ended");
        assertEquals("ERROR org.liveaudio.test: after the close\n", console(),
                "after the close a warning still reaches the console, and nothing complains");
        assertEquals(1, Files.readString(folder.resolve("twice.log")).split(LogWriter.CLOSING, -1).length - 1);
    }

    @Test
    void rollsOverBySizeKeepingTheConfiguredNumberOfFiles() throws Exception {
        Path file = folder.resolve("liveaudio-sender.log");
        LogWriter writer = new LogWriter(log.reader(), log.admin(), log.writersLogger(),
                new LogSettings(file, LogLevel.INFO, LogLevel.WARN, 4096, 3, Duration.ofSeconds(1)), console);

        for (int i = 0; i < 500; i++) {
            writer.logged(entry(LogLevel.INFO, "entry " + i, null));
        }
        writer.close();

        assertTrue(Files.exists(folder.resolve("liveaudio-sender.log.2")));
        assertFalse(Files.exists(folder.resolve("liveaudio-sender.log.3")), "three files in all");
        for (String name : List.of("liveaudio-sender.log", "liveaudio-sender.log.1", "liveaudio-sender.log.2")) {
            assertTrue(Files.size(folder.resolve(name)) <= 4096, name);
        }
        assertTrue(Files.readString(file).contains(": entry 499\n"));
    }

    @Test
    void serviceEventsAreLeftOutUnlessTheFileTakesDebug() throws Exception {
        for (LogLevel level : List.of(LogLevel.INFO, LogLevel.DEBUG)) {
            Path file = folder.resolve(level + "/liveaudio.log");
            LogWriter writer = writer(file, level, Duration.ofSeconds(1));

            writer.logged(entry(LogLevel.INFO, "org.liveaudio.control", "Events.Service.org.liveaudio.control",
                    "ServiceEvent REGISTERED", null));
            writer.logged(entry(LogLevel.INFO, "org.liveaudio.control", "Events.Bundle.org.liveaudio.control",
                    "BundleEvent STARTED", null));
            writer.close();

            List<String> lines = Files.readAllLines(file);
            assertEquals(level == LogLevel.DEBUG, lines.stream().anyMatch(line -> line.endsWith(
                    "org.liveaudio.control: ServiceEvent REGISTERED")), level + ": " + lines);
            assertTrue(lines.get(lines.size() - 2).endsWith("org.liveaudio.control: BundleEvent STARTED"),
                    level + ": a bundle's events stay: " + lines);
        }
    }

    private LogWriter writer(Path file, Duration flushInterval) throws IOException {
        return writer(file, LogLevel.INFO, flushInterval);
    }

    private LogWriter writer(Path file, LogLevel fileLevel, Duration flushInterval) throws IOException {
        return new LogWriter(log.reader(), log.admin(), log.writersLogger(),
                new LogSettings(file, fileLevel, LogLevel.WARN, LogSettings.DEFAULT_MAX_BYTES,
                        LogSettings.DEFAULT_FILES, flushInterval),
                console);
    }

    private String console() {
        return consoleBytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean flushThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("liveaudio-log-flush") && thread.isAlive());
    }
}
