package org.liveaudio.web.listen;

import java.util.ArrayList;
import java.util.List;

/** A client that keeps every page it is sent, up to a queue it never drains on its own: a client that stalls. */
final class FakeSubscriber implements Subscriber {
    private final int capacity;
    private final List<byte[]> pages = new ArrayList<>();
    volatile String ended;
    volatile boolean closed;

    FakeSubscriber(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized boolean offer(byte[] page) {
        if (pages.size() >= capacity) {
            return false;
        }
        pages.add(page);
        return true;
    }

    @Override
    public String ended() {
        return ended;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String address() {
        return "127.0.0.1:50000";
    }

    synchronized List<byte[]> pages() {
        return new ArrayList<>(pages);
    }
}
