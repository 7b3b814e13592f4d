package org.liveaudio.control.sender;

import java.util.function.LongSupplier;

/** A clock that moves only when a test moves it. */
final class FakeClock implements LongSupplier {
    private long now;

    FakeClock(long start) {
        now = start;
    }

    @Override
    public synchronized long getAsLong() {
        return now;
    }

    synchronized void set(long time) {
        now = time;
    }

    synchronized void advance(long delta) {
        now += delta;
    }
}
