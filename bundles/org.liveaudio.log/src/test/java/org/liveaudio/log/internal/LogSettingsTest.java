package org.liveaudio.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.LogLevel;

class LogSettingsTest {
    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);

    @Test
    void defaultsWhenNothingIsSet() {
        LogSettings settings = LogSettings.from(name -> null, console);
        assertEquals(new LogSettings(Path.of("log/liveaudio.log"), LogLevel.INFO, LogLevel.WARN, 10 * 1024 * 1024, 5,
                LogSettings.DEFAULT_FLUSH_INTERVAL), settings);
        assertEquals("", consoleBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void propertiesAreRead() {
        Map<String, String> properties = Map.of("liveaudio.log.file", "log/liveaudio-sender.log",
                "liveaudio.log.level", "debug", "liveaudio.log.console", "warning", "liveaudio.log.maxBytes", "2M",
                "liveaudio.log.files", "3");
        LogSettings settings = LogSettings.from(properties::get, console);
        assertEquals(new LogSettings(Path.of("log/liveaudio-sender.log"), LogLevel.DEBUG, LogLevel.WARN, 2 << 20, 3,
                LogSettings.DEFAULT_FLUSH_INTERVAL), settings);
    }

    @Test
    void sizesTakeBinarySuffixes() {
        assertEquals(10_485_760, LogSettings.bytes("10485760", console));
        assertEquals(10_485_760, LogSettings.bytes("10MB", console));
        assertEquals(10_485_760, LogSettings.bytes(" 10 m ", console));
        assertEquals(512 * 1024, LogSettings.bytes("512K", console));
        assertEquals(1L << 30, LogSettings.bytes("1G", console));
        assertEquals("", consoleBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badValuesFallBackAndSaySo() {
        assertEquals(LogLevel.INFO, LogSettings.level("liveaudio.log.level", "loud", LogLevel.INFO, console));
        assertEquals(LogSettings.DEFAULT_MAX_BYTES, LogSettings.bytes("ten megabytes", console));
        assertEquals(LogSettings.DEFAULT_MAX_BYTES, LogSettings.bytes("100", console));
        assertEquals(LogSettings.DEFAULT_FILES, LogSettings.files("0", console));
        assertEquals(LogSettings.DEFAULT_FILES, LogSettings.files("many", console));
        assertEquals("""
                ERROR org.liveaudio.log: liveaudio.log.level=loud refused; allowed: AUDIT, ERROR, WARN, INFO, DEBUG, \
                TRACE; using INFO
                ERROR org.liveaudio.log: liveaudio.log.maxBytes=ten megabytes refused; allowed: 1024 or more bytes, \
                e.g. 10485760, 10M, 512K; using 10485760
                ERROR org.liveaudio.log: liveaudio.log.maxBytes=100 refused; allowed: 1024 or more bytes, e.g. \
                10485760, 10M, 512K; using 10485760
                ERROR org.liveaudio.log: liveaudio.log.files=0 refused; allowed: 1..1000 (the file being written \
                counts); using 5
                ERROR org.liveaudio.log: liveaudio.log.files=many refused; allowed: 1..1000 (the file being written \
                counts); using 5
                """, consoleBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void levelNamesAreForgiving() {
        assertEquals(LogLevel.WARN, LogSettings.level("liveaudio.log.console", "warning", LogLevel.ERROR, console));
        assertEquals(LogLevel.DEBUG, LogSettings.level("liveaudio.log.level", " debug ", LogLevel.INFO, console));
    }
}
