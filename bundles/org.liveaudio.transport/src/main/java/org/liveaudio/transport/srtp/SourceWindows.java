package org.liveaudio.transport.srtp;

/**
 * A replay window per synchronization source, for the few sources one receiver hears (the stream's sender, a
 * sender after a restart, listeners on RTCP): a small table searched in order, whose least recently used entry
 * makes room for a new source. Windows are made only for packets that authenticated, so forged SSRCs cannot
 * crowd out the real one.
 */
final class SourceWindows {
    static final int CAPACITY = 16;

    private final long[] ssrcs = new long[CAPACITY];
    private final ReplayWindow[] windows = new ReplayWindow[CAPACITY];
    private final long[] used = new long[CAPACITY];
    private int size;
    private long clock;

    /** The window of {@code ssrc}, or null for a source not heard from (or evicted). */
    ReplayWindow find(long ssrc) {
        for (int i = 0; i < size; i++) {
            if (ssrcs[i] == ssrc) {
                used[i] = ++clock;
                return windows[i];
            }
        }
        return null;
    }

    /** A new window for {@code ssrc}, which {@link #find} did not know. */
    ReplayWindow add(long ssrc) {
        int slot = size < CAPACITY ? size++ : leastRecentlyUsed();
        ssrcs[slot] = ssrc;
        windows[slot] = new ReplayWindow();
        used[slot] = ++clock;
        return windows[slot];
    }

    private int leastRecentlyUsed() {
        int oldest = 0;
        for (int i = 1; i < CAPACITY; i++) {
            if (used[i] < used[oldest]) {
                oldest = i;
            }
        }
        return oldest;
    }
}
