package org.liveaudio.codec;

/** What every codec of this bundle keeps its payloads within. */
public final class PayloadLimit {
    /**
     * An Ethernet MTU (1500) less the IPv4 (20), UDP (8) and RTP (12) headers: a larger payload would be
     * fragmented on a LAN, and one lost fragment loses the whole packet.
     */
    public static final int UNFRAGMENTED_BYTES = 1460;

    private PayloadLimit() {
    }
}
