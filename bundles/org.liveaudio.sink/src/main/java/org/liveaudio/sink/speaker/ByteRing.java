package org.liveaudio.sink.speaker;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bytes handed from one thread to another through a fixed ring: the writer never waits (what does not fit is
 * refused whole), the reader waits until there is something to read or the ring is closed. Allocates nothing after
 * construction.
 */
final class ByteRing {
    /** What {@link #take} returns once the ring is closed. */
    static final int CLOSED = -1;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final byte[] ring;
    private int start;
    private int size;
    private boolean closed;

    ByteRing(int capacity) {
        this.ring = new byte[capacity];
    }

    /** Adds {@code length} bytes of {@code bytes}, or nothing if they do not all fit; whether they were added. */
    boolean offer(byte[] bytes, int length) {
        lock.lock();
        try {
            if (closed || length > ring.length - size) {
                return false;
            }
            int end = (start + size) % ring.length;
            int first = Math.min(length, ring.length - end);
            System.arraycopy(bytes, 0, ring, end, first);
            System.arraycopy(bytes, first, ring, 0, length - first);
            size += length;
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to {@code into.length} bytes into {@code into}, the oldest first, once there are any; how many it
     * moved, or {@link #CLOSED} (also when interrupted: the ring's reader is being ended).
     */
    int take(byte[] into) {
        lock.lock();
        try {
            while (size == 0 && !closed) {
                changed.await();
            }
            if (closed) {
                return CLOSED;
            }
            int length = Math.min(size, into.length);
            int first = Math.min(length, ring.length - start);
            System.arraycopy(ring, start, into, 0, first);
            System.arraycopy(ring, 0, into, first, length - first);
            start = (start + length) % ring.length;
            size -= length;
            return length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CLOSED;
        } finally {
            lock.unlock();
        }
    }

    /** The bytes waiting to be taken. */
    int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses bytes from now on and ends a {@link #take} waiting or to come; what is in the ring is dropped. */
    void close() {
        lock.lock();
        try {
            closed = true;
            size = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
