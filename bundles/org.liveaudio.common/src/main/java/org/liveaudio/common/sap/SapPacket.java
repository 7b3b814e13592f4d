package org.liveaudio.common.sap;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * One SAP (RFC 2974) message: the announcement or deletion of a session description. Written with version 1,
 * no authentication, no encryption, no compression and the payload type {@value #SDP}; read from any writer that
 * keeps to the RFC (ffmpeg, PipeWire, AES67 devices), with or without the optional payload type field.
 *
 * @param deletion whether the session is withdrawn rather than announced (RFC 2974 T bit)
 * @param messageIdHash 16 bits that, with the origin, tell one version of the announcement from another
 * @param origin the announcing host's address (IPv4 or IPv6, which sets the A bit)
 * @param payloadType the MIME type of the payload; {@value #SDP} when the writer left the optional field out
 */
public record SapPacket(boolean deletion, int messageIdHash, InetAddress origin, String payloadType, byte[] payload) {
    public static final String SDP = "application/sdp";
    /** RFC 2974 3: the port of every SAP scope. */
    public static final int PORT = 9875;

    private static final int VERSION = 1;
    private static final int FLAG_ADDRESS_IPV6 = 0x10;
    private static final int FLAG_DELETION = 0x04;
    private static final int FLAG_ENCRYPTED = 0x02;
    private static final int FLAG_COMPRESSED = 0x01;
    private static final int HEADER_BYTES = 4;
    /** How SDP starts, which tells a payload whose writer left out the optional payload type (RFC 2974 6). */
    private static final byte[] SDP_START = "v=0".getBytes(StandardCharsets.US_ASCII);

    public SapPacket {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(payload, "payload");
        if (messageIdHash < 0 || messageIdHash > 0xFFFF) {
            throw new IllegalArgumentException("message id hash is 16 bits: " + messageIdHash);
        }
        payload = payload.clone();
    }

    /** An announcement ({@code deletion == false}) or deletion of {@code sdp}, hashed from its text. */
    public static SapPacket of(boolean deletion, InetAddress origin, String sdp) {
        byte[] payload = sdp.getBytes(StandardCharsets.UTF_8);
        return new SapPacket(deletion, hashOf(payload), origin, SDP, payload);
    }

    /**
     * A message id hash of the payload: another description gets another hash (RFC 2974 5: it must change
     * whenever the payload does), the same description the same one; never zero, which SAPv0 receivers take
     * for "no hash".
     */
    public static int hashOf(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        long value = crc.getValue();
        int hash = (int) ((value ^ (value >>> 16)) & 0xFFFF);
        return hash == 0 ? 1 : hash;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload as text (SDP is UTF-8 by default, RFC 4566 5.8). */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public byte[] toBytes() {
        byte[] address = origin.getAddress();
        byte[] type = payloadType.getBytes(StandardCharsets.US_ASCII);
        byte[] packet = new byte[HEADER_BYTES + address.length + type.length + 1 + payload.length];
        packet[0] = (byte) (VERSION << 5 | (origin instanceof Inet6Address ? FLAG_ADDRESS_IPV6 : 0)
                | (deletion ? FLAG_DELETION : 0));
        packet[1] = 0; // no authentication data
        packet[2] = (byte) (messageIdHash >>> 8);
        packet[3] = (byte) messageIdHash;
        System.arraycopy(address, 0, packet, HEADER_BYTES, address.length);
        int at = HEADER_BYTES + address.length;
        System.arraycopy(type, 0, packet, at, type.length);
        at += type.length;
        packet[at++] = 0;
        System.arraycopy(payload, 0, packet, at, payload.length);
        return packet;
    }

    /**
     * Reads one datagram. Authentication data, which the RFC leaves to each receiver to check or not, is skipped
     * unchecked: an announcement is taken on trust, as every SAP receiver we know does.
     *
     * @throws MalformedSapException naming what is wrong: too short, a version other than 1 (or 0, which reads
     *     the same), an encrypted or compressed payload (we read neither), a payload type without its terminator
     */
    public static SapPacket parse(byte[] data, int offset, int length) throws MalformedSapException {
        if (length < HEADER_BYTES) {
            throw new MalformedSapException("a SAP header has 4 bytes and an origin, the datagram has " + length);
        }
        int flags = data[offset] & 0xFF;
        int version = flags >>> 5;
        if (version > VERSION) {
            throw new MalformedSapException("SAP version " + version + " is unknown (RFC 2974 has version 1)");
        }
        if ((flags & FLAG_ENCRYPTED) != 0) {
            throw new MalformedSapException("the announcement is encrypted (E bit): encrypted SAP is not supported");
        }
        if ((flags & FLAG_COMPRESSED) != 0) {
            throw new MalformedSapException("the announcement is compressed (C bit): compressed SAP is not "
                    + "supported");
        }
        int addressBytes = (flags & FLAG_ADDRESS_IPV6) != 0 ? 16 : 4;
        int authenticationBytes = (data[offset + 1] & 0xFF) * 4;
        int hash = (data[offset + 2] & 0xFF) << 8 | data[offset + 3] & 0xFF;
        int at = HEADER_BYTES + addressBytes + authenticationBytes;
        if (length < at) {
            throw new MalformedSapException("the datagram (" + length + " bytes) ends inside the SAP header, which "
                    + "needs " + at + " with its origin and authentication data");
        }
        InetAddress origin = address(Arrays.copyOfRange(data, offset + HEADER_BYTES,
                offset + HEADER_BYTES + addressBytes));
        String type = SDP;
        if (!startsWith(data, offset + at, offset + length, SDP_START)) {
            int end = indexOfZero(data, offset + at, offset + length);
            if (end < 0) {
                throw new MalformedSapException("the payload type has no terminating zero byte and the payload is "
                        + "not SDP");
            }
            type = new String(data, offset + at, end - offset - at, StandardCharsets.US_ASCII);
            at = end - offset + 1;
        }
        byte[] payload = Arrays.copyOfRange(data, offset + at, offset + length);
        return new SapPacket((flags & FLAG_DELETION) != 0, hash, origin, type, payload);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    private static boolean startsWith(byte[] data, int from, int end, byte[] prefix) {
        if (end - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfZero(byte[] data, int from, int end) {
        for (int i = from; i < end; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SapPacket p && deletion == p.deletion && messageIdHash == p.messageIdHash
                && origin.equals(p.origin) && payloadType.equals(p.payloadType) && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deletion, messageIdHash, origin, payloadType, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return (deletion ? "SAP deletion" : "SAP announcement") + " from " + origin.getHostAddress() + " hash "
                + messageIdHash + " (" + payloadType + ", " + payload.length + " bytes)";
    }
}
