package org.liveaudio.common.sap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SapPacketTest {
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=Kitchen\r\nc=IN IP4 239.255.0.1/1\r\n"
            + "t=0 0\r\nm=audio 5004 RTP/AVP 96\r\na=rtpmap:96 L16/48000/2\r\n";

    @Test
    void announcementIsWrittenAsRfc2974VersionOneWithTheSdpPayloadType() throws Exception {
        SapPacket packet = SapPacket.of(false, InetAddress.getByName("127.0.0.1"), SDP);
        byte[] bytes = packet.toBytes();

        assertEquals(0x20, bytes[0] & 0xFF, "V=1, IPv4, announcement, not encrypted, not compressed");
        assertEquals(0, bytes[1], "no authentication data");
        assertEquals(packet.messageIdHash(), (bytes[2] & 0xFF) << 8 | bytes[3] & 0xFF);
        assertArrayEquals(new byte[] {127, 0, 0, 1}, Arrays.copyOfRange(bytes, 4, 8));
        assertEquals("application/sdp\0", new String(bytes, 8, 16, StandardCharsets.US_ASCII));
        assertEquals(SDP, new String(bytes, 24, bytes.length - 24, StandardCharsets.UTF_8));
        assertEquals(packet, SapPacket.parse(bytes, 0, bytes.length));
    }

    @Test
    void deletionSetsTheMessageTypeBitAndKeepsTheHash() throws Exception {
        InetAddress origin = InetAddress.getByName("127.0.0.1");
        SapPacket deletion = SapPacket.of(true, origin, SDP);
        byte[] bytes = deletion.toBytes();

        assertEquals(0x24, bytes[0] & 0xFF);
        assertEquals(SapPacket.of(false, origin, SDP).messageIdHash(), deletion.messageIdHash());
        assertTrue(SapPacket.parse(bytes, 0, bytes.length).deletion());
    }

    @Test
    void ipv6OriginSetsTheAddressTypeBitAndTakesSixteenBytes() throws Exception {
        InetAddress origin = InetAddress.getByName("fd00::1");
        byte[] bytes = SapPacket.of(false, origin, SDP).toBytes();

        assertEquals(0x30, bytes[0] & 0xFF);
        SapPacket parsed = SapPacket.parse(bytes, 0, bytes.length);
        assertEquals(origin, parsed.origin());
        assertEquals(SDP, parsed.payloadText());
    }

    @Test
    void readsFromTheMiddleOfABuffer() throws Exception {
        byte[] bytes = SapPacket.of(false, InetAddress.getByName("10.1.2.3"), SDP).toBytes();
        byte[] buffer = new byte[bytes.length + 20];
        System.arraycopy(bytes, 0, buffer, 7, bytes.length);

        assertEquals(SDP, SapPacket.parse(buffer, 7, bytes.length).payloadText());
    }

    @Test
    void ffmpegsAnnouncementAndDeletionAreRead() throws Exception {
        SapPacket announcement = fixture("ffmpeg-announcement.bin");
        SapPacket deletion = fixture("ffmpeg-deletion.bin");

        assertFalse(announcement.deletion());
        assertTrue(deletion.deletion());
        assertEquals(announcement.messageIdHash(), deletion.messageIdHash());
        assertEquals(SapPacket.SDP, announcement.payloadType());
        assertEquals(InetAddress.getByName("0.0.0.0"), announcement.origin(), "ffmpeg leaves its origin unset");
        assertTrue(announcement.payloadText().startsWith("v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=Kitchen radio\r\n"),
                announcement.payloadText());
    }

    @Test
    void payloadWithoutTheOptionalTypeFieldIsTakenAsSdp() throws Exception {
        byte[] header = {0x20, 0, 0x12, 0x34, 10, 0, 0, 1};
        byte[] sdp = SDP.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = concat(header, sdp);

        SapPacket packet = SapPacket.parse(bytes, 0, bytes.length);
        assertEquals(SapPacket.SDP, packet.payloadType());
        assertEquals(0x1234, packet.messageIdHash());
        assertEquals(SDP, packet.payloadText());
    }

    @Test
    void authenticationDataIsSkipped() throws Exception {
        byte[] header = {0x20, 2, 0x12, 0x34, 10, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8};
        byte[] bytes = concat(header, concat("application/sdp\0".getBytes(StandardCharsets.US_ASCII),
                SDP.getBytes(StandardCharsets.UTF_8)));

        assertEquals(SDP, SapPacket.parse(bytes, 0, bytes.length).payloadText());
    }

    @Test
    void encryptedAnnouncementIsRefusedByName() {
        byte[] bytes = SapPacket.of(false, InetAddress.getLoopbackAddress(), SDP).toBytes();
        bytes[0] |= 0x02;

        MalformedSapException e = assertThrows(MalformedSapException.class,
                () -> SapPacket.parse(bytes, 0, bytes.length));
        assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
    }

    @Test
    void compressedAnnouncementIsRefusedByName() {
        byte[] bytes = SapPacket.of(false, InetAddress.getLoopbackAddress(), SDP).toBytes();
        bytes[0] |= 0x01;

        MalformedSapException e = assertThrows(MalformedSapException.class,
                () -> SapPacket.parse(bytes, 0, bytes.length));
        assertTrue(e.getMessage().contains("compressed"), e.getMessage());
    }

    @Test
    void unknownVersionIsRefused() {
        byte[] bytes = SapPacket.of(false, InetAddress.getLoopbackAddress(), SDP).toBytes();
        bytes[0] = (byte) (2 << 5);

        MalformedSapException e = assertThrows(MalformedSapException.class,
                () -> SapPacket.parse(bytes, 0, bytes.length));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void truncatedHeaderIsRefused() {
        byte[] bytes = SapPacket.of(false, InetAddress.getLoopbackAddress(), SDP).toBytes();

        assertThrows(MalformedSapException.class, () -> SapPacket.parse(bytes, 0, 3));
        assertThrows(MalformedSapException.class, () -> SapPacket.parse(bytes, 0, 7));
    }

    @Test
    void payloadTypeWithoutTerminatorIsRefused() {
        byte[] bytes = concat(new byte[] {0x20, 0, 1, 2, 10, 0, 0, 1},
                "application/sdp".getBytes(StandardCharsets.US_ASCII));

        MalformedSapException e = assertThrows(MalformedSapException.class,
                () -> SapPacket.parse(bytes, 0, bytes.length));
        assertTrue(e.getMessage().contains("terminating zero"), e.getMessage());
    }

    @Test
    void hashFollowsThePayloadAndIsNeverZero() {
        byte[] one = SDP.getBytes(StandardCharsets.UTF_8);
        byte[] other = SDP.replace("Kitchen", "Garden").getBytes(StandardCharsets.UTF_8);

        assertEquals(SapPacket.hashOf(one), SapPacket.hashOf(one.clone()));
        assertNotEquals(SapPacket.hashOf(one), SapPacket.hashOf(other));
        for (int i = 0; i < 5000; i++) {
            assertNotEquals(0, SapPacket.hashOf(("v=0\r\no=- " + i).getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private static SapPacket fixture(String name) throws IOException, MalformedSapException {
        try (InputStream in = SapPacketTest.class.getResourceAsStream(name)) {
            byte[] bytes = in.readAllBytes();
            return SapPacket.parse(bytes, 0, bytes.length);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
