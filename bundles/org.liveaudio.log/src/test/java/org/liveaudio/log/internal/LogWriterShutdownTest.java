package org.liveaudio.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.log.LogLevel;

/**
 * The log writer stops while other bundles still log their stopping (issue 15: dozens of "cannot write the log
 * file (java.io.IOException: Stream closed)" on {@code stop 0}). Nothing may complain, and every entry logged
 * before the writer began to close must be in the file.
 */
@Timeout(30)
class LogWriterShutdownTest {
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
    void entriesStillBeingDeliveredWhenTheWriterClosesAreWrittenNotRefused() throws Exception {
        Path file = folder.resolve("sender.log");
        LogWriter writer = writer(file);
        CountDownLatch held = log.holdNextBatch();
        for (int i = 0; i < 40; i++) {
            log.log(LogLevel.INFO, "stopping " + i);
        }
        assertTrue(held.await(5, TimeUnit.SECONDS), "delivery began");

        Thread closer = new Thread(writer::close, "closer");
        closer.start();
        // Let the close run as far as it goes by itself: done (closed too early) or waiting for the entries.
        while (closer.getState() == Thread.State.RUNNABLE || closer.getState() == Thread.State.NEW) {
            Thread.sleep(1);
        }
        log.release();
        closer.join();
        Thread.sleep(50); // anything the delivery thread still does after the close

        assertEquals("", console(), "nothing said on the console");
        assertEquals(List.of(), log.listenerFailures);
        String text = Files.readString(file);
        for (int i = 0; i < 40; i++) {
            assertTrue(text.contains(": stopping " + i + System.lineSeparator()), "stopping " + i + " in\n" + text);
        }
        assertTrue(text.endsWith(LogWriter.CLOSING + System.lineSeparator()), "the closing line is the last");
    }

    @Test
    void threadsLoggingWhileTheWriterClosesLoseNothingLoggedBeforeAndNothingComplains() throws Exception {
        Path file = folder.resolve("busy.log");
        LogWriter writer = writer(file);
        List<Thread> loggers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                // Bounded, so that what is on its way at the close drains well within the writer's limit.
                for (int i = 0; i < 3000; i++) {
                    log.log(i % 100 == 0 ? LogLevel.WARN : LogLevel.INFO, "t" + id + " entry " + i);
                    LockSupport.parkNanos(10_000);
                }
            }, "logger-" + t);
            thread.start();
            loggers.add(thread);
        }
        Thread.sleep(50);

        List<String> before = log.queuedMessages();
        writer.close();
        for (Thread thread : loggers) {
            thread.join();
        }
        Thread.sleep(100);

        assertTrue(before.size() > 500, "busy enough: " + before.size());
        assertTrue(console().lines().noneMatch(line -> line.startsWith("ERROR org.liveaudio.log")), console());
        assertEquals(List.of(), log.listenerFailures);
        Set<String> written = new HashSet<>();
        Files.readAllLines(file).forEach(line -> written.add(line.substring(line.indexOf(": ") + 2)));
        List<String> missing = before.stream().filter(message -> !written.contains(message)).toList();
        assertEquals(List.of(), missing.subList(0, Math.min(5, missing.size())),
                missing.size() + " of " + before.size() + " entries logged before the close are missing");
    }

    private LogWriter writer(Path file) throws Exception {
        return new LogWriter(log.reader(), log.admin(), log.writersLogger(),
                new LogSettings(file, LogLevel.INFO, LogLevel.ERROR, LogSettings.DEFAULT_MAX_BYTES,
                        LogSettings.DEFAULT_FILES, Duration.ofSeconds(1)),
                console);
    }

    private String console() {
        return consoleBytes.toString(StandardCharsets.UTF_8);
    }
}
