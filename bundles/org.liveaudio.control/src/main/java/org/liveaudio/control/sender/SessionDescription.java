package org.liveaudio.control.sender;

import java.math.BigDecimal;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.net.StreamLayers;

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
 * @param key the SRTP key of a protected stream, which makes the profile RTP/SAVP and is given in an
 *     {@code a=crypto} line (RFC 4568), in the repair stream's media section too; {@code null} for an
 *     unprotected stream
 * @param layers the transport's lines (a FEC repair stream's media section), which a tool that does not know them
 *     ignores
 */
record SessionDescription(long sessionId, long version, InetAddress origin, MulticastEndpoint endpoint,
        int payloadType, String encoding, int clockRate, int channels, int frameMicros, String formatParameters,
        long playoutDelayMicros, String name, String information, boolean clockSignalling, StreamKey key,
        StreamLayers layers) {
    static final String LINE_END = "\r\n";

    /** The description with the key, for the SDP file alone. */
    String text() {
        return text(true);
    }

    /** The description with the key's id in place of the key: for a shell, a log or an announcement. */
    String withoutKey() {
        return text(false);
    }

    private String text(boolean withKey) {
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
        layers.sessionSdp().forEach(line -> line(sdp, line));
        line(sdp, "m=audio " + endpoint.port() + profile() + payloadType);
        line(sdp, "a=rtpmap:" + payloadType + " " + encoding + "/" + clockRate + "/" + channels);
        line(sdp, "a=ptime:" + SenderSettings.millis(frameMicros));
        if (!formatParameters.isEmpty()) {
            line(sdp, "a=fmtp:" + payloadType + " " + formatParameters);
        }
        crypto(sdp, withKey);
        if (clockSignalling) {
            line(sdp, "a=ts-refclk:local");
            line(sdp, "a=mediaclk:sender");
        }
        line(sdp, "a=recvonly");
        line(sdp, "a=x-liveaudio-playout-delay:" + new BigDecimal(playoutDelayMicros).movePointLeft(3)
                .stripTrailingZeros().toPlainString());
        layers.mediaSdp().forEach(line -> line(sdp, line));
        // A protected stream protects its repair stream too, under the same key (RFC 3711 3.2.3: a context per SSRC).
        boolean inExtraSection = false;
        for (String extra : layers.extraMediaSdp()) {
            boolean media = extra.startsWith("m=");
            if (media && inExtraSection) {
                crypto(sdp, withKey);
            }
            inExtraSection |= media;
            line(sdp, media ? extra.replace(" RTP/AVP ", profile()) : extra);
        }
        if (inExtraSection) {
            crypto(sdp, withKey);
        }
        return sdp.toString();
    }

    private String profile() {
        return key == null ? " RTP/AVP " : " RTP/SAVP ";
    }

    private void crypto(StringBuilder sdp, boolean withKey) {
        if (key != null) {
            line(sdp, "a=crypto:1 " + key.suite() + " inline:"
                    + (withKey ? key.inline() : "(the key " + key.id() + ", in the SDP file only)"));
        }
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
