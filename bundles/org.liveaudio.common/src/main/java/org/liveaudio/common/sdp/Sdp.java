package org.liveaudio.common.sdp;

import java.util.List;
import java.util.Optional;

/**
 * A session description (RFC 4566) as far as RTP audio needs it: who announced it, its name, where its media
 * travel and how they are encoded. Lines of other types ({@code u=}, {@code b=}, {@code t=}, ...) are checked
 * for form and left out.
 *
 * @param information the session's {@code i=}, empty when absent
 * @param connection the session-level {@code c=}, {@code null} when each medium has its own
 */
public record Sdp(Origin origin, String name, String information, Connection connection,
        List<Attribute> attributes, List<Media> media) {
    public Sdp {
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /** The first value of a session-level attribute, empty if it is absent or a flag without value. */
    public Optional<String> attribute(String attributeName) {
        return Attribute.first(attributes, attributeName);
    }

    /**
     * {@code o=}: with the address it names the session uniquely and for good (RFC 4566 5.2), across changes
     * of everything else, which raise {@code version}.
     *
     * @param sessionId digits, kept as text: writers use 64-bit NTP times and beyond
     */
    public record Origin(String username, String sessionId, String version, String networkType,
            String addressType, String address) {
        /** What names the session across its versions. */
        public String sessionKey() {
            return username + " " + sessionId + " " + networkType + " " + addressType + " " + address;
        }

        @Override
        public String toString() {
            return username + " " + sessionId + " " + version + " " + networkType + " " + addressType + " "
                    + address;
        }
    }

    /**
     * {@code c=}.
     *
     * @param address as written: a literal address, possibly a host name
     * @param ttl the IPv4 multicast TTL, -1 when not given
     */
    public record Connection(String networkType, String addressType, String address, int ttl) {
    }

    /** {@code a=name} (a flag, {@code value} empty) or {@code a=name:value}. */
    public record Attribute(String name, String value) {
        static Optional<String> first(List<Attribute> attributes, String name) {
            return attributes.stream().filter(a -> a.name.equals(name)).map(Attribute::value).findFirst();
        }
    }

    /**
     * {@code m=} with the lines that follow it.
     *
     * @param formats the payload types for RTP profiles
     * @param connection its own {@code c=}, {@code null} to use the session's
     * @param information its own {@code i=}, empty when absent
     */
    public record Media(String type, int port, String protocol, List<String> formats, Connection connection,
            String information, List<Attribute> attributes) {
        public Media {
            formats = List.copyOf(formats);
            attributes = List.copyOf(attributes);
        }

        public Optional<String> attribute(String attributeName) {
            return Attribute.first(attributes, attributeName);
        }

        /** The {@code a=fmtp} parameters of a payload type, empty when it has none. */
        public String formatParameters(int payloadType) {
            return valueFor("fmtp", payloadType).orElse("");
        }

        /** The {@code a=rtpmap} value for a payload type (without the type itself), if there is one. */
        Optional<String> valueFor(String attributeName, int payloadType) {
            String prefix = payloadType + " ";
            return attributes.stream().filter(a -> a.name.equals(attributeName) && a.value.startsWith(prefix))
                    .map(a -> a.value.substring(prefix.length()).strip()).findFirst();
        }
    }
}
