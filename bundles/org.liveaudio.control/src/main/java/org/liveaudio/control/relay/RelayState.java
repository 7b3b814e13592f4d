package org.liveaudio.control.relay;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.osgi.service.log.Logger;

/**
 * What the relay is doing, told once per change: a log line when the state or its reason changes (a server that
 * stays away gives one warning, not one per try), and a status line whenever asked.
 */
final class RelayState {
    static final String STARTING = "starting";
    static final String STREAMING = "streaming";
    static final String WAITING = "waiting";
    static final String REFUSED = "refused";

    private final Logger log;
    private final LongSupplier nanoClock;
    private volatile String state = STARTING;
    private volatile String reason = "no frame of the stream yet";
    private volatile long sinceNanos;
    private volatile long retryAtNanos;
    private volatile int connections;

    RelayState(Logger log, LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
        this.sinceNanos = nanoClock.getAsLong();
    }

    void streaming(String target, int kilobitsPerSecond) {
        connections++;
        if (change(STREAMING, "Ogg Opus " + kilobitsPerSecond + " kbit/s")) {
            log.info("relay to {}: streaming (Ogg Opus {} kbit/s)", target, kilobitsPerSecond);
        }
    }

    /** The relay cannot stream now and tries again at {@code retryAt} ({@link System#nanoTime()}), if ever. */
    void waiting(String target, String why, long retryAt) {
        retryAtNanos = retryAt;
        if (change(WAITING, why)) {
            log.warn("relay to {}: not streaming: {}; trying again with growing pauses (up to {} s)", target, why,
                    IcecastRelay.MAX_BACKOFF.toSeconds());
        }
    }

    /** Nothing will change until something else does (a configuration, a codec, the stream's format). */
    void stuck(String target, String why) {
        retryAtNanos = 0;
        if (change(WAITING, why)) {
            log.warn("relay to {}: not streaming: {}", target, why);
        }
    }

    void refused(String why) {
        retryAtNanos = 0;
        if (change(REFUSED, why)) {
            log.warn("relay: configuration refused: {}", why);
        }
    }

    String state() {
        return state;
    }

    /** One line for {@code stream:status}. */
    String status(String target, long framesDropped) {
        long now = nanoClock.getAsLong();
        String line = "relay" + (target == null ? "" : " to " + target) + ": " + state + " (" + reason + ") for "
                + seconds(now - sinceNanos);
        if (WAITING.equals(state) && retryAtNanos != 0) {
            line += ", next try in " + seconds(Math.max(0, retryAtNanos - now));
        }
        return line + ", " + connections + (connections == 1 ? " connection" : " connections") + ", "
                + framesDropped + " frames dropped";
    }

    private boolean change(String newState, String newReason) {
        if (newState.equals(state) && newReason.equals(reason)) {
            return false;
        }
        state = newState;
        reason = newReason;
        sinceNanos = nanoClock.getAsLong();
        return true;
    }

    private static String seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds() + " s";
    }
}
