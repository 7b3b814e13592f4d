package org.liveaudio.transport.srtp;

import org.liveaudio.api.net.StreamKey;
import org.osgi.service.log.Logger;

/**
 * Counts what a protected receiver drops and says in one line when its state changes, never per packet: the first
 * packet that authenticates, packets that have not authenticated for {@value #FAILING_AFTER_MILLIS} ms while
 * datagrams keep coming (another key, or none), the first replay. A rogue sender's packets among the real ones
 * change no state: they show in the counts. Synchronized, for an RTCP channel receives on two threads.
 */
public final class ProtectionWatch {
    static final long FAILING_AFTER_MILLIS = 500;
    private static final long FAILING_AFTER_NANOS = FAILING_AFTER_MILLIS * 1_000_000;
    private static final long NEVER = Long.MIN_VALUE;

    private final Logger log;
    private final Object owner;
    private final StreamKey key;
    private volatile long unauthenticated;
    private volatile long replayed;
    private long failingSince = NEVER;
    private boolean failing;
    private boolean heard;
    private boolean replayLogged;

    /** @param owner names the receiver in log lines */
    public ProtectionWatch(Logger log, Object owner, StreamKey key) {
        this.log = log;
        this.owner = owner;
        this.key = key;
    }

    /** A packet authenticated at {@code now} ({@link System#nanoTime()}). */
    public synchronized void accepted(long now) {
        failingSince = NEVER;
        if (!heard || failing) {
            log.info("{}: packets authenticate under {}{}", owner, key, heard ? " again" : "");
        }
        heard = true;
        failing = false;
    }

    /** A packet was dropped at {@code now} for {@code verdict}, one of {@link Verdict}'s. */
    public synchronized void dropped(int verdict, long now) {
        if (verdict == Verdict.REPLAYED) {
            replayed++;
            if (!replayLogged) {
                replayLogged = true;
                log.info("{}: dropped a replayed packet; counting further replays without logging them", owner);
            }
            return;
        }
        unauthenticated++;
        if (failingSince == NEVER) {
            failingSince = now;
        }
        if (!failing && now - failingSince >= FAILING_AFTER_NANOS) {
            failing = true;
            log.warn("{}: no packet has authenticated under {} for {} ms though packets arrive: they are sent under "
                    + "another key or unprotected; dropping and counting them, playing nothing of them", owner, key,
                    FAILING_AFTER_MILLIS);
        }
    }

    public long unauthenticated() {
        return unauthenticated;
    }

    public long replayed() {
        return replayed;
    }
}
