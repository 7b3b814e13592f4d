package org.liveaudio.api.stream;

/**
 * One-way latency of a listener against the sender's clock, learnt from RTCP sender reports: from the
 * instant the sender's clock assigned a frame (its RTP timestamp) to the instant the frame was received, and
 * to the instant it was handed to the sink. Across machines this includes the clocks' offset.
 *
 * @param samples frames measured; 0 before the first sender report (then every figure is 0)
 */
public record LatencyStats(long samples, double receiveP50Millis, double receiveP99Millis, double receiveMaxMillis,
        double playoutP50Millis, double playoutP99Millis, double playoutMaxMillis) {
    public static final LatencyStats NONE = new LatencyStats(0, 0, 0, 0, 0, 0, 0);
}
