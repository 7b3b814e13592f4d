package org.liveaudio.log.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.Bundle;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.Logger;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;

/**
 * The log service as Felix Log 1.3 behaves towards a listener: entries are delivered on a thread of their
 * own, in batches, each batch to the listeners there were when it began. A batch can be held after its first
 * entry, which is where a listener that closes meets the entries still on their way.
 */
final class FakeLog implements AutoCloseable {
    static final String BUNDLE = "org.liveaudio.test";
    /** The log service numbers its entries in the order they were logged. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    final List<LogEntry> history = new ArrayList<>();
    final Map<String, LogLevel> rootLevels = new ConcurrentHashMap<>();
    final List<LogListener> listeners = new CopyOnWriteArrayList<>();
    final List<Throwable> listenerFailures = new CopyOnWriteArrayList<>();
    private final List<LogEntry> queue = new ArrayList<>();
    private final List<String> queuedMessages = new ArrayList<>();
    private final Thread delivery = new Thread(this::deliver, "fake-FelixLogListener");
    private volatile CountDownLatch held;
    private volatile CountDownLatch release;

    FakeLog() {
        delivery.setDaemon(true);
        delivery.start();
    }

    void log(LogLevel level, String message) {
        log(level, BUNDLE, "org.liveaudio.test.Component", message);
    }

    /** Every message queued so far, in order. */
    List<String> queuedMessages() {
        synchronized (queue) {
            return List.copyOf(queuedMessages);
        }
    }

    /** The next batch stops after its first entry until {@link #release()}; the returned latch says when. */
    CountDownLatch holdNextBatch() {
        release = new CountDownLatch(1);
        held = new CountDownLatch(1);
        return held;
    }

    void release() {
        release.countDown();
    }

    /** Runs as the history is read, as a component of another thread may log at that moment. */
    volatile Runnable whileHistoryIsRead = () -> { };

    LogReaderService reader() {
        return proxy(LogReaderService.class, (method, args) -> switch (method) {
            case "getLog" -> {
                whileHistoryIsRead.run();
                yield Collections.enumeration(history);
            }
            case "addLogListener" -> listeners.add((LogListener) args[0]);
            case "removeLogListener" -> listeners.remove(args[0]);
            default -> throw new UnsupportedOperationException(method);
        });
    }

    @SuppressWarnings("unchecked")
    LoggerAdmin admin() {
        LoggerContext root = proxy(LoggerContext.class, (method, args) -> {
            if (method.equals("setLogLevels")) {
                rootLevels.putAll((Map<String, LogLevel>) args[0]);
                return null;
            }
            throw new UnsupportedOperationException(method);
        });
        return proxy(LoggerAdmin.class, (method, args) -> root);
    }

    /** The Logger that DS injects into LogWriter: its bundle's, named after its class. */
    Logger writersLogger() {
        return proxy(Logger.class, (method, args) -> {
            LogLevel level = LogLevel.valueOf(method.toUpperCase(java.util.Locale.ROOT));
            log(level, "org.liveaudio.log", LogWriter.class.getName(), (String) args[0]);
            return null;
        });
    }

    static LogEntry entry(LogLevel level, String message, Throwable exception) {
        return entry(level, BUNDLE, "org.liveaudio.test.Component", message, exception);
    }

    private void log(LogLevel level, String bundle, String loggerName, String message) {
        synchronized (queue) {
            queue.add(entry(level, bundle, loggerName, message, null));
            queuedMessages.add(message);
            queue.notifyAll();
        }
    }

    private void deliver() {
        try {
            while (true) {
                List<LogEntry> batch;
                synchronized (queue) {
                    while (queue.isEmpty()) {
                        queue.wait();
                    }
                    batch = new ArrayList<>(queue);
                    queue.clear();
                }
                List<LogListener> snapshot = new ArrayList<>(listeners);
                CountDownLatch holding = held;
                for (int i = 0; i < batch.size(); i++) {
                    for (LogListener listener : snapshot) {
                        try {
                            listener.logged(batch.get(i));
                        } catch (RuntimeException | Error e) {
                            listenerFailures.add(e);
                        }
                    }
                    if (i == 0 && holding != null) {
                        held = null;
                        holding.countDown();
                        release.await(10, TimeUnit.SECONDS);
                    }
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    @Override
    public void close() {
        delivery.interrupt();
    }

    static LogEntry entry(LogLevel level, String bundleName, String loggerName, String message,
            Throwable exception) {
        Bundle bundle = proxy(Bundle.class, (method, args) -> bundleName);
        long time = System.currentTimeMillis();
        long sequence = SEQUENCE.incrementAndGet();
        return proxy(LogEntry.class, (method, args) -> switch (method) {
            case "getLogLevel" -> level;
            case "getMessage" -> message;
            case "getException" -> exception;
            case "getBundle" -> bundle;
            case "getLoggerName" -> loggerName;
            case "getTime" -> time;
            case "getSequence" -> sequence;
            case "toString" -> level + " " + message;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args)));
    }
}
