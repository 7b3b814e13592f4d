package org.liveaudio.control.sap;

import java.net.InetAddress;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.common.sap.SapAddress;
import org.liveaudio.common.sap.SapPacket;

/**
 * What SAP announces for a stream: its SDP, in the scope, on the interface and with the TTL of the stream's own
 * endpoint, so that it reaches exactly those who can receive the stream.
 *
 * @param origin the announcing host's address on the stream's interface (the SAP header's originating source)
 */
public record Announcement(String sdp, InetAddress origin, MulticastEndpoint endpoint, int intervalSeconds) {
    /** The SAP group of the stream's scope (RFC 2974 3). */
    public InetAddress destination() {
        return SapAddress.forGroup(endpoint.group());
    }

    byte[] packet(boolean deletion) {
        return SapPacket.of(deletion, origin, sdp).toBytes();
    }

    String where() {
        return destination().getHostAddress() + ":" + SapPacket.PORT + " on " + endpoint.networkInterface().getName()
                + " ttl " + endpoint.ttl();
    }
}
