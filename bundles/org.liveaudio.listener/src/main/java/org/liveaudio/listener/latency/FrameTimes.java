package org.liveaudio.listener.latency;

/** Where the frames of a stream lie on its sender's clock. */
@FunctionalInterface
public interface FrameTimes {
    /** What {@link #senderEpochNanos} returns while the stream's timeline is unknown. */
    long NO_TIME = Long.MIN_VALUE;

    /** The sender's time (ns since the epoch) of frame {@code timestamp} of stream {@code ssrc}, or NO_TIME. */
    long senderEpochNanos(long ssrc, long timestamp);
}
