package org.liveaudio.listener.engine;

/**
 * Lets through the packets of one stream: the configured payload type from one SSRC, the first one heard.
 * A different SSRC is taken over only once the locked one has been silent for
 * {@link #SILENCE_BEFORE_RELOCK_NANOS}: that is a sender restarted with a new session, not a stray packet.
 * A locked sender that said BYE is released at once; should it send again more than
 * {@link #BYE_GRACE_NANOS} after its BYE (a sender restarted with the same SSRC), it holds the lock again, as a
 * new source: another run of the sender, with a timeline of its own. Time comes from the packets' arrival stamps
 * (or the reports', for {@link #wouldTake}), so tests choose it. Not thread-safe.
 */
public final class PacketGate {
    static final long SILENCE_BEFORE_RELOCK_NANOS = 2_000_000_000L;
    /** Longer than packets sent before a BYE can trail it, the RTP and RTCP sockets being separate. */
    static final long BYE_GRACE_NANOS = 250_000_000L;
    static final long NO_SOURCE = -1;

    public enum Verdict {
        /** A packet of the locked stream. */
        ACCEPT,
        /** The first packet of a newly locked stream: sequencing starts afresh. */
        NEW_SOURCE,
        /** A foreign SSRC while the locked stream lives: counted malformed and dropped. */
        REJECT,
        /** Another payload type than the configured one: counted malformed and dropped. */
        WRONG_PAYLOAD_TYPE
    }

    private int payloadType;
    private long ssrc = NO_SOURCE;
    private long lastAcceptedNanos;
    private boolean released;
    private long releasedNanos;
    private long malformed;

    public PacketGate(int payloadType) {
        this.payloadType = payloadType;
    }

    public void expect(int newPayloadType) {
        payloadType = newPayloadType;
    }

    public int payloadType() {
        return payloadType;
    }

    public Verdict check(int packetPayloadType, long packetSsrc, long arrivalNanos) {
        if (packetPayloadType != payloadType) {
            malformed++;
            return Verdict.WRONG_PAYLOAD_TYPE;
        }
        if (packetSsrc == ssrc) {
            lastAcceptedNanos = arrivalNanos;
            if (released && arrivalNanos - releasedNanos > BYE_GRACE_NANOS) {
                released = false;
                return Verdict.NEW_SOURCE;
            }
            return Verdict.ACCEPT;
        }
        if (wouldTake(packetSsrc, arrivalNanos)) {
            ssrc = packetSsrc;
            released = false;
            lastAcceptedNanos = arrivalNanos;
            return Verdict.NEW_SOURCE;
        }
        malformed++;
        return Verdict.REJECT;
    }

    /**
     * Whether a packet of {@code otherSsrc}, another stream than the locked one, would be locked onto at
     * {@code nanos}: before any stream, after the locked one's BYE, or after its silence.
     */
    public boolean wouldTake(long otherSsrc, long nanos) {
        return otherSsrc != ssrc && (ssrc == NO_SOURCE || released
                || nanos - lastAcceptedNanos > SILENCE_BEFORE_RELOCK_NANOS);
    }

    /**
     * The sender {@code byeSsrc} said BYE at {@code nanos}: if it is the locked one, the next other stream is
     * taken at once.
     *
     * @return whether this released the locked stream; false for another SSRC or one already released
     */
    public boolean release(long byeSsrc, long nanos) {
        if (byeSsrc != ssrc || released) {
            return false;
        }
        released = true;
        releasedNanos = nanos;
        return true;
    }

    /** The locked SSRC, or -1 before the first packet. */
    public long ssrc() {
        return ssrc;
    }

    public long malformed() {
        return malformed;
    }
}
