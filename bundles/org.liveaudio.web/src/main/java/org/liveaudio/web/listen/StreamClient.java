package org.liveaudio.web.listen;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * One HTTP client of the stream: its response, written with the servlet's non-blocking output, so that neither
 * the encoder's thread nor a container thread ever waits for a slow client. Pages wait in a bounded queue; each
 * write goes out at once (a flush after the queue is empty), for it is live.
 */
final class StreamClient implements Subscriber, WriteListener, AsyncListener {
    private final AsyncContext context;
    private final ServletOutputStream out;
    private final String address;
    private final int capacity;
    private final ArrayDeque<byte[]> queue;
    private boolean unflushed;
    private boolean closed;
    private volatile String ended;

    private StreamClient(AsyncContext context, ServletOutputStream out, String address, int capacity) {
        this.context = context;
        this.out = out;
        this.address = address;
        this.capacity = capacity;
        this.queue = new ArrayDeque<>(capacity);
    }

    /** Takes the request over: its response becomes the stream, written as pages come. */
    static StreamClient start(AsyncContext context, String address, int capacityPages) throws IOException {
        context.setTimeout(0);
        StreamClient client = new StreamClient(context, context.getResponse().getOutputStream(), address,
                capacityPages);
        context.addListener(client);
        client.out.setWriteListener(client);
        return client;
    }

    @Override
    public synchronized boolean offer(byte[] page) {
        if (closed) {
            return true;
        }
        if (queue.size() >= capacity) {
            return false;
        }
        queue.add(page);
        drain();
        return true;
    }

    @Override
    public String ended() {
        return ended;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        try {
            context.complete();
        } catch (IllegalStateException e) {
            // the container completed it already (the client hung up)
        }
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public synchronized void onWritePossible() {
        drain();
    }

    @Override
    public void onError(Throwable failure) {
        gone(failure);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        if (ended == null) {
            ended = "the response ended";
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        ended = "timed out";
    }

    @Override
    public void onError(AsyncEvent event) {
        gone(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    /** Writes while the output takes more without waiting; it calls {@link #onWritePossible} when it does again. */
    private void drain() {
        if (closed) {
            return;
        }
        try {
            while (out.isReady()) {
                byte[] page = queue.poll();
                if (page != null) {
                    out.write(page);
                    unflushed = true;
                } else if (unflushed) {
                    unflushed = false;
                    out.flush();
                } else {
                    return;
                }
            }
        } catch (IOException | IllegalStateException e) {
            gone(e);
        }
    }

    private void gone(Throwable failure) {
        if (ended == null) {
            ended = failure == null ? "connection lost" : failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        }
    }
}
