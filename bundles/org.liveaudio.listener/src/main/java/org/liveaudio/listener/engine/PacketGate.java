package org.liveaudio.listener.engine;

/**
 * Lets through the packets of one stream: the configured payload type from one SSRC, the first one heard.
 * A different SSRC is taken over only once the locked one has been silent for
 * {@link #SILENCE_BEFORE_RELOCK_NANOS}: that is a sender restarted with a new session, not a stray packet.
 * Time comes from the packets' arrival stamps, so tests choose it. Not thread-safe.
 */
public final class PacketGate {
    static final long SILENCE_BEFORE_RELOCK_NANOS = 2_000_000_000L;
    static final long NO_SOURCE = -1;

    public enum Verdict {
        /** A packet of the locked stream. */
        ACCEPT,
        /** The first packet of a newly locked stream: sequencing starts afresh. */
        NEW_SOURCE,
        /** Wrong payload type or a foreign SSRC: counted malformed and dropped. */
        REJECT
    }

    private int payloadType;
    private long ssrc = NO_SOURCE;
    private long lastAcceptedNanos;
    private long malformed;

    public PacketGate(int payloadType) {
        this.payloadType = payloadType;
    }

    public void expect(int newPayloadType) {
        payloadType = newPayloadType;
    }

    public Verdict check(int packetPayloadType, long packetSsrc, long arrivalNanos) {
        if (packetPayloadType != payloadType) {
            malformed++;
            return Verdict.REJECT;
        }
        if (packetSsrc == ssrc) {
            lastAcceptedNanos = arrivalNanos;
            return Verdict.ACCEPT;
        }
        if (ssrc == NO_SOURCE || arrivalNanos - lastAcceptedNanos > SILENCE_BEFORE_RELOCK_NANOS) {
            ssrc = packetSsrc;
            lastAcceptedNanos = arrivalNanos;
            return Verdict.NEW_SOURCE;
        }
        malformed++;
        return Verdict.REJECT;
    }

    /** The locked SSRC, or -1 before the first packet. */
    public long ssrc() {
        return ssrc;
    }

    public long malformed() {
        return malformed;
    }
}
