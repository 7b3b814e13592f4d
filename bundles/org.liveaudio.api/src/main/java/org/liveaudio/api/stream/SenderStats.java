package org.liveaudio.api.stream;

/**
 * Counters of the sender since its stream began.
 *
 * @param bitsPerSecond payload and header bits sent over the last second
 * @param framesLate frames sent after their deadline by more than a tenth of a frame
 * @param worstLatenessMicros the latest any frame was sent after its deadline
 * @param framesSkipped frames dropped after a stall longer than the catch-up allowance
 * @param pauses how often the stream was paused
 * @param sendErrors packets the network refused
 */
public record SenderStats(long packetsSent, long bytesSent, long bitsPerSecond, long framesLate,
        long worstLatenessMicros, long framesSkipped, long pauses, long sendErrors) {
}
