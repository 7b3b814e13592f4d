package org.liveaudio.api.stream;

/**
 * How a listener keeps in step with its sender and the other listeners.
 *
 * @param inStep whether it plays each frame at the instant the sender's clock and playout delay give it (false:
 *     by its own clock, for a sender that announces no delay)
 * @param playoutDelayMillis the delay after capture the sender announces, NaN before it did
 * @param clockOffsetMillis the sender's clock minus this listener's, as estimated by time exchanges
 * @param roundTripMillis the round trip of the exchange the estimate trusts most, NaN before any
 * @param sinkDriftPpm how fast the sink's own clock runs against the sender's, NaN for a sink without one
 */
public record SyncStats(boolean inStep, double playoutDelayMillis, double clockOffsetMillis, double roundTripMillis,
        double sinkDriftPpm) {
    public static final SyncStats NONE = new SyncStats(false, Double.NaN, 0, Double.NaN, Double.NaN);
}
