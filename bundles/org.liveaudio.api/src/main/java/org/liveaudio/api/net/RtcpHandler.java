package org.liveaudio.api.net;

import java.net.InetSocketAddress;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Takes what an RTCP channel receives, on its receive thread; must not block. Every compound packet carries
 * the sender's canonical name (SDES CNAME, RFC 3550 section 6.5.1), empty when it had none. A channel also
 * hears its own packets on the group: compare the SSRC.
 */
@ConsumerType
public interface RtcpHandler {
    void onSenderReport(SenderReport report, String cname, InetSocketAddress from, long receivedNanos);

    void onReceiverReport(ReceiverReport report, String cname, InetSocketAddress from, long receivedNanos);

    void onBye(long ssrc, InetSocketAddress from);

    /**
     * A participant's SDES NOTE (RFC 3550 section 6.5.7): what source {@code ssrc} says it plays now; empty when
     * it names nothing any more. Called after the reports of the same compound packet, for each chunk that
     * carries a NOTE.
     */
    default void onSdesNote(long ssrc, String note, InetSocketAddress from) {
    }

    /**
     * A listener asks a sender for its clock, from {@code from}, through the group or to this channel alone;
     * only the sender it names answers, there.
     */
    default void onTimeRequest(TimeRequest request, InetSocketAddress from, long receivedNanos) {
    }

    /**
     * A sender answers a time request this channel sent; it reaches this channel alone. {@code from} is where
     * the sender takes the next requests.
     */
    default void onTimeResponse(TimeResponse response, InetSocketAddress from, long receivedNanos) {
    }
}
