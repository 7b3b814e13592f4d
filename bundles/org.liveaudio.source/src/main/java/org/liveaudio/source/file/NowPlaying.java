package org.liveaudio.source.file;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * The title of what plays now, though the read-ahead thread opens each file up to a ring's length before it
 * plays: that thread marks the sample at which each file's audio starts, and the title changes once the clock
 * thread has taken that far. Only the read-ahead thread and the occasional {@link #at} call touch the marks, so
 * the clock thread's reads stay free of locks and allocation.
 */
final class NowPlaying {
    private record Mark(long sample, String title) {
    }

    private final Queue<Mark> upcoming = new ArrayDeque<>();
    private String current = "";

    /** The file titled {@code title} starts at the read-ahead's {@code sample}-th sample. */
    synchronized void starts(long sample, String title) {
        upcoming.add(new Mark(sample, title));
    }

    /** The title once {@code played} samples have been taken. */
    synchronized String at(long played) {
        while (!upcoming.isEmpty() && upcoming.peek().sample() <= played) {
            current = upcoming.remove().title();
        }
        return current;
    }
}
