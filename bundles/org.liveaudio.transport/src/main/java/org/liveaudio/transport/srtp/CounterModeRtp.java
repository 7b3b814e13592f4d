package org.liveaudio.transport.srtp;

import org.liveaudio.api.net.StreamKey;

/** AES_CM_128_HMAC_SHA1_80 for SRTP (RFC 3711 4.1.1, 4.2.1): the tag covers the packet and the rollover counter. */
final class CounterModeRtp implements RtpCrypto {
    private final SessionCipher session;

    CounterModeRtp(StreamKey key) {
        session = SessionCipher.forRtp(key);
    }

    @Override
    public int overhead() {
        return PacketAuthentication.TAG_LENGTH;
    }

    @Override
    public int seal(byte[] packet, int header, int length, long ssrc, long index) {
        session.apply(ssrc, index, packet, header, length - header);
        session.authentication.tag(packet, 0, length, index >>> 16, packet, length);
        return length + PacketAuthentication.TAG_LENGTH;
    }

    @Override
    public boolean open(byte[] packet, int header, int length, long ssrc, long index) {
        int plain = length - PacketAuthentication.TAG_LENGTH;
        if (!session.authentication.verify(packet, 0, plain, index >>> 16, plain)) {
            return false;
        }
        session.apply(ssrc, index, packet, header, plain - header);
        return true;
    }
}
