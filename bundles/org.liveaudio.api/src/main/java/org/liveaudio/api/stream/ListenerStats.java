package org.liveaudio.api.stream;

import java.util.Map;

/**
 * One listener's state and counters since it started. The counters are named (see the constants), so a new
 * one is an addition to this package, never a change of its types.
 *
 * @param endpoint group:port and interface it listens on
 * @param ssrc the stream it locked onto, or -1 before the first packet
 * @param codec the payload format it expects, as the SDP names it (e.g. {@code opus/48000/2 PT 96})
 * @param jitterMillis RFC 3550 interarrival jitter
 * @param bufferedFrames frames waiting in the jitter buffer now
 * @param sink where the audio goes
 * @param counters every counter by its name; a counter a listener does not keep is absent and reads as 0
 */
public record ListenerStats(String name, String endpoint, long ssrc, String codec, double jitterMillis,
        int bufferedFrames, String sink, Map<String, Long> counters) {
    /** Packets taken into the jitter buffer. */
    public static final String RECEIVED = "received";
    /** Packets that never arrived in time and were not rebuilt from FEC repair in time (gaps at playout). */
    public static final String LOST = "lost";
    /** Packets that arrived after their frame was played. */
    public static final String LATE = "late";
    public static final String DUPLICATES = "duplicates";
    /** Packets that arrived before one with a lower sequence number. */
    public static final String REORDERED = "reordered";
    /** Datagrams dropped as invalid: bad header, payload type, foreign SSRC. */
    public static final String MALFORMED = "malformed";
    /** Well-formed packets whose payload the listener's codec cannot decode (another codec's, or corrupt). */
    public static final String UNDECODABLE = "undecodable";
    /** Playout periods with nothing to play. */
    public static final String UNDERRUNS = "underruns";
    /** Frames played as the codec's concealment (or silence) in place of lost or undecodable ones. */
    public static final String CONCEALED = "concealed";
    /**
     * Packets lost on the way and rebuilt from the FEC repair stream in time to play; not counted as received. Lost
     * on the wire = {@link #LOST} + this.
     */
    public static final String FEC_RECOVERED = "fecRecovered";
    /** Lost frames rebuilt from the codec's own redundancy in the next packet (Opus in-band FEC). */
    public static final String CODEC_FEC_RECOVERED = "codecFecRecovered";
    /**
     * Lost frames whose slot had already gone by (the playout stalled past their instant): nothing stood in for
     * them. Lost = concealed + rebuilt by FEC + passed over, while the stream plays.
     */
    public static final String PASSED_OVER = "passedOver";
    /** Datagrams of a protected stream (RTP and RTCP) dropped because they do not authenticate under its key. */
    public static final String UNAUTHENTICATED = "unauthenticated";
    /** Datagrams of a protected stream (RTP and RTCP) dropped as replays of packets taken before. */
    public static final String REPLAYED = "replayed";
    /** Frames handed to the sink, filler included. */
    public static final String PLAYED = "played";

    public ListenerStats {
        counters = Map.copyOf(counters);
    }

    /** The counter named {@code counter}, 0 when this listener does not keep it. */
    public long count(String counter) {
        return counters.getOrDefault(counter, 0L);
    }

    public long received() {
        return count(RECEIVED);
    }

    public long lost() {
        return count(LOST);
    }

    public long late() {
        return count(LATE);
    }

    public long duplicates() {
        return count(DUPLICATES);
    }

    public long reordered() {
        return count(REORDERED);
    }

    public long malformed() {
        return count(MALFORMED);
    }

    public long undecodable() {
        return count(UNDECODABLE);
    }

    public long underruns() {
        return count(UNDERRUNS);
    }

    public long concealedFrames() {
        return count(CONCEALED);
    }

    public long fecRecovered() {
        return count(FEC_RECOVERED);
    }

    public long codecFecRecovered() {
        return count(CODEC_FEC_RECOVERED);
    }

    public long passedOver() {
        return count(PASSED_OVER);
    }

    public long unauthenticated() {
        return count(UNAUTHENTICATED);
    }

    public long replayed() {
        return count(REPLAYED);
    }

    public long framesPlayed() {
        return count(PLAYED);
    }
}
