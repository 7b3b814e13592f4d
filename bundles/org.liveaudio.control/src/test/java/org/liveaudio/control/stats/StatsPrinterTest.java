package org.liveaudio.control.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.stream.LatencyStats;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.api.stream.ListenerReport;
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamControl;
import org.liveaudio.api.stream.StreamStatus;
import org.liveaudio.api.stream.SyncStats;
import org.osgi.service.log.Logger;

class StatsPrinterTest {
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final StatsPrinter printer = new StatsPrinter();

    StatsPrinterTest() {
        printer.log = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("warn")) {
                        warnings.add(String.format(((String) args[0]).replace("{}", "%s"),
                                (Object[]) java.util.Arrays.copyOfRange(args, 1, args.length)));
                    }
                    return null;
                });
    }

    @Test
    void theLineShowsTheSenderAndEveryListenerByName() {
        printer.stream = sender(List.of(heard(0x11), heard(0x22), heard(0x33)));
        printer.listeners = List.of(listener("l2"), listener("l1"));

        assertEquals("stream playing: 10 packets, 7.8 kbit/s, late 1, skipped 0, listeners 3"
                + " | l1: received 9, lost 1, late 0, jitter 0.25 ms, buffered 3, underruns 0, played 8"
                + " | l2: received 9, lost 1, late 0, jitter 0.25 ms, buffered 3, underruns 0, played 8",
                printer.line());
    }

    @Test
    void aBadIntervalIsRefusedInOneLine() throws Exception {
        printer.activate(Map.of("intervalSeconds", "0", SettingsReader.FILE_PROPERTY,
                "file:/c/org.liveaudio.stats.cfg"));
        try {
            assertEquals(List.of("/c/org.liveaudio.stats.cfg: intervalSeconds=0 refused; allowed: 1..3600; keeping the "
                    + "last good configuration"), warnings);
        } finally {
            printer.deactivate();
        }
    }

    @Test
    void aBadIntervalInAModifiedConfigurationIsRefusedToo() throws Exception {
        printer.activate(Map.of("intervalSeconds", "3600"));
        try {
            printer.modified(Map.of("intervalSeconds", "3601", "service.pid", StatsPrinter.PID));

            assertEquals(List.of("configuration org.liveaudio.stats: intervalSeconds=3601 refused; allowed: 1..3600; "
                    + "keeping the last good configuration"), warnings);
        } finally {
            printer.deactivate();
        }
    }

    @Test
    void thePrinterThreadIsADaemonThatEndsWithTheComponent() throws Exception {
        printer.activate(Map.of("intervalSeconds", "3600"));
        assertTrue(printerThreadRuns());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(StatsPrinter.THREAD_NAME)).allMatch(Thread::isDaemon),
                "it does not keep the JVM from exiting");

        printer.deactivate();

        // The executor has terminated; its worker may take a moment more to leave run().
        long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (printerThreadRuns() && System.nanoTime() - giveUp < 0) {
            Thread.sleep(10);
        }
        assertFalse(printerThreadRuns());
    }

    private static boolean printerThreadRuns() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(StatsPrinter.THREAD_NAME) && thread.isAlive());
    }

    private static StreamControl sender(List<ListenerReport> listeners) {
        return new StreamControl() {
            @Override
            public void pause() {
            }

            @Override
            public void play() {
            }

            @Override
            public StreamStatus status() {
                return new StreamStatus("playing", "melody", "", "L16/48000/2", 5_000, "239.255.0.1:5004 on lo", 1,
                        1, Duration.ZERO, Path.of("/x.sdp"), "");
            }

            @Override
            public void title(String title) {
            }

            @Override
            public SenderStats stats() {
                return new SenderStats(10, 9720, 7776, 1, 600, 0, 0, 0);
            }

            @Override
            public String sdp() {
                return "";
            }

            @Override
            public List<ListenerReport> listeners() {
                return listeners;
            }
        };
    }

    private static ListenerReport heard(long ssrc) {
        return new ListenerReport(ssrc, "liveaudio-listener@h", "127.0.0.1:40000", 0, 0, 0.1, 0.2,
                Duration.ofSeconds(1));
    }

    private static ListenerControl listener(String name) {
        return new ListenerControl() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ListenerStats stats() {
                return new ListenerStats(name, "239.255.0.1:5004 on lo", 1, "L16/48000/2 PT 96", 0.25, 3, "null", Map.of(ListenerStats.RECEIVED, 9L, ListenerStats.LOST, 1L, ListenerStats.LATE, 0L, ListenerStats.DUPLICATES, 0L, ListenerStats.REORDERED, 0L, ListenerStats.MALFORMED, 0L, ListenerStats.UNDERRUNS, 0L, ListenerStats.CONCEALED, 1L, ListenerStats.PLAYED, 8L));
            }

            @Override
            public String nowPlaying() {
                return "";
            }

            @Override
            public LatencyStats latency() {
                return LatencyStats.NONE;
            }

            @Override
            public SyncStats sync() {
                return SyncStats.NONE;
            }
        };
    }
}
