package org.liveaudio.transport.rtcp;

import java.util.Random;

/**
 * RFC 3550's RTCP transmission interval (section 6.3.1, appendix A.7 {@code rtcp_interval()}), with the average
 * compound packet size it depends on (section 6.3.3). Thread-safe: sizes arrive from the receive thread, delays
 * are asked for by report timers.
 */
public final class ReportInterval {
    /** IPv4 (20) and UDP (8) headers, which section 6.2 counts in the RTCP bandwidth. */
    public static final int UDP_IP_OVERHEAD_BYTES = 28;
    static final double MIN_SECONDS = 5.0;
    static final double RTCP_SHARE_OF_SESSION = 0.05;
    static final double SENDER_SHARE = 0.25;
    /** e - 3/2: the randomized timer with reconsideration fires early on average by this factor (A.7). */
    static final double COMPENSATION = 2.71828 - 1.5;
    /**
     * Until a packet is seen, a receiver report with one block and SDES with a 16-byte CNAME, plus UDP/IP: the
     * "probable size of the first packet" section 6.3.2 asks for.
     */
    static final double PROBABLE_FIRST_PACKET_BYTES = 8 + 24 + 4 + 4 + 2 + 16 + 2 + UDP_IP_OVERHEAD_BYTES;

    private final Random random;
    private double averagePacketBytes = PROBABLE_FIRST_PACKET_BYTES;
    private boolean seenPacket;

    public ReportInterval(Random random) {
        this.random = random;
    }

    /**
     * Folds one compound packet sent or received into the average, 1/16 at a time; the first one seen replaces
     * the initial guess.
     *
     * @param datagramBytes the RTCP bytes, without UDP/IP headers (added here)
     */
    public synchronized void packet(int datagramBytes) {
        double size = datagramBytes + UDP_IP_OVERHEAD_BYTES;
        averagePacketBytes = seenPacket ? size / 16 + averagePacketBytes * 15 / 16 : size;
        seenPacket = true;
    }

    public synchronized double averagePacketBytes() {
        return averagePacketBytes;
    }

    /** See {@link org.liveaudio.api.net.RtcpChannel#nextReportDelayNanos}; a bandwidth of 0 gives the minimum. */
    public synchronized long nextDelayNanos(int members, int senders, boolean weSent, long sessionBitsPerSecond,
            boolean initial) {
        double minSeconds = initial ? MIN_SECONDS / 2 : MIN_SECONDS;
        double rtcpBytesPerSecond = RTCP_SHARE_OF_SESSION * sessionBitsPerSecond / 8;
        int n = Math.max(1, members);
        if (senders <= n * SENDER_SHARE) {
            // Few senders: they share a quarter of the RTCP bandwidth, so their reports stay frequent.
            if (weSent) {
                rtcpBytesPerSecond *= SENDER_SHARE;
                n = senders;
            } else {
                rtcpBytesPerSecond *= 1 - SENDER_SHARE;
                n -= senders;
            }
        }
        double seconds = rtcpBytesPerSecond > 0 ? averagePacketBytes * n / rtcpBytesPerSecond : 0;
        seconds = Math.max(seconds, minSeconds);
        seconds *= random.nextDouble() + 0.5;
        seconds /= COMPENSATION;
        return Math.round(seconds * 1e9);
    }
}
