package org.liveaudio.common.sdp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a listener needs from a session description: the first RTP audio medium, its multicast group and port,
 * and how its payload type is encoded.
 *
 * @param name the session's {@code s=}
 * @param information the medium's {@code i=}, else the session's, else empty
 * @param encoding as the SDP writes it ({@code L16}, {@code OPUS}, {@code opus}): encoding names are
 *     case-insensitive (RFC 4566 6), {@link #codecIs} compares them so
 * @param ttl the IPv4 TTL of {@code c=}, -1 when not given
 * @param frameMicros from {@code a=ptime}, 0 when not given
 * @param formatParameters the payload type's {@code a=fmtp}, empty when it has none
 */
public record RtpAudioSession(Sdp.Origin origin, String name, String information, InetAddress group, int port,
        int ttl, int payloadType, String encoding, int clockRate, int channels, int frameMicros,
        String formatParameters) {
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int MICROS_PER_MILLI = 1000;

    /**
     * Takes the first {@code m=audio} medium on RTP/AVP (or RTP/SAVP) with a payload type whose encoding is
     * known: from {@code a=rtpmap}, or RFC 3551's table for the static types 10 and 11 (L16 at 44.1 kHz, as
     * ffmpeg sends it without an rtpmap).
     *
     * @throws SdpException naming what is missing: an audio RTP medium, its payload type's encoding, a
     *     {@code c=} for it, a multicast literal address in it
     */
    public static RtpAudioSession of(Sdp sdp) throws SdpException {
        Sdp.Media audio = sdp.media().stream()
                .filter(m -> m.type().equals("audio") && m.protocol().startsWith("RTP/")).findFirst()
                .orElseThrow(() -> new SdpException("the description has no m=audio line with an RTP profile"));
        int payloadType = payloadType(audio.formats().get(0));
        Rtpmap map = rtpmap(audio, payloadType);
        Sdp.Connection connection = audio.connection() != null ? audio.connection() : sdp.connection();
        if (connection == null) {
            throw new SdpException("the description has no c= line for its audio, neither in the medium nor the "
                    + "session");
        }
        InetAddress group = multicastLiteral(connection.address());
        String information = audio.information().isEmpty() ? sdp.information() : audio.information();
        return new RtpAudioSession(sdp.origin(), sdp.name(), information, group, audio.port(), connection.ttl(),
                payloadType, map.encoding, map.clockRate, map.channels, frameMicros(audio),
                audio.formatParameters(payloadType));
    }

    /** Whether the encoding is the codec of this name, ignoring case as RFC 4566 6 has it. */
    public boolean codecIs(String codecName) {
        return encoding.equalsIgnoreCase(codecName);
    }

    /** {@code L16/48000/2}: encoding, clock rate and channels as an rtpmap writes them. */
    public String format() {
        return encoding + "/" + clockRate + "/" + channels;
    }

    private static int payloadType(String text) throws SdpException {
        try {
            int type = Integer.parseInt(text);
            if (type >= 0 && type <= 127) {
                return type;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new SdpException("the audio medium's format " + SdpParser.quote(text) + " is not an RTP payload type "
                + "(0..127)");
    }

    private record Rtpmap(String encoding, int clockRate, int channels) {
    }

    private static Rtpmap rtpmap(Sdp.Media audio, int payloadType) throws SdpException {
        Optional<String> value = audio.valueFor("rtpmap", payloadType);
        if (value.isEmpty()) {
            // RFC 3551 6, table 4: the static audio types a stream of ours can be.
            if (payloadType == 10) {
                return new Rtpmap("L16", 44_100, 2);
            }
            if (payloadType == 11) {
                return new Rtpmap("L16", 44_100, 1);
            }
            throw new SdpException("payload type " + payloadType + " has no a=rtpmap line and is not one of RFC "
                    + "3551's static L16 types (10, 11)");
        }
        String[] f = value.get().split("/");
        if (f.length < 2 || f.length > 3 || f[0].isEmpty()) {
            throw new SdpException("a=rtpmap:" + payloadType + " needs <encoding>/<clock rate>[/<channels>], has "
                    + SdpParser.quote(value.get()));
        }
        int clockRate = positive(f[1], "clock rate", payloadType);
        int channels = f.length == 3 ? positive(f[2], "channel count", payloadType) : 1;
        return new Rtpmap(f[0], clockRate, channels);
    }

    private static int positive(String text, String what, int payloadType) throws SdpException {
        try {
            int n = Integer.parseInt(text.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new SdpException("the " + what + " of a=rtpmap:" + payloadType + " must be a positive whole number, is "
                + SdpParser.quote(text));
    }

    private static int frameMicros(Sdp.Media audio) throws SdpException {
        Optional<String> ptime = audio.attribute("ptime");
        if (ptime.isEmpty()) {
            return 0;
        }
        try {
            BigDecimal micros = new BigDecimal(ptime.get()).movePointRight(3);
            if (micros.signum() > 0 && micros.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) < 0) {
                return micros.setScale(0, RoundingMode.HALF_UP).intValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // refused below
        }
        throw new SdpException("a=ptime must be a positive number of milliseconds, is " + SdpParser.quote(ptime.get()));
    }

    /** Only literals: a host name in {@code c=} would mean a DNS lookup on the receive thread. */
    private static InetAddress multicastLiteral(String address) throws SdpException {
        if (!IPV4_LITERAL.matcher(address).matches() && address.indexOf(':') < 0) {
            throw new SdpException("c= names " + SdpParser.quote(address) + ", not an IPv4 or IPv6 address");
        }
        InetAddress group;
        try {
            group = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new SdpException("c= names " + SdpParser.quote(address) + ", not an IPv4 or IPv6 address");
        }
        if (!group.isMulticastAddress()) {
            throw new SdpException("c= names " + address.toLowerCase(Locale.ROOT) + ", not a multicast group: our "
                    + "listeners receive multicast only");
        }
        return group;
    }
}
