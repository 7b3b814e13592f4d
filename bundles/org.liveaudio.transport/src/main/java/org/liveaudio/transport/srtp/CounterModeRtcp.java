package org.liveaudio.transport.srtp;

import org.liveaudio.api.net.StreamKey;

/** AES_CM_128_HMAC_SHA1_80 for SRTCP (RFC 3711 3.4): E flag and index after the packet, the tag over all of it. */
final class CounterModeRtcp implements RtcpCrypto {
    private static final int TRAILER = 4 + PacketAuthentication.TAG_LENGTH;

    private final SessionCipher session;

    CounterModeRtcp(StreamKey key) {
        session = SessionCipher.forRtcp(key);
    }

    @Override
    public int overhead() {
        return TRAILER;
    }

    @Override
    public int seal(byte[] packet, int length, long ssrc, long index) {
        session.apply(ssrc, index, packet, HEADER, length - HEADER);
        RtcpCrypto.putInt(packet, length, ENCRYPTED_FLAG | index);
        session.authentication.tag(packet, 0, length + 4, packet, length + 4);
        return length + TRAILER;
    }

    @Override
    public long trailer(byte[] packet, int length) {
        return RtcpCrypto.getInt(packet, length - TRAILER);
    }

    @Override
    public int open(byte[] packet, int length, long ssrc, long trailer) {
        int tagAt = length - PacketAuthentication.TAG_LENGTH;
        if (!session.authentication.verify(packet, 0, tagAt, -1, tagAt)) {
            return -1;
        }
        int plain = length - TRAILER;
        if ((trailer & ENCRYPTED_FLAG) != 0) {
            session.apply(ssrc, trailer & ~ENCRYPTED_FLAG, packet, HEADER, plain - HEADER);
        }
        return plain;
    }
}
