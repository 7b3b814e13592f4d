package org.liveaudio.control.sender;

import java.math.BigDecimal;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import org.liveaudio.api.net.MulticastEndpoint;

/**
 * The SDP (RFC 4566) of a stream: what a standard RTP tool (ffmpeg, VLC) needs to play it. Lines end in
 * CRLF as the RFC asks.
 *
 * @param sessionId stays for the life of the RTP session (the SSRC serves)
 * @param version grows whenever the description changes
 * @param formatParameters the codec's {@code a=fmtp} parameters, empty when it has none
 * @param playoutDelayMicros the delay after capture at which every listener plays a frame, announced in an
 *     attribute of our own (RFC 4566 6: unknown attributes are ignored), so that a tool can play in step too
 * @param name the {@code s=} line: what SAP browsers list and listeners tune to
 * @param information the {@code i=} line, left out when empty
 * @param clockSignalling whether to say, as AES67 asks (RFC 7273), which clock the timestamps follow: this host's
 *     own ({@code ts-refclk:local}), by which the sender makes its media clock ({@code mediaclk:sender}); not PTP
 */
record SessionDescription(long sessionId, long version, InetAddress origin, MulticastEndpoint endpoint,
        int payloadType, String encoding, int clockRate, int channels, int frameMicros, String formatParameters,
        long playoutDelayMicros, String name, String information, boolean clockSignalling) {
    static final String LINE_END = "\r\n";

    String text() {
        InetAddress group = endpoint.group();
        StringBuilder sdp = new StringBuilder();
        line(sdp, "v=0");
        line(sdp, "o=- " + sessionId + " " + version + " IN " + addressType(origin) + " " + address(origin));
        line(sdp, "s=" + name);
        if (!information.isEmpty()) {
            line(sdp, "i=" + information);
        }
        // RFC 4566 5.7: an IPv4 multicast address carries its TTL, an IPv6 one must not.
        line(sdp, "c=IN " + addressType(group) + " " + address(group)
                + (group instanceof Inet4Address ? "/" + endpoint.ttl() : ""));
        line(sdp, "t=0 0");
        line(sdp, "m=audio " + endpoint.port() + " RTP/AVP " + payloadType);
        line(sdp, "a=rtpmap:" + payloadType + " " + encoding + "/" + clockRate + "/" + channels);
        line(sdp, "a=ptime:" + SenderSettings.millis(frameMicros));
        if (!formatParameters.isEmpty()) {
            line(sdp, "a=fmtp:" + payloadType + " " + formatParameters);
        }
        if (clockSignalling) {
            line(sdp, "a=ts-refclk:local");
            line(sdp, "a=mediaclk:sender");
        }
        line(sdp, "a=recvonly");
        line(sdp, "a=x-liveaudio-playout-delay:" + new BigDecimal(playoutDelayMicros).movePointLeft(3)
                .stripTrailingZeros().toPlainString());
        return sdp.toString();
    }

    /** An address of the endpoint's interface, of the group's family where it has one. */
    static InetAddress originOf(MulticastEndpoint endpoint) {
        List<InetAddress> addresses = Collections.list(endpoint.networkInterface().getInetAddresses());
        boolean ipv6 = endpoint.group() instanceof Inet6Address;
        for (InetAddress address : addresses) {
            if ((address instanceof Inet6Address) == ipv6) {
                return address;
            }
        }
        return addresses.isEmpty() ? InetAddress.getLoopbackAddress() : addresses.get(0);
    }

    private static String addressType(InetAddress address) {
        return address instanceof Inet6Address ? "IP6" : "IP4";
    }

    /** Without the {@code %scope} of a link-local IPv6 address, which SDP has no syntax for. */
    private static String address(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }

    private static void line(StringBuilder sdp, String line) {
        sdp.append(line).append(LINE_END);
    }
}
