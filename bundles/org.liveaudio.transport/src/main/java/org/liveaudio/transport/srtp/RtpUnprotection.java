package org.liveaudio.transport.srtp;

import org.liveaudio.api.net.StreamKey;

/**
 * The receiving side of SRTP (RFC 3711 3.3): finds a packet's index from its sequence number and the source's
 * rollover counter (Appendix A), checks the tag and decrypts in place under the key's suite, drops replays. One thread at a time;
 * allocates nothing per packet once a source is known.
 *
 * <p>A source first heard mid-stream may be past its first wraps, so its rollover counter is not 0 as RFC 3711
 * assumes for a new source: a listener that joins a stream running for longer than 2^16 packets (5.5 minutes at
 * 200 packets a second) must find it. A packet of an unknown source is tried with 0 first, then with the next
 * {@value #SEARCH_PER_PACKET} counters of a search that goes on with the next such packet, up to
 * {@value #SEARCH_LIMIT}; so a listener finds a stream of up to {@value #SEARCH_LIMIT} wraps (15 days at 200 packets
 * a second) within about a second, and a forged packet costs at most that many tags.
 */
public final class RtpUnprotection {
    static final int SEARCH_PER_PACKET = 16;
    static final int SEARCH_LIMIT = 4096;
    private static final int SEQUENCE_SPAN = 1 << 16;
    private static final int HALF_SPAN = 1 << 15;

    private final RtpCrypto crypto;
    private final SourceWindows sources = new SourceWindows();
    private long searchFrom = 1;

    public RtpUnprotection(StreamKey key) {
        crypto = RtpCrypto.of(key);
    }

    /**
     * Checks and decrypts the SRTP packet of {@code length} bytes at the start of {@code packet}.
     *
     * @return the plain RTP packet's length (the tag removed), or a negative {@link Verdict}
     */
    public int unprotect(byte[] packet, int length) {
        int plain = length - crypto.overhead();
        int header = RtpHeaderLength.of(packet, plain);
        if (header == RtpHeaderLength.NOT_RTP) {
            return Verdict.MALFORMED;
        }
        int sequence = (packet[2] & 0xff) << 8 | packet[3] & 0xff;
        long ssrc = (packet[8] & 0xffL) << 24 | (packet[9] & 0xff) << 16 | (packet[10] & 0xff) << 8
                | packet[11] & 0xff;
        ReplayWindow window = sources.find(ssrc);
        long index;
        if (window == null) {
            index = searchIndex(packet, header, length, ssrc, sequence);
            if (index < 0) {
                return Verdict.UNAUTHENTICATED;
            }
            window = sources.add(ssrc);
        } else {
            index = estimateIndex(window.highest(), sequence);
            // Authenticated before the replay check, so that the counts tell forgeries from replays.
            if (index < 0 || !crypto.open(packet, header, length, ssrc, index)) {
                return Verdict.UNAUTHENTICATED;
            }
            if (!window.isNew(index)) {
                return Verdict.REPLAYED;
            }
        }
        window.take(index);
        return plain;
    }

    /**
     * The index of {@code sequence} nearest the highest taken (RFC 3711 Appendix A): one rollover counter more
     * or less when the sequence lies more than half the sequence space away; -1 for a counter below 0.
     */
    static long estimateIndex(long highest, int sequence) {
        long roc = highest >>> 16;
        int last = (int) (highest & 0xFFFF);
        long guess;
        if (last < HALF_SPAN) {
            guess = sequence - last > HALF_SPAN ? roc - 1 : roc;
        } else {
            guess = last - HALF_SPAN > sequence ? roc + 1 : roc;
        }
        return guess < 0 ? -1 : guess * SEQUENCE_SPAN + sequence;
    }

    /** The index under which a new source's packet authenticates (and is decrypted), or -1. */
    private long searchIndex(byte[] packet, int header, int length, long ssrc, int sequence) {
        if (crypto.open(packet, header, length, ssrc, sequence)) {
            return sequence;
        }
        for (int i = 0; i < SEARCH_PER_PACKET; i++) {
            long roc = searchFrom;
            searchFrom = searchFrom + 1 < SEARCH_LIMIT ? searchFrom + 1 : 1;
            long index = roc * SEQUENCE_SPAN + sequence;
            if (crypto.open(packet, header, length, ssrc, index)) {
                return index;
            }
        }
        return -1;
    }
}
