package org.liveaudio.api.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.osgi.annotation.versioning.ProviderType;

/**
 * RTCP on an endpoint's group at {@code port + 1}: sends compound packets (a report first, then SDES with the
 * CNAME, RFC 3550 section 6.1) and receives everyone's, each on the same channel. Reports are sent every few
 * seconds, so these may allocate.
 */
@ProviderType
public interface RtcpChannel extends AutoCloseable {
    void sendSenderReport(SenderReport report, String cname) throws IOException;

    /**
     * Sends a sender report whose SDES chunk carries a NOTE item beside the CNAME (RFC 3550 section 6.5.7): what
     * the sender plays now, or an empty string once it names nothing, so that listeners drop the last note. A
     * note longer than an SDES item holds (255 UTF-8 bytes) is cut at the last whole character that fits. The
     * default leaves the note out, as a channel that knows no notes would.
     */
    default void sendSenderReport(SenderReport report, String cname, String note) throws IOException {
        sendSenderReport(report, cname);
    }

    void sendReceiverReport(ReceiverReport report, String cname) throws IOException;

    /** Sends a BYE for {@code ssrc} (after an empty receiver report and the SDES, as RFC 3550 asks). */
    void sendBye(long ssrc, String cname, String reason) throws IOException;

    /**
     * Sends a time request (after an empty receiver report and the SDES, since a compound starts with one) from
     * an address of this channel's own, where the answer comes back to this channel's handler alone.
     *
     * @param sender where the sender answered from before, to ask it alone; null to ask the group, as for the
     *     first request to a sender
     */
    void sendTimeRequest(TimeRequest request, String cname, InetSocketAddress sender) throws IOException;

    /**
     * Answers a time request to {@code requester}, the address it came from, and to no one else (after an empty
     * receiver report and the SDES), from an address of this channel's own where the next requests may come;
     * its transmit time is taken as given.
     */
    void sendTimeResponse(TimeResponse response, String cname, InetSocketAddress requester) throws IOException;

    /**
     * How long to wait before this participant's next report, by RFC 3550's algorithm (section 6.3.1 and
     * appendix A.7): 5 s minimum (half that before the first report), scaled by the session's size so that RTCP
     * stays within 5 % of the session bandwidth, randomized by 0.5..1.5 and compensated (e - 3/2).
     * The channel knows the average RTCP packet size from what it sent and received.
     *
     * @param members participants heard from, this one included
     * @param senders of which sending media
     * @param weSent whether this participant sent media since its last report
     * @param sessionBitsPerSecond the media stream's bandwidth
     * @param initial whether this participant has not reported yet
     */
    long nextReportDelayNanos(int members, int senders, boolean weSent, long sessionBitsPerSecond, boolean initial);

    MulticastEndpoint endpoint();

    /** Datagrams dropped because they are not valid RTCP. */
    long malformed();

    /** Datagrams of a protected channel dropped because they do not authenticate under its key. */
    default long unauthenticated() {
        return 0;
    }

    /** Datagrams of a protected channel dropped as replays of packets it took before (RFC 3711 3.3.2). */
    default long replayed() {
        return 0;
    }

    @Override
    void close();
}
