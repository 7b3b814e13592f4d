package org.liveaudio.transport.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.StreamKey;

/** SRTP and SRTCP both ways: round trips, rollover, late joiners, replays, forgeries, other keys. */
class SrtpTest {
    private static final long SSRC = 0x1234_5678L;
    private final StreamKey key = StreamKey.generate(new SecureRandom());
    private final RtpProtection sender = new RtpProtection(key);
    private final RtpUnprotection receiver = new RtpUnprotection(key);

    /** An RTP packet of {@code sequence} with a payload that tells it apart, room left for the tag. */
    private static byte[] rtp(long ssrc, int sequence, int payloadLength) {
        byte[] packet = new byte[12 + payloadLength + RtpProtection.MAX_OVERHEAD];
        new Random(sequence).nextBytes(packet);
        packet[0] = (byte) 0x80;
        packet[1] = 96;
        packet[2] = (byte) (sequence >>> 8);
        packet[3] = (byte) sequence;
        for (int i = 0; i < 4; i++) {
            packet[8 + i] = (byte) (ssrc >>> 8 * (3 - i));
        }
        return packet;
    }

    /** Protects the packet of {@code index} and returns the wire bytes. */
    private byte[] send(RtpProtection protection, long ssrc, long index) {
        byte[] packet = rtp(ssrc, (int) (index & 0xFFFF), 100);
        int length = protection.protect(packet, 12, packet.length - RtpProtection.MAX_OVERHEAD, ssrc, index);
        return Arrays.copyOf(packet, length);
    }

    private int receive(RtpUnprotection unprotection, byte[] wire) {
        return unprotection.unprotect(wire.clone(), wire.length);
    }

    @Test
    void payloadIsEncryptedAndTheHeaderIsNot() {
        byte[] plain = rtp(SSRC, 7, 100);
        byte[] wire = send(sender, SSRC, 7);
        assertArrayEquals(Arrays.copyOf(plain, 12), Arrays.copyOf(wire, 12));
        assertNotEquals(Hex.of(plain, 12, 100), Hex.of(wire, 12, 100));

        byte[] back = wire.clone();
        assertEquals(112, receiver.unprotect(back, back.length));
        assertArrayEquals(Arrays.copyOf(plain, 112), Arrays.copyOf(back, 112));
    }

    @Test
    void rolloverCounterFollowsTheSequenceAcrossTheWrapAndReorderingAroundIt() {
        long first = 65_530;
        byte[][] wires = new byte[12][];
        for (int i = 0; i < wires.length; i++) {
            wires[i] = send(sender, SSRC, first + i);
        }
        for (int i : new int[] {0, 1, 2, 3, 4, 7, 6, 5, 8, 10, 9, 11}) {
            assertEquals(112, receive(receiver, wires[i]), "packet of index " + (first + i));
        }
        // One more wrap later, in steps of less than half the sequence space: from counter 1 to 2.
        assertEquals(112, receive(receiver, send(sender, SSRC, (1L << 16) + 30_000)));
        assertEquals(112, receive(receiver, send(sender, SSRC, (1L << 16) + 60_000)));
        assertEquals(112, receive(receiver, send(sender, SSRC, (2L << 16) + 5)));
        assertEquals(112, receive(receiver, send(sender, SSRC, (1L << 16) + 65_535)), "late, from before the wrap");
    }

    @Test
    void aJumpOfMoreThanHalfTheSequenceSpaceIsTakenForALatePacket() {
        assertEquals(112, receive(receiver, send(sender, SSRC, 100)));
        assertEquals(Verdict.UNAUTHENTICATED, receive(receiver, send(sender, SSRC, 100 + 40_000)),
                "estimated one wrap earlier, before the first, so under the wrong counter");
        assertEquals(112, receive(receiver, send(sender, SSRC, 30_000)));
        assertEquals(Verdict.REPLAYED, receive(receiver, send(sender, SSRC, 30_000 + 40_000 - 65_536)),
                "estimated one wrap earlier: behind the window");
    }

    @Test
    void theWrongRolloverCounterDoesNotAuthenticate() {
        RtpUnprotection fresh = new RtpUnprotection(key);
        assertEquals(112, receive(fresh, send(sender, SSRC, 100)));
        // The sender restarted its counter at 3 without the receiver knowing: 3 wraps off is not a neighbour.
        assertEquals(Verdict.UNAUTHENTICATED, receive(fresh, send(sender, SSRC, (3L << 16) + 101)));
    }

    @Test
    void aListenerJoiningAfterManyWrapsFindsTheCounterWithinASecondOfPackets() {
        long roc = 3_000;
        int accepted = 0;
        int tried = 0;
        while (accepted == 0 && tried < 300) {
            accepted += receive(receiver, send(sender, SSRC, (roc << 16) + tried)) > 0 ? 1 : 0;
            tried++;
        }
        assertEquals(1, accepted, "found within 300 packets");
        assertEquals(112, receive(receiver, send(sender, SSRC, (roc << 16) + tried)), "and locked from then on");
    }

    @Test
    void replaysAndPacketsBehindTheWindowAreDropped() {
        byte[] first = send(sender, SSRC, 1000);
        assertEquals(112, receive(receiver, first));
        assertEquals(Verdict.REPLAYED, receive(receiver, first));
        for (long index = 1001; index <= 1000 + ReplayWindow.SIZE; index++) {
            assertEquals(112, receive(receiver, send(sender, SSRC, index)));
        }
        byte[] late = send(sender, SSRC, 1001);
        assertEquals(Verdict.REPLAYED, receive(receiver, late), "taken already");
        assertEquals(Verdict.REPLAYED, receive(receiver, send(new RtpProtection(key), SSRC, 1000)),
                "behind the window");
    }

    @Test
    void alteredPacketsAndOtherKeysDoNotAuthenticateAndDoNotMoveTheWindow() {
        assertEquals(112, receive(receiver, send(sender, SSRC, 10)));
        byte[] next = send(sender, SSRC, 11);
        for (int at : new int[] {1, 2, 11, 12, 111, 112, 121}) {
            byte[] altered = next.clone();
            altered[at] ^= 1;
            assertEquals(Verdict.UNAUTHENTICATED, receive(receiver, altered), "byte " + at + " altered");
        }
        RtpProtection rogue = new RtpProtection(StreamKey.generate(new SecureRandom()));
        assertEquals(Verdict.UNAUTHENTICATED, receive(receiver, send(rogue, SSRC, 50_000)));
        byte[] plain = rtp(SSRC, 40_000, 100);
        assertEquals(Verdict.UNAUTHENTICATED, receive(receiver, plain), "unprotected RTP");
        assertEquals(112, receive(receiver, next), "the real packet still authenticates");
    }

    @Test
    void tooShortOrNotRtpIsMalformed() {
        assertEquals(Verdict.MALFORMED, receiver.unprotect(new byte[21], 21));
        byte[] wire = send(sender, SSRC, 1);
        wire[0] = 0x40;
        assertEquals(Verdict.MALFORMED, receive(receiver, wire));
        byte[] extension = send(sender, SSRC, 2);
        extension[0] |= 0x10;
        extension[14] = (byte) 0xff;
        assertEquals(Verdict.MALFORMED, receive(receiver, extension), "an extension past the end");
    }

    @Test
    void srtcpRoundTripsDropsReplaysAndForgeries() {
        RtcpProtection protection = new RtcpProtection(key, () -> 5_000);
        RtcpUnprotection unprotection = new RtcpUnprotection(key);
        byte[] plain = Hex.bytes("80c90001" + "0badcafe");
        byte[] first = protectRtcp(protection, plain);
        byte[] second = protectRtcp(protection, plain);
        assertEquals(0x80, first[plain.length] & 0x80, "E flag");
        assertEquals(5_000, ((first[plain.length + 2] & 0xff) << 8) | first[plain.length + 3] & 0xff);

        assertEquals(plain.length, unprotectRtcp(unprotection, second));
        assertEquals(plain.length, unprotectRtcp(unprotection, first), "reordered inside the window");
        assertEquals(Verdict.REPLAYED, unprotectRtcp(unprotection, first));
        byte[] forged = protectRtcp(new RtcpProtection(StreamKey.generate(new SecureRandom()), () -> 9_000), plain);
        assertEquals(Verdict.UNAUTHENTICATED, unprotectRtcp(unprotection, forged));
        assertEquals(Verdict.UNAUTHENTICATED, unprotectRtcp(unprotection, Arrays.copyOf(plain, 40)));
        assertEquals(Verdict.MALFORMED, unprotectRtcp(unprotection, plain), "too short for a trailer");
    }

    @Test
    void srtcpIndexWrapsAt2To31AndTheReceiverFollows() {
        RtcpProtection protection = new RtcpProtection(key, () -> (1L << 31) - 2);
        RtcpUnprotection unprotection = new RtcpUnprotection(key);
        byte[] plain = Hex.bytes("80c90001" + "0badcafe");
        for (int i = 0; i < 4; i++) {
            assertEquals(plain.length, unprotectRtcp(unprotection, protectRtcp(protection, plain)), "packet " + i);
        }
        assertEquals(0, RtcpUnprotection.nearest((1L << 31) - 1, 0) - (1L << 31));
        assertEquals((1L << 31) - 1, RtcpUnprotection.nearest(1L << 31, (1L << 31) - 1));
    }

    @Test
    void aSenderStartedAgainUnderTheSameKeyContinuesItsSrtcpIndexFromTheClock() {
        RtcpUnprotection unprotection = new RtcpUnprotection(key);
        byte[] plain = Hex.bytes("80c90001" + "0badcafe");
        RtcpProtection firstRun = new RtcpProtection(key, () -> 1_000);
        for (int i = 0; i < 10; i++) {
            assertEquals(plain.length, unprotectRtcp(unprotection, protectRtcp(firstRun, plain)));
        }
        RtcpProtection secondRun = new RtcpProtection(key, () -> 61_000);
        assertEquals(plain.length, unprotectRtcp(unprotection, protectRtcp(secondRun, plain)));
    }

    private static byte[] protectRtcp(RtcpProtection protection, byte[] plain) {
        byte[] packet = Arrays.copyOf(plain, plain.length + RtcpProtection.MAX_OVERHEAD);
        return Arrays.copyOf(packet, protection.protect(packet, plain.length));
    }

    private static int unprotectRtcp(RtcpUnprotection unprotection, byte[] wire) {
        return unprotection.unprotect(wire.clone(), wire.length);
    }
}
