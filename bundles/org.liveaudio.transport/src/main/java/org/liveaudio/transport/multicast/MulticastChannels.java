package org.liveaudio.transport.multicast;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import org.liveaudio.api.net.MulticastEndpoint;

/** Opens datagram channels set up for one multicast endpoint, for sending or for receiving. */
final class MulticastChannels {
    /** Asked of the kernel, which may grant less (Linux caps it at net.core.rmem_max). */
    static final int RECEIVE_BUFFER_BYTES = 4 << 20;

    private MulticastChannels() {
    }

    /** A channel connected to the group, sending as {@link #sendThrough} sets up. */
    static DatagramChannel forSending(MulticastEndpoint endpoint) throws IOException {
        DatagramChannel channel = DatagramChannel.open(family(endpoint.group()));
        try {
            sendThrough(channel, endpoint);
            // After the options: connecting fixes the route, and a connected channel sends without an address.
            channel.connect(new InetSocketAddress(endpoint.group(), endpoint.port()));
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * A blocking channel bound to the group address itself, which on Linux delivers only that group's
     * datagrams, and with address reuse, so that many receivers on one host share the port; joined on the
     * endpoint's interface.
     */
    static DatagramChannel forReceiving(MulticastEndpoint endpoint) throws IOException {
        DatagramChannel channel = DatagramChannel.open(family(endpoint.group()));
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            channel.bind(new InetSocketAddress(endpoint.group(), endpoint.port()));
            channel.join(endpoint.group(), endpoint.networkInterface());
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * One channel for RTCP both ways on the group at {@code port + 1}: bound and joined like an RTP receiver,
     * so that every RTCP channel on this host hears every packet (its own included), and sending like an RTP
     * sender, but unconnected, since a connected channel would hear only the group address, which sends nothing.
     * Linux picks the source address of a socket bound to a group from the interface, so packets leave from
     * this host's address and port + 1.
     */
    static DatagramChannel forRtcp(MulticastEndpoint endpoint) throws IOException {
        DatagramChannel channel = DatagramChannel.open(family(endpoint.group()));
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            sendThrough(channel, endpoint);
            channel.bind(rtcpAddress(endpoint));
            channel.join(endpoint.group(), endpoint.networkInterface());
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * A channel of one RTCP participant alone, for the time exchange: bound to an address of the endpoint's
     * interface and a port of its own, it sends to the group like an RTP sender, and the sender's answer comes
     * back to it alone, where on the shared RTCP port every listener on this host would wake for every answer.
     */
    static DatagramChannel forTimeExchange(MulticastEndpoint endpoint) throws IOException {
        DatagramChannel channel = DatagramChannel.open(family(endpoint.group()));
        try {
            sendThrough(channel, endpoint);
            channel.bind(new InetSocketAddress(interfaceAddress(endpoint), 0));
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** An address of the endpoint's interface in the group's family; the wildcard address if it has none. */
    private static InetAddress interfaceAddress(MulticastEndpoint endpoint) {
        Class<? extends InetAddress> family = endpoint.group().getClass();
        return endpoint.networkInterface().inetAddresses().filter(family::isInstance).findFirst().orElse(null);
    }

    static InetSocketAddress rtcpAddress(MulticastEndpoint endpoint) {
        return new InetSocketAddress(endpoint.group(), endpoint.port() + 1);
    }

    /**
     * Leaving through the endpoint's interface, looped back to listeners on this host. The interface is not
     * checked with {@code supportsMulticast()}: Linux delivers on {@code lo} though it lacks the MULTICAST flag.
     */
    private static void sendThrough(DatagramChannel channel, MulticastEndpoint endpoint) throws IOException {
        channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, endpoint.networkInterface());
        channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, endpoint.ttl());
        channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
    }

    private static ProtocolFamily family(InetAddress group) {
        return group instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }
}
