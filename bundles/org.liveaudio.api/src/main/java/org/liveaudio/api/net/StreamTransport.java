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
}
