package org.liveaudio.api.net;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/** RTP over UDP multicast. Senders and receivers are closed by whoever opened them. */
@ProviderType
public interface StreamTransport {
    RtpSender openSender(MulticastEndpoint endpoint) throws IOException;

    /**
     * Joins the endpoint's group and starts a receive thread named {@code threadName} that passes each
     * well-formed packet to {@code handler}.
     */
    RtpReceiver openReceiver(MulticastEndpoint endpoint, RtpPacketHandler handler, String threadName)
            throws IOException;

    /**
     * Opens RTCP on the endpoint's group at {@code port + 1}, sending there and receiving everyone's packets on
     * a thread named {@code threadName} that passes each valid compound packet's parts to {@code handler}.
     * Several channels (a sender and listeners in one framework) can share the port.
     */
    RtcpChannel openRtcp(MulticastEndpoint endpoint, RtcpHandler handler, String threadName) throws IOException;
}
