package org.liveaudio.transport.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.StreamKey;

/** RFC 3711 Appendix B's test vectors, and libsrtp's validation packets, which run the whole suite. */
class Rfc3711VectorsTest {
    private static final byte[] MASTER_KEY = Hex.bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] MASTER_SALT = Hex.bytes("0EC675AD498AFEEBB6960B3AABE6");

    static StreamKey rfcKey() {
        byte[] material = new byte[30];
        System.arraycopy(MASTER_KEY, 0, material, 0, 16);
        System.arraycopy(MASTER_SALT, 0, material, 16, 14);
        return StreamKey.parse(Base64.getEncoder().encodeToString(material));
    }

    @Test
    void aesCounterModeKeystreamIsAppendixB2() {
        AesCounterMode cipher = new AesCounterMode(Hex.bytes("2B7E151628AED2A6ABF7158809CF4F3C"));
        byte[] keystream = new byte[1_044_512];
        cipher.apply(Hex.bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"), keystream, 0, keystream.length);

        assertEquals("e03ead0935c95e80e166b16dd92b4eb4d23513162b02d0f72a43a2fe4a5f97ab41e95b3bb0a2e8dd477901e4fca894c0",
                Hex.of(keystream, 0, 48));
        assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4362b7c3c6773516318a077d7fc5073ae6a2cc3787889374fbeb4c81b17ba6c44",
                Hex.of(keystream, keystream.length - 48, 48));
    }

    @Test
    void keystreamIsTheSameWhateverTheChunkBoundaries() {
        AesCounterMode cipher = new AesCounterMode(Hex.bytes("2B7E151628AED2A6ABF7158809CF4F3C"));
        byte[] iv = Hex.bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
        byte[] whole = new byte[5000];
        cipher.apply(iv, whole, 0, whole.length);
        byte[] shifted = new byte[5003];
        cipher.apply(iv, shifted, 3, 5000);
        assertArrayEquals(whole, Arrays.copyOfRange(shifted, 3, 5003));
    }

    @Test
    void keyDerivationIsAppendixB3() {
        assertEquals("c61e7a93744f39ee10734afe3ff7a087", Hex.of(
                KeyDerivation.derive(MASTER_KEY, MASTER_SALT, KeyDerivation.SRTP_ENCRYPTION, 16), 0, 16));
        assertEquals("30cbbc08863d8c85d49db34a9ae1", Hex.of(
                KeyDerivation.derive(MASTER_KEY, MASTER_SALT, KeyDerivation.SRTP_SALT, 14), 0, 14));
        assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa48f0a0acf3c34e2359e6cdbce"
                + "e049646c43d9327ad175578ef72270986371c10c9a369ac2f94a8c5fbcdddc25"
                + "6d6e919a48b610ef17c2041e474035766b68642c59bbfc2f34db60dbdfb2",
                Hex.of(KeyDerivation.derive(MASTER_KEY, MASTER_SALT, KeyDerivation.SRTP_AUTHENTICATION, 94), 0, 94));
    }

    @Test
    void srtcpSessionKeysAreLibsrtps() {
        assertEquals("4c1aa45a81f73d61c800bbb00fbb1eaa", Hex.of(
                KeyDerivation.derive(MASTER_KEY, MASTER_SALT, KeyDerivation.SRTCP_ENCRYPTION, 16), 0, 16));
        assertEquals("9581c7ad87b3e530bf3e4454a8b3", Hex.of(
                KeyDerivation.derive(MASTER_KEY, MASTER_SALT, KeyDerivation.SRTCP_SALT, 14), 0, 14));
        assertEquals("8d54534feb49ae8e7993a6bd0b844fc323a93dfd", Hex.of(
                KeyDerivation.derive(MASTER_KEY, MASTER_SALT, KeyDerivation.SRTCP_AUTHENTICATION, 20), 0, 20));
    }

    @Test
    void protectedRtpPacketIsLibsrtpsValidationPacket() {
        byte[] plain = Hex.bytes("800f1234decafbadcafebabe" + "ab".repeat(16));
        byte[] packet = Arrays.copyOf(plain, plain.length + RtpProtection.MAX_OVERHEAD);

        int length = new RtpProtection(rfcKey()).protect(packet, 12, plain.length, 0xcafebabeL, 0x1234);

        assertEquals("800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb",
                Hex.of(packet, 0, length));
        assertPlainAgain(plain, packet, new RtpUnprotection(rfcKey()).unprotect(packet, length));
    }

    @Test
    void protectedRtcpPacketIsLibsrtpsValidationPacket() {
        byte[] plain = Hex.bytes("81c8000bcafebabe" + "ab".repeat(16));
        byte[] packet = Arrays.copyOf(plain, plain.length + RtcpProtection.MAX_OVERHEAD);

        int length = new RtcpProtection(rfcKey(), () -> 1).protect(packet, plain.length);

        assertEquals("81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798",
                Hex.of(packet, 0, length));
        assertPlainAgain(plain, packet, new RtcpUnprotection(rfcKey()).unprotect(packet, length));
    }

    private static void assertPlainAgain(byte[] plain, byte[] packet, int unprotectedLength) {
        assertEquals(plain.length, unprotectedLength);
        assertArrayEquals(plain, Arrays.copyOf(packet, plain.length));
    }
}
