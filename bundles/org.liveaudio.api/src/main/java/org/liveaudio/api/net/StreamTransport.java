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
     * Opens a sender with the layers the sender's configuration asks of this transport (a FEC repair stream), its
     * packets protected under {@code key} where there is one (the repair stream's too); the default has no layers
     * and opens a sender as {@link #openSender(MulticastEndpoint, StreamKey)} does.
     *
     * @throws InvalidSettingException naming the first of the transport's keys whose value it cannot use
     */
    default RtpSender openSender(MulticastEndpoint endpoint, StreamKey key, Map<String, ?> configuration)
            throws IOException, InvalidSettingException {
        return openSender(endpoint, key);
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

    /**
     * As {@link #openSender(MulticastEndpoint)}, protected with SRTP (RFC 3711) under {@code key}: the packets
     * are encrypted and authenticated. Null opens an unprotected sender.
     *
     * @throws IOException also when this transport cannot protect a stream
     */
    default RtpSender openSender(MulticastEndpoint endpoint, StreamKey key) throws IOException {
        if (key == null) {
            return openSender(endpoint);
        }
        throw new IOException(getClass().getSimpleName() + " cannot protect a stream");
    }

    /**
     * As {@link #openReceiver(MulticastEndpoint, RtpPacketHandler, String)}, taking only SRTP packets that
     * authenticate under {@code key} and are no replays, decrypted; the others are counted and dropped. Null
     * opens an unprotected receiver.
     *
     * @throws IOException also when this transport cannot protect a stream
     */
    default RtpReceiver openReceiver(MulticastEndpoint endpoint, StreamKey key, RtpPacketHandler handler,
            String threadName) throws IOException {
        if (key == null) {
            return openReceiver(endpoint, handler, threadName);
        }
        throw new IOException(getClass().getSimpleName() + " cannot protect a stream");
    }

    /**
     * As {@link #openReceiver(MulticastEndpoint, StreamKey, RtpPacketHandler, String)}, reading the sockets kept in
     * {@code kept} for the endpoints it receives on, and keeping there those it opens, so that they outlive the
     * receiver and this transport: the receiver's close leaves them open. The default ignores {@code kept} and
     * opens a receiver whose sockets close with it.
     *
     * @throws IOException also when this transport cannot protect a stream
     */
    default RtpReceiver openReceiver(MulticastEndpoint endpoint, StreamKey key, RtpPacketHandler handler,
            String threadName, KeptSockets kept) throws IOException {
        return openReceiver(endpoint, key, handler, threadName);
    }

    /**
     * As {@link #openRtcp(MulticastEndpoint, RtcpHandler, String)}, protected with SRTCP under {@code key}: what
     * it sends, time requests and answers included, is encrypted and authenticated, and what it receives is
     * handed over only when it authenticates and is no replay. Null opens an unprotected channel.
     *
     * @throws IOException also when this transport cannot protect a stream
     */
    default RtcpChannel openRtcp(MulticastEndpoint endpoint, StreamKey key, RtcpHandler handler,
            String threadName) throws IOException {
        if (key == null) {
            return openRtcp(endpoint, handler, threadName);
        }
        throw new IOException(getClass().getSimpleName() + " cannot protect a stream");
    }
}
