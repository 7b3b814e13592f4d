package org.liveaudio.api.stream;

/**
 * Counters of one listener since it started.
 *
 * @param endpoint group:port and interface it listens on
 * @param ssrc the stream it locked onto, or -1 before the first packet
 * @param lost packets that never arrived in time (gaps in the sequence at playout)
 * @param late packets that arrived after their frame was played
 * @param reordered packets that arrived before one with a lower sequence number
 * @param malformed datagrams dropped as invalid (bad header, payload type, foreign SSRC)
 * @param jitterMillis RFC 3550 interarrival jitter
 * @param bufferedFrames frames waiting in the jitter buffer now
 * @param underruns playout periods with nothing to play
 * @param concealedFrames frames played as filler in place of lost ones
 * @param framesPlayed frames handed to the sink, filler included
 * @param sink where the audio goes
 */
public record ListenerStats(String name, String endpoint, long ssrc, long received, long lost, long late,
        long duplicates, long reordered, long malformed, double jitterMillis, int bufferedFrames,
        long underruns, long concealedFrames, long framesPlayed, String sink) {
}
