package org.liveaudio.transport.srtp;

/** Why a protected packet was dropped; a negative length in place of the plain packet's. */
public final class Verdict {
    /** Not an RTP or RTCP packet this layer can read (too short, wrong version, header past the end). */
    public static final int MALFORMED = -1;
    /** The tag is not the one the key makes: another key, no key, or altered on the way. */
    public static final int UNAUTHENTICATED = -2;
    /** A packet taken before, or too old to tell (behind the replay window). */
    public static final int REPLAYED = -3;

    private Verdict() {
    }
}
