package org.liveaudio.transport.srtp;

import org.liveaudio.api.net.StreamKey;

/**
 * The receiving side of SRTCP (RFC 3711 3.4): checks the tag, drops replays by the index the packet carries,
 * decrypts in place when the E flag says it is encrypted. The index wraps at 2^31 (see {@link RtcpProtection}): it
 * is taken as the one nearest the highest seen, so the window follows it across the wrap. Synchronized, for an RTCP
 * channel receives on two threads (the group and its time exchange) whose packets share the sources' indices.
 */
public final class RtcpUnprotection {
    private static final int TRAILER = RtcpProtection.OVERHEAD;
    private static final long HALF_SPAN = RtcpProtection.INDEX_SPAN / 2;

    private final SessionCipher session;
    private final SourceWindows sources = new SourceWindows();

    public RtcpUnprotection(StreamKey key) {
        session = SessionCipher.forRtcp(key);
    }

    /**
     * Checks and decrypts the SRTCP packet of {@code length} bytes at the start of {@code packet}.
     *
     * @return the plain compound packet's length, or a negative {@link Verdict}
     */
    public synchronized int unprotect(byte[] packet, int length) {
        if (length < RtcpProtection.HEADER + TRAILER || (packet[0] & 0xc0) != 0x80) {
            return Verdict.MALFORMED;
        }
        int tagAt = length - PacketAuthentication.TAG_LENGTH;
        if (!session.authentication.verify(packet, 0, tagAt, -1, tagAt)) {
            return Verdict.UNAUTHENTICATED;
        }
        int trailer = tagAt - 4;
        boolean encrypted = (packet[trailer] & 0x80) != 0;
        long index = (packet[trailer] & 0x7fL) << 24 | (packet[trailer + 1] & 0xff) << 16
                | (packet[trailer + 2] & 0xff) << 8 | packet[trailer + 3] & 0xff;
        long ssrc = (packet[4] & 0xffL) << 24 | (packet[5] & 0xff) << 16 | (packet[6] & 0xff) << 8
                | packet[7] & 0xff;
        ReplayWindow window = sources.find(ssrc);
        long extended = window == null ? index : nearest(window.highest(), index);
        if (window != null && !window.isNew(extended)) {
            return Verdict.REPLAYED;
        }
        (window == null ? sources.add(ssrc) : window).take(extended);
        if (encrypted) {
            session.apply(ssrc, index, packet, RtcpProtection.HEADER, trailer - RtcpProtection.HEADER);
        }
        return trailer;
    }

    /** The index of the unwrapped sequence, ahead of or behind {@code highest} by less than 2^30, of {@code index}. */
    static long nearest(long highest, long index) {
        long delta = Math.floorMod(index - highest, RtcpProtection.INDEX_SPAN);
        return delta < HALF_SPAN ? highest + delta : highest + delta - RtcpProtection.INDEX_SPAN;
    }
}
