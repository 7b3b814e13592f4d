package org.liveaudio.transport.srtp;

/**
 * The replay list of RFC 3711 3.3.2 as a sliding window of the last {@value #SIZE} indices below the highest one
 * taken: a packet is new when its index is above the highest or inside the window and not taken yet. Marked only
 * after authentication, so that a forged packet cannot move the window.
 */
final class ReplayWindow {
    static final int SIZE = 64;

    private boolean empty = true;
    private long highest;
    /** Bit {@code n} set: index {@code highest - n} was taken. */
    private long taken;

    /** Whether a packet of {@code index} would be new. */
    boolean isNew(long index) {
        if (empty || index > highest) {
            return true;
        }
        long behind = highest - index;
        return behind < SIZE && (taken & 1L << behind) == 0;
    }

    /** Marks {@code index}, which {@link #isNew} accepted and which authenticated. */
    void take(long index) {
        if (empty) {
            empty = false;
            highest = index;
            taken = 1;
        } else if (index > highest) {
            long ahead = index - highest;
            taken = ahead >= SIZE ? 1 : taken << ahead | 1;
            highest = index;
        } else {
            taken |= 1L << (highest - index);
        }
    }

    /** The highest index taken; meaningless while none was. */
    long highest() {
        return highest;
    }

    boolean isEmpty() {
        return empty;
    }
}
