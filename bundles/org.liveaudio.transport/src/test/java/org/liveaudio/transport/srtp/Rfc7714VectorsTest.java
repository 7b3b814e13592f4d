package org.liveaudio.transport.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.StreamKey;

/** RFC 7714's AEAD_AES_128_GCM test vectors (sections 16.1 and 17.1), and the suite through the whole layer. */
class Rfc7714VectorsTest {
    private static final byte[] SESSION_KEY = Hex.bytes("000102030405060708090a0b0c0d0e0f");
    /** "Quid pro quo". */
    private static final byte[] SESSION_SALT = Hex.bytes("517569642070726f2071756f");
    private static final byte[] RTP = concat(Hex.bytes("8040f17b8041f8d35501a0b2"),
            "Gallia est omnis divisa in partes tres".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] RTCP = Hex.bytes("81c8000d4d6172734e5450314e545032525450200000042a0000e9304c756e61"
            + "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef");

    @Test
    void srtpPacketIsSection16_1() {
        GcmRtp gcm = new GcmRtp(new GcmCipher(SESSION_KEY, SESSION_SALT));
        byte[] packet = Arrays.copyOf(RTP, RTP.length + GcmCipher.TAG_LENGTH);

        int length = gcm.seal(packet, 12, RTP.length, 0x5501a0b2L, 0xf17b);

        assertEquals("8040f17b8041f8d35501a0b2f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b"
                + "36de3adf8833899d7f27beb16a9152cf765ee4390cce", Hex.of(packet, 0, length));
        assertTrue(new GcmRtp(new GcmCipher(SESSION_KEY, SESSION_SALT)).open(packet, 12, length, 0x5501a0b2L,
                0xf17b));
        assertArrayEquals(RTP, Arrays.copyOf(packet, RTP.length));
    }

    @Test
    void srtcpPacketIsSection17_1() {
        GcmRtcp gcm = new GcmRtcp(new GcmCipher(SESSION_KEY, SESSION_SALT));
        byte[] packet = Arrays.copyOf(RTCP, RTCP.length + 20);

        int length = gcm.seal(packet, RTCP.length, 0x4d617273L, 0x5d4);

        assertEquals("81c8000d4d61727363e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda4ce09b46"
                + "86303ded0bb9275bc84aa45896cf4d2fc5abf87245d9eade800005d4", Hex.of(packet, 0, length));
        GcmRtcp receiver = new GcmRtcp(new GcmCipher(SESSION_KEY, SESSION_SALT));
        assertEquals(RTCP.length, receiver.open(packet, length, 0x4d617273L, receiver.trailer(packet, length)));
        assertArrayEquals(RTCP, Arrays.copyOf(packet, RTCP.length));
    }

    @Test
    void aGcmKeyProtectsTheWholeLayerAndAnAlteredPacketDoesNotOpen() {
        StreamKey key = StreamKey.generate(new SecureRandom(), StreamKey.SUITE_GCM);
        assertEquals(StreamKey.SUITE_GCM, StreamKey.parse(key.inline()).suite());
        RtpProtection sender = new RtpProtection(key);
        RtpUnprotection receiver = new RtpUnprotection(key);
        assertEquals(16, sender.overhead());
        for (long index = 65_530; index < 65_545; index++) {
            byte[] packet = Arrays.copyOf(RTP, RTP.length + RtpProtection.MAX_OVERHEAD);
            packet[2] = (byte) (index >>> 8);
            packet[3] = (byte) index;
            byte[] plain = Arrays.copyOf(packet, RTP.length);
            int length = sender.protect(packet, 12, RTP.length, 0x5501a0b2L, index);
            byte[] altered = Arrays.copyOf(packet, length);
            altered[20] ^= 1;
            assertEquals(Verdict.UNAUTHENTICATED, receiver.unprotect(altered, length));
            byte[] wire = Arrays.copyOf(packet, length);
            assertEquals(RTP.length, receiver.unprotect(packet, length), "index " + index);
            assertArrayEquals(plain, Arrays.copyOf(packet, RTP.length));
            assertEquals(Verdict.REPLAYED, receiver.unprotect(wire, length));
        }
        RtcpProtection rtcpSender = new RtcpProtection(key, () -> 77);
        RtcpUnprotection rtcpReceiver = new RtcpUnprotection(key);
        // The RFC's packet says it is longer than it is; a receiver report whose length is its own:
        byte[] report = Hex.bytes("80c90001" + "0badcafe");
        byte[] packet = Arrays.copyOf(report, report.length + RtcpProtection.MAX_OVERHEAD);
        int length = rtcpSender.protect(packet, report.length);
        assertTrue(SrtcpShape.looksProtected(packet, length));
        assertEquals(report.length, rtcpReceiver.unprotect(packet, length));
        assertArrayEquals(report, Arrays.copyOf(packet, report.length));
        assertFalse(new RtcpUnprotection(StreamKey.generate(new SecureRandom())).unprotect(
                Arrays.copyOf(packet, length), length) >= 0, "an AES-CM key opens nothing of it");
    }

    @Test
    void aLateJoinerFindsTheRolloverCounterUnderGcmTooForAFailedTryLeavesThePacketAsItWas() {
        StreamKey key = StreamKey.generate(new SecureRandom(), StreamKey.SUITE_GCM);
        RtpProtection sender = new RtpProtection(key);
        RtpUnprotection receiver = new RtpUnprotection(key);
        long roc = 3_000;
        int accepted = 0;
        int tried = 0;
        while (accepted == 0 && tried < 300) {
            long index = (roc << 16) + tried;
            byte[] packet = Arrays.copyOf(RTP, RTP.length + RtpProtection.MAX_OVERHEAD);
            packet[2] = (byte) (index >>> 8);
            packet[3] = (byte) index;
            byte[] plain = Arrays.copyOf(packet, RTP.length);
            int length = sender.protect(packet, 12, RTP.length, 0x5501a0b2L, index);
            if (receiver.unprotect(packet, length) > 0) {
                accepted++;
                assertArrayEquals(plain, Arrays.copyOf(packet, RTP.length));
            }
            tried++;
        }
        assertEquals(1, accepted, "found within 300 packets");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
