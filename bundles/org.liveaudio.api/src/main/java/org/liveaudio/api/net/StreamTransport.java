package org.liveaudio.api.net;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.liveaudio.api.InvalidSettingException;
import org.osgi.annotation.versioning.ProviderType;

/** RTP over UDP multicast. Senders and receivers are closed by whoever opened them. */
@ProviderType
public interface StreamTransport {
    RtpSender openSender(MulticastEndpoint endpoint) throws IOException;

    /**
     * Opens a sender with the layers the sender's configuration asks of this transport (a FEC repair stream); the
     * default has none and opens a plain sender.
     *
     * @throws InvalidSettingException naming the first of the transport's keys whose value it cannot use
     */
    default RtpSender openSender(MulticastEndpoint endpoint, Map<String, ?> configuration)
            throws IOException, InvalidSettingException {
        return openSender(endpoint);
    }

    /**
     * Checks the transport's keys of a sender's configuration and tells what its layers add to the stream.
     *
     * @param clockRate the source stream's RTP clock
     * @throws InvalidSettingException naming the first of the transport's keys whose value it cannot use
     */
    default StreamLayers layers(MulticastEndpoint endpoint, int clockRate, Map<String, ?> configuration)
            throws InvalidSettingException {
        return StreamLayers.NONE;
    }

    /** The keys of a sender's configuration that this transport reads, so that a sender can tell a typo. */
    default Set<String> settingKeys() {
        return Set.of();
    }

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
