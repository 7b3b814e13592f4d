package org.liveaudio.web.console;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.osgi.service.log.Logger;

/**
 * Server-Sent Events: every period, one {@code update} event carrying the console's snapshot (JSON) to each page
 * connected, from one thread of its own. The snapshot is made once per period whatever the number of pages, and
 * not at all while none is connected.
 */
final class EventStream {
    static final String THREAD_NAME = "liveaudio-web-events";
    /** Pages connected at once at most; one more is answered 503. */
    static final int MAX_CLIENTS = 16;

    private final Supplier<String> snapshot;
    private final long periodMillis;
    private final Logger log;
    private final List<AsyncContext> clients = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;

    EventStream(Supplier<String> snapshot, long periodMillis, Logger log) {
        this.snapshot = snapshot;
        this.periodMillis = periodMillis;
        this.log = log;
    }

    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::broadcast, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Ends every stream (the pages reconnect to whatever serves next) and the thread. */
    void stop() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(2, TimeUnit.SECONDS);
        for (AsyncContext client : clients) {
            end(client);
        }
    }

    int clients() {
        return clients.size();
    }

    /** Takes the request over as an event stream; its first event goes out at once. */
    void connect(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (clients.size() >= MAX_CLIENTS) {
            response.sendError(503, "at most " + MAX_CLIENTS + " pages at once");
            return;
        }
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        AsyncContext client = request.startAsync();
        client.setTimeout(0);
        client.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                clients.remove(client);
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                end(client);
            }

            @Override
            public void onError(AsyncEvent event) {
                end(client);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // not restarted
            }
        });
        if (send(client, event(snapshot.get()))) {
            clients.add(client);
        }
    }

    private void broadcast() {
        if (clients.isEmpty()) {
            return;
        }
        try {
            byte[] event = event(snapshot.get());
            for (AsyncContext client : clients) {
                send(client, event);
            }
        } catch (RuntimeException e) {
            // One failing snapshot must not end the schedule, which an escaping exception would.
            log.warn("Cannot send the console's live update: {}", e.toString());
        }
    }

    private static byte[] event(String json) {
        return ("event: update\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Writes one event; a page that has gone is dropped. */
    private boolean send(AsyncContext client, byte[] event) {
        try {
            var out = client.getResponse().getOutputStream();
            out.write(event);
            out.flush();
            return true;
        } catch (IOException | IllegalStateException e) {
            end(client);
            return false;
        }
    }

    private void end(AsyncContext client) {
        clients.remove(client);
        try {
            client.complete();
        } catch (IllegalStateException e) {
            // completed already
        }
    }
}
