package org.liveaudio.control.sender;

import java.util.StringJoiner;
import org.osgi.service.log.Logger;

/**
 * What is wrong with the stream, as its status shows it: a refused configuration, what keeps it from
 * playing (a missing service, a source or socket that would not open), the last failed send. The log gets a
 * warning only for what lasts: while a bundle is updated, or the framework stops, services are missing for a
 * moment and nobody need act.
 */
final class StreamProblems {
    /** How long a problem may last before it is worth a warning rather than a note. */
    static final long WARN_AFTER_NANOS = 5_000_000_000L;

    private final Logger log;
    private String refusal = "";
    private String wiring = "";
    private String sending = "";
    private String noted;
    private long since;
    private boolean warned;

    StreamProblems(Logger log) {
        this.log = log;
    }

    void refused(String reason) {
        refusal = reason;
    }

    void configured() {
        refusal = "";
    }

    /**
     * Sets what keeps the stream from playing, empty when nothing does.
     *
     * @return whether that changed since the last time, which is worth a line in the log
     */
    boolean wiring(String problems, long now) {
        wiring = problems;
        if (problems.equals(noted)) {
            return false;
        }
        noted = problems;
        since = now;
        warned = false;
        return true;
    }

    void sendFailed(String problem) {
        sending = problem;
    }

    /** Allocates nothing: called for every packet sent. */
    void sent() {
        if (!sending.isEmpty()) {
            sending = "";
        }
    }

    /** Warns once when what keeps the stream from playing has lasted {@link #WARN_AFTER_NANOS}. */
    void escalate(String state, long now) {
        if (!warned && !wiring.isEmpty() && now - since >= WARN_AFTER_NANOS) {
            warned = true;
            log.warn("Stream {} for {} s now: {}", state, (now - since) / 1_000_000_000L, wiring);
        }
    }

    /** All of it, for the status line; empty when nothing is wrong. */
    String text() {
        StringJoiner joined = new StringJoiner("; ");
        for (String part : new String[] {refusal, wiring, sending}) {
            if (!part.isEmpty()) {
                joined.add(part);
            }
        }
        return joined.toString();
    }
}
