package org.liveaudio.transport.srtp;

import java.util.function.LongSupplier;
import org.liveaudio.api.net.StreamKey;

/**
 * The sending side of SRTCP (RFC 3711 3.4) under the key's suite: encrypts a compound packet after its first eight
 * bytes and adds the E flag with the SRTCP index and the tag. The index counts per source; its first
 * value is the wall clock's milliseconds modulo 2^31, not 0, so that a sender started again under the same key and
 * SSRC (a continued session) neither repeats an index of its last run, which would reuse keystream, nor falls behind
 * its listeners' replay windows. The index space lasts 24 days at that pace; a stream that runs longer should get a
 * new key (RFC 3711 9.2 asks for one before 2^31 packets anyway). Not thread-safe: the channel sends under a lock.
 */
public final class RtcpProtection {
    /** The most protection adds to a compound packet under any suite: the E flag and index, and the tag. */
    public static final int MAX_OVERHEAD = 4 + GcmCipher.TAG_LENGTH;
    static final long INDEX_SPAN = 1L << 31;

    private final RtcpCrypto crypto;
    private final LongSupplier wallMillis;
    private final long[] ssrcs = new long[SourceWindows.CAPACITY];
    private final long[] nextIndices = new long[SourceWindows.CAPACITY];
    private int sources;

    public RtcpProtection(StreamKey key, LongSupplier wallMillis) {
        this.crypto = RtcpCrypto.of(key);
        this.wallMillis = wallMillis;
    }

    /**
     * Protects the compound packet of {@code length} bytes at the start of {@code packet}, which has room for
     * {@link #MAX_OVERHEAD} more.
     *
     * @return the protected packet's length
     */
    public int protect(byte[] packet, int length) {
        long ssrc = RtcpCrypto.getInt(packet, 4);
        return crypto.seal(packet, length, ssrc, takeIndex(ssrc));
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
