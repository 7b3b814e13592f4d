package org.liveaudio.transport.fec;

import java.util.List;
import java.util.Map;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.StreamLayers;

/**
 * Where the repair stream travels and how the SDP describes it: grouped with the source stream by RFC 5956's
 * {@code a=group:FEC-FR}, in a media section of its own as RFC 8627 describes FlexFEC's, with our encoding name,
 * since no RTP payload format for Reed-Solomon repair of unchanged RTP source packets is registered.
 */
public final class FecLayer {
    public static final String ENCODING = "x-liveaudio-rs";
    static final String SOURCE_ID = "S1";
    static final String REPAIR_ID = "R1";

    private FecLayer() {
    }

    /** The settings of a sender's configuration, checked against its endpoint. */
    public static FecSettings settings(MulticastEndpoint endpoint, Map<String, ?> configuration)
            throws InvalidSettingException {
        FecSettings settings = FecSettings.read(configuration);
        int last = MulticastEndpoint.MAX_PORT + 1 - FecSettings.REPAIR_PORT_OFFSET;
        if (settings.enabled() && endpoint.port() > last) {
            throw new InvalidSettingException(MulticastEndpoint.KEY_PORT, endpoint.port(), MulticastEndpoint.MIN_PORT
                    + ".." + last + " with fec on (port+2 carries the repair stream)");
        }
        return settings;
    }

    /** The repair stream's endpoint, or null where the port leaves no room for one. */
    public static MulticastEndpoint repairEndpoint(MulticastEndpoint source) {
        int port = source.port() + FecSettings.REPAIR_PORT_OFFSET;
        return port > MulticastEndpoint.MAX_PORT + 1 ? null
                : new MulticastEndpoint(source.group(), port, source.networkInterface(), source.ttl());
    }

    public static StreamLayers layers(MulticastEndpoint endpoint, int clockRate, FecSettings settings) {
        if (!settings.enabled()) {
            return StreamLayers.NONE;
        }
        int pt = settings.payloadType();
        return new StreamLayers("FEC " + settings, settings.spanPackets(),
                List.of("a=group:FEC-FR " + SOURCE_ID + " " + REPAIR_ID),
                List.of("a=mid:" + SOURCE_ID),
                List.of("m=application " + (endpoint.port() + FecSettings.REPAIR_PORT_OFFSET) + " RTP/AVP " + pt,
                        "a=rtpmap:" + pt + " " + ENCODING + "/" + clockRate,
                        "a=fmtp:" + pt + " k=" + settings.sourcePackets() + "; r=" + settings.repairPackets()
                                + "; depth=" + settings.depth(),
                        "a=recvonly",
                        "a=mid:" + REPAIR_ID));
    }
}
