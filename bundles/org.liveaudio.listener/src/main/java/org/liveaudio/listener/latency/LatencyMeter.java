package org.liveaudio.listener.latency;

import java.util.function.LongUnaryOperator;
import org.liveaudio.api.stream.LatencyStats;

/**
 * One listener's one-way latency against the sender's clock: from a frame's time on the sender's clock (its
 * RTP timestamp placed on the sender's timeline) to its arrival, and to the moment it is handed to the
 * sink. The receive thread records arrivals and the playout thread hand-overs, each into its own histogram,
 * without allocating; locking onto a new stream starts both afresh.
 */
public final class LatencyMeter {
    private static final double NANOS_PER_MILLI = 1e6;

    private final FrameTimes frames;
    private final LongUnaryOperator senderTimeAt;
    private volatile LatencyHistogram receive = new LatencyHistogram();
    private volatile LatencyHistogram playout = new LatencyHistogram();

    /**
     * @param frames where each frame lies on the sender's clock: by sender reports or time exchanges
     * @param senderTimeAt the sender's clock (ns since the epoch) at a {@link System#nanoTime()} reading here:
     *     this machine's wall clock corrected by the estimated offset between the two
     */
    public LatencyMeter(FrameTimes frames, LongUnaryOperator senderTimeAt) {
        this.frames = frames;
        this.senderTimeAt = senderTimeAt;
    }

    /**
     * Receive thread: records the arrival of frame {@code timestamp} of stream {@code ssrc}.
     *
     * @return the frame's time on the sender's clock (ns since the epoch), to pass to {@link #handed} when it
     *         plays; {@link FrameTimes#NO_TIME} while the stream's timeline is unknown
     */
    public long received(long ssrc, long timestamp, long receivedNanos) {
        long sent = frames.senderEpochNanos(ssrc, timestamp);
        if (sent != FrameTimes.NO_TIME) {
            receive.record(senderTimeAt.applyAsLong(receivedNanos) - sent);
        }
        return sent;
    }

    /**
     * Receive thread: the sender's time of a frame that did not arrive by itself (rebuilt from FEC repair), which
     * is no sample of the network's latency.
     */
    public long senderTime(long ssrc, long timestamp) {
        return frames.senderEpochNanos(ssrc, timestamp);
    }

    /** Playout thread: records a received frame handed to the sink at {@code handedNanos} (nanoTime). */
    public void handed(long sentEpochNanos, long handedNanos) {
        if (sentEpochNanos != FrameTimes.NO_TIME) {
            playout.record(senderTimeAt.applyAsLong(handedNanos) - sentEpochNanos);
        }
    }

    /** Receive thread: the listener locked onto another stream; what was measured belongs to the last one. */
    public void relock() {
        receive = new LatencyHistogram();
        playout = new LatencyHistogram();
    }

    /** Since the listener locked onto its stream; {@code samples} counts the frames measured on arrival. */
    public LatencyStats stats() {
        LatencyHistogram.Snapshot received = receive.snapshot();
        LatencyHistogram.Snapshot played = playout.snapshot();
        if (received.count() == 0 && played.count() == 0) {
            return LatencyStats.NONE;
        }
        return new LatencyStats(received.count(), millis(received.percentileNanos(50)),
                millis(received.percentileNanos(99)), millis(received.maxNanos()),
                millis(played.percentileNanos(50)), millis(played.percentileNanos(99)), millis(played.maxNanos()));
    }

    private static double millis(long nanos) {
        return nanos / NANOS_PER_MILLI;
    }
}
