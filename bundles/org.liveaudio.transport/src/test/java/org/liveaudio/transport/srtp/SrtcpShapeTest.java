package org.liveaudio.transport.srtp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.StreamKey;

class SrtcpShapeTest {
    private static final byte[] RECEIVER_REPORT = Hex.bytes("80c90001" + "0badcafe");

    @Test
    void srtcpLooksProtectedAndPlainRtcpDoesNot() {
        byte[] packet = Arrays.copyOf(RECEIVER_REPORT, RECEIVER_REPORT.length + RtcpProtection.MAX_OVERHEAD);
        int length = new RtcpProtection(StreamKey.generate(new SecureRandom()), () -> 7).protect(packet,
                RECEIVER_REPORT.length);
        assertTrue(SrtcpShape.looksProtected(packet, length));
        assertFalse(SrtcpShape.looksProtected(RECEIVER_REPORT, RECEIVER_REPORT.length));
        assertFalse(SrtcpShape.looksProtected(new byte[30], 30), "not version 2");
        packet[length - 14] &= 0x7f;
        assertFalse(SrtcpShape.looksProtected(packet, length), "no E flag");
    }
}
