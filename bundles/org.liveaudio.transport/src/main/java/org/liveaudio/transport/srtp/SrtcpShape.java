package org.liveaudio.transport.srtp;

/**
 * Tells an SRTCP packet (RFC 3711 3.4) from garbage without its key: a first RTCP header in the clear (version 2, a
 * report's packet type, a length that fits), then encrypted bytes, then the E flag with the index and the 80-bit tag,
 * which plain RTCP never has. So a channel without a key can say that the stream it hears is protected.
 */
public final class SrtcpShape {
    private static final int FIRST_REPORT_TYPE = 200;
    private static final int LAST_REPORT_TYPE = 204;

    private SrtcpShape() {
    }

    /** Whether the datagram has the shape of SRTCP under AES-CM (E flag before the tag) or AES-GCM (after it). */
    public static boolean looksProtected(byte[] packet, int length) {
        int counterMode = length - 4 - PacketAuthentication.TAG_LENGTH;
        int gcm = length - 4 - GcmCipher.TAG_LENGTH;
        return fits(packet, counterMode) && (packet[counterMode] & 0x80) != 0
                || fits(packet, gcm) && (packet[length - 4] & 0x80) != 0;
    }

    /** Whether a compound packet of {@code length} bytes with the first header in the clear could be there. */
    private static boolean fits(byte[] packet, int compound) {
        if (compound < RtcpCrypto.HEADER || compound % 4 != 0 || (packet[0] & 0xc0) != 0x80) {
            return false;
        }
        int type = packet[1] & 0xff;
        int first = (((packet[2] & 0xff) << 8 | packet[3] & 0xff) + 1) * 4;
        return type >= FIRST_REPORT_TYPE && type <= LAST_REPORT_TYPE && first <= compound;
    }
}
