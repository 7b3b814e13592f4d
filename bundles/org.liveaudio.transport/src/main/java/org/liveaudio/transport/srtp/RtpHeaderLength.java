package org.liveaudio.transport.srtp;

/**
 * Where the payload of an RTP packet starts (RFC 3550 5.1: fixed header, CSRCs, extension), which is what SRTP
 * leaves in the clear; the padding is part of the encrypted payload, so it is read after decryption.
 */
final class RtpHeaderLength {
    static final int NOT_RTP = -1;
    private static final int FIXED = 12;

    private RtpHeaderLength() {
    }

    /** The header's length, or {@link #NOT_RTP} when it is no version 2 header within {@code length}. */
    static int of(byte[] packet, int length) {
        if (length < FIXED || (packet[0] & 0xc0) != 0x80) {
            return NOT_RTP;
        }
        int header = FIXED + (packet[0] & 0x0f) * 4;
        if ((packet[0] & 0x10) != 0) {
            if (header + 4 > length) {
                return NOT_RTP;
            }
            header += 4 + ((packet[header + 2] & 0xff) << 8 | packet[header + 3] & 0xff) * 4;
        }
        return header <= length ? header : NOT_RTP;
    }
}
