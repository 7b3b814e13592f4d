package org.liveaudio.transport.srtp;

import org.liveaudio.api.net.StreamKey;

/**
 * The receiving side of SRTCP (RFC 3711 3.4, RFC 7714 9) under the key's suite: checks the tag and decrypts in
 * place (when the E flag says it is encrypted), drops replays by the index the packet carries. The index wraps at 2^31 (see {@link RtcpProtection}): it
 * is taken as the one nearest the highest seen, so the window follows it across the wrap. Synchronized, for an RTCP
 * channel receives on two threads (the group and its time exchange) whose packets share the sources' indices.
 */
public final class RtcpUnprotection {
    private static final long HALF_SPAN = RtcpProtection.INDEX_SPAN / 2;

    private final RtcpCrypto crypto;
    private final SourceWindows sources = new SourceWindows();

    public RtcpUnprotection(StreamKey key) {
        crypto = RtcpCrypto.of(key);
    }

    /**
     * Checks and decrypts the SRTCP packet of {@code length} bytes at the start of {@code packet}.
     *
     * @return the plain compound packet's length, or a negative {@link Verdict}
     */
    public synchronized int unprotect(byte[] packet, int length) {
        if (length < RtcpCrypto.HEADER + crypto.overhead() || (packet[0] & 0xc0) != 0x80) {
            return Verdict.MALFORMED;
        }
        long trailer = crypto.trailer(packet, length);
        long index = trailer & ~RtcpCrypto.ENCRYPTED_FLAG;
        long ssrc = RtcpCrypto.getInt(packet, 4);
        int plain = crypto.open(packet, length, ssrc, trailer);
        if (plain < 0) {
            return Verdict.UNAUTHENTICATED;
        }
        ReplayWindow window = sources.find(ssrc);
        long extended = window == null ? index : nearest(window.highest(), index);
        if (window != null && !window.isNew(extended)) {
            return Verdict.REPLAYED;
        }
        (window == null ? sources.add(ssrc) : window).take(extended);
        return plain;
    }

    /** The index of the unwrapped sequence, ahead of or behind {@code highest} by less than 2^30, of {@code index}. */
    static long nearest(long highest, long index) {
        long delta = Math.floorMod(index - highest, RtcpProtection.INDEX_SPAN);
        return delta < HALF_SPAN ? highest + delta : highest + delta - RtcpProtection.INDEX_SPAN;
    }
}
