package org.liveaudio.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;

class LogWriterTest {
    private final List<LogEntry> history = new ArrayList<>();
    private final List<LogListener> listeners = new ArrayList<>();
    private final Map<String, LogLevel> rootLevels = new HashMap<>();
    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);

    @TempDir
    Path folder;

    @Test
    void warningsReachConsoleAndEverythingReachesFile() throws Exception {
        Path file = folder.resolve("log/liveaudio.log");
        LogWriter writer = new LogWriter(reader(), admin(), LogLevel.INFO, LogLevel.WARN, file, console);

        writer.logged(entry(LogLevel.INFO, "listener demo: recording to /tmp/demo.wav", null));
        writer.logged(entry(LogLevel.WARN, "sender.cfg: port=0 refused; allowed: 1..65534", null));
        writer.logged(entry(LogLevel.DEBUG, "too chatty for the file", null));
        writer.close();

        String consoleText = consoleBytes.toString(StandardCharsets.UTF_8);
        assertEquals("WARN org.liveaudio.test: sender.cfg: port=0 refused; allowed: 1..65534\n", consoleText);
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).endsWith("INFO  org.liveaudio.test: listener demo: recording to /tmp/demo.wav"));
        assertTrue(lines.get(1).contains("WARN  org.liveaudio.test: sender.cfg: port=0 refused"));
        assertEquals(LogLevel.INFO, rootLevels.get(org.osgi.service.log.Logger.ROOT_LOGGER_NAME));
        assertTrue(listeners.isEmpty(), "listener removed on close");
    }

    @Test
    void entriesFromBeforeStartAreWrittenOldestFirstAndWarningsShown() throws Exception {
        history.add(entry(LogLevel.ERROR, "second", new IllegalStateException("boom")));
        history.add(entry(LogLevel.INFO, "first", null));
        Path file = folder.resolve("early.log");

        new LogWriter(reader(), admin(), LogLevel.INFO, LogLevel.WARN, file, console).close();

        String text = Files.readString(file);
        assertTrue(text.indexOf(": first") < text.indexOf(": second"), text);
        assertTrue(text.contains("java.lang.IllegalStateException: boom"), text);
        assertEquals("ERROR org.liveaudio.test: second (java.lang.IllegalStateException: boom)\n",
                consoleBytes.toString(StandardCharsets.UTF_8), "warnings from before start reach the console once");
    }

    @Test
    void badLevelNameFallsBackAndSaysSo() {
        assertEquals(LogLevel.INFO, LogWriter.level("liveaudio.log.level", "loud", LogLevel.INFO));
        assertEquals(LogLevel.WARN, LogWriter.level("liveaudio.log.console", "warning", LogLevel.ERROR));
        assertEquals(LogLevel.DEBUG, LogWriter.level("liveaudio.log.level", " debug ", LogLevel.INFO));
    }

    private LogReaderService reader() {
        return proxy(LogReaderService.class, (method, args) -> switch (method) {
            case "getLog" -> Collections.enumeration(history);
            case "addLogListener" -> listeners.add((LogListener) args[0]);
            case "removeLogListener" -> listeners.remove(args[0]);
            default -> throw new UnsupportedOperationException(method);
        });
    }

    @SuppressWarnings("unchecked")
    private LoggerAdmin admin() {
        LoggerContext root = proxy(LoggerContext.class, (method, args) -> {
            if (method.equals("setLogLevels")) {
                rootLevels.putAll((Map<String, LogLevel>) args[0]);
                return null;
            }
            throw new UnsupportedOperationException(method);
        });
        return proxy(LoggerAdmin.class, (method, args) -> root);
    }

    private static LogEntry entry(LogLevel level, String message, Throwable exception) {
        Bundle bundle = proxy(Bundle.class, (method, args) -> "org.liveaudio.test");
        return proxy(LogEntry.class, (method, args) -> switch (method) {
            case "getLogLevel" -> level;
            case "getMessage" -> message;
            case "getException" -> exception;
            case "getBundle" -> bundle;
            case "getTime" -> 1_700_000_000_000L;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args)));
    }
}
