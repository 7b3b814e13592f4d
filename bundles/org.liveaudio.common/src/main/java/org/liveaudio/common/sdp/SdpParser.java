package org.liveaudio.common.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a session description (RFC 4566). Lines end in CRLF or, as PipeWire writes them, LF alone (5: parsers
 * should accept both). Refuses with the line number and what is wrong: a first line other than {@code v=0}, a
 * missing or short {@code o=}, a type letter the RFC does not define (5: such a description must be ignored as a
 * whole), an {@code m=} or {@code c=} of the wrong form.
 */
public final class SdpParser {
    /** RFC 4566 5: every type letter it defines; anything else makes a description unusable. */
    private static final String KNOWN_TYPES = "vosiuepcbtrzkam";
    /** Larger than any SAP datagram carries: what a reader of a file accepts before it suspects the wrong file. */
    static final int MAX_CHARS = 64 * 1024;

    private SdpParser() {
    }

    public static Sdp parse(String text) throws SdpException {
        if (text.length() > MAX_CHARS) {
            throw new SdpException("the description has " + text.length() + " characters, more than " + MAX_CHARS);
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals("v=0")) {
            throw new SdpException("line 1 must be v=0, is " + quote(lines.isEmpty() ? "" : lines.get(0)));
        }
        Sdp.Origin origin = null;
        String name = null;
        String information = "";
        Sdp.Connection connection = null;
        List<Sdp.Attribute> attributes = new ArrayList<>();
        List<Sdp.Media> media = new ArrayList<>();
        MediaLines current = null;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (line.length() < 2 || line.charAt(1) != '=' || KNOWN_TYPES.indexOf(line.charAt(0)) < 0) {
                throw new SdpException("line " + number + " is not <type>=<value> with a type of RFC 4566 ("
                        + KNOWN_TYPES + "): " + quote(line));
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            switch (type) {
                case 'o' -> origin = origin(value, number);
                case 's' -> name = value;
                case 'i' -> {
                    if (current == null) {
                        information = value;
                    } else {
                        current.information = value;
                    }
                }
                case 'c' -> {
                    if (current == null) {
                        connection = connection(value, number);
                    } else {
                        current.connection = connection(value, number);
                    }
                }
                case 'a' -> (current == null ? attributes : current.attributes).add(attribute(value));
                case 'm' -> {
                    if (current != null) {
                        media.add(current.media());
                    }
                    current = mediaLine(value, number);
                }
                default -> {
                    // u, e, p, b, t, r, z, k: well formed, nothing a listener needs
                }
            }
        }
        if (current != null) {
            media.add(current.media());
        }
        if (origin == null) {
            throw new SdpException("the description has no o= line");
        }
        if (name == null) {
            throw new SdpException("the description has no s= line");
        }
        return new Sdp(origin, name.strip(), information.strip(), connection, attributes, media);
    }

    private static Sdp.Origin origin(String value, int number) throws SdpException {
        String[] f = value.strip().split(" +");
        if (f.length != 6) {
            throw new SdpException("line " + number + ": o= needs <username> <sess-id> <sess-version> <nettype> "
                    + "<addrtype> <unicast-address>, has " + quote(value));
        }
        return new Sdp.Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    private static Sdp.Connection connection(String value, int number) throws SdpException {
        String[] f = value.strip().split(" +");
        if (f.length != 3) {
            throw new SdpException("line " + number + ": c= needs <nettype> <addrtype> <connection-address>, has "
                    + quote(value));
        }
        int slash = f[2].indexOf('/');
        int ttl = -1;
        if (slash >= 0 && "IP4".equals(f[1])) {
            String rest = f[2].substring(slash + 1);
            int more = rest.indexOf('/');
            ttl = number(more < 0 ? rest : rest.substring(0, more), 0, 255, "the TTL of c=", number);
        }
        return new Sdp.Connection(f[0], f[1], slash < 0 ? f[2] : f[2].substring(0, slash), ttl);
    }

    private static MediaLines mediaLine(String value, int number) throws SdpException {
        String[] f = value.strip().split(" +");
        if (f.length < 4) {
            throw new SdpException("line " + number + ": m= needs <media> <port> <proto> <fmt> ..., has "
                    + quote(value));
        }
        int slash = f[1].indexOf('/');
        int port = number(slash < 0 ? f[1] : f[1].substring(0, slash), 0, 65535, "the port of m=", number);
        return new MediaLines(f[0], port, f[2], List.of(Arrays.copyOfRange(f, 3, f.length)));
    }

    private static Sdp.Attribute attribute(String value) {
        int colon = value.indexOf(':');
        return colon < 0 ? new Sdp.Attribute(value.strip(), "")
                : new Sdp.Attribute(value.substring(0, colon).strip(), value.substring(colon + 1).strip());
    }

    static int number(String text, int min, int max, String what, int line) throws SdpException {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below, as is a number out of range
        }
        throw new SdpException("line " + line + ": " + what + " must be " + min + ".." + max + ", is " + quote(text));
    }

    static String quote(String text) {
        return "\"" + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "\"";
    }

    /** An {@code m=} section while its lines are read. */
    private static final class MediaLines {
        final String type;
        final int port;
        final String protocol;
        final List<String> formats;
        final List<Sdp.Attribute> attributes = new ArrayList<>();
        Sdp.Connection connection;
        String information = "";

        MediaLines(String type, int port, String protocol, List<String> formats) {
            this.type = type;
            this.port = port;
            this.protocol = protocol;
            this.formats = formats;
        }

        Sdp.Media media() {
            return new Sdp.Media(type, port, protocol, formats, connection, information.strip(), attributes);
        }
    }
}
