package org.liveaudio.transport.srtp;

import java.util.function.LongSupplier;
import org.liveaudio.api.net.StreamKey;

/**
 * The sending side of SRTCP (RFC 3711 3.4) with AES_CM_128_HMAC_SHA1_80: encrypts a compound packet after its first
 * eight bytes, appends the E flag with the SRTCP index, then the 80-bit tag. The index counts per source; its first
 * value is the wall clock's milliseconds modulo 2^31, not 0, so that a sender started again under the same key and
 * SSRC (a continued session) neither repeats an index of its last run, which would reuse keystream, nor falls behind
 * its listeners' replay windows. The index space lasts 24 days at that pace; a stream that runs longer should get a
 * new key (RFC 3711 9.2 asks for one before 2^31 packets anyway). Not thread-safe: the channel sends under a lock.
 */
public final class RtcpProtection {
    /** What protection adds to a compound packet: the E flag and index, and the tag. */
    public static final int OVERHEAD = 4 + PacketAuthentication.TAG_LENGTH;
    static final int HEADER = 8;
    static final long INDEX_SPAN = 1L << 31;
    private static final int ENCRYPTED_FLAG = 0x80;

    private final SessionCipher session;
    private final LongSupplier wallMillis;
    private final long[] ssrcs = new long[SourceWindows.CAPACITY];
    private final long[] nextIndices = new long[SourceWindows.CAPACITY];
    private int sources;

    public RtcpProtection(StreamKey key, LongSupplier wallMillis) {
        this.session = SessionCipher.forRtcp(key);
        this.wallMillis = wallMillis;
    }

    /**
     * Protects the compound packet of {@code length} bytes at the start of {@code packet}, which has room for
     * {@link #OVERHEAD} more.
     *
     * @return the protected packet's length
     */
    public int protect(byte[] packet, int length) {
        long ssrc = (packet[4] & 0xffL) << 24 | (packet[5] & 0xff) << 16 | (packet[6] & 0xff) << 8
                | packet[7] & 0xff;
        long index = takeIndex(ssrc);
        session.apply(ssrc, index, packet, HEADER, length - HEADER);
        packet[length] = (byte) (ENCRYPTED_FLAG | index >>> 24);
        packet[length + 1] = (byte) (index >>> 16);
        packet[length + 2] = (byte) (index >>> 8);
        packet[length + 3] = (byte) index;
        session.authentication.tag(packet, 0, length + 4, packet, length + 4);
        return length + OVERHEAD;
    }

    /** The next index of {@code ssrc}; the few sources a channel sends for are kept, the oldest forgotten. */
    private long takeIndex(long ssrc) {
        for (int i = 0; i < sources; i++) {
            if (ssrcs[i] == ssrc) {
                long index = nextIndices[i];
                nextIndices[i] = (index + 1) % INDEX_SPAN;
                return index;
            }
        }
        int slot;
        if (sources < ssrcs.length) {
            slot = sources++;
        } else {
            System.arraycopy(ssrcs, 1, ssrcs, 0, ssrcs.length - 1);
            System.arraycopy(nextIndices, 1, nextIndices, 0, nextIndices.length - 1);
            slot = ssrcs.length - 1;
        }
        long index = Math.floorMod(wallMillis.getAsLong(), INDEX_SPAN);
        ssrcs[slot] = ssrc;
        nextIndices[slot] = (index + 1) % INDEX_SPAN;
        return index;
    }
}
