package org.liveaudio.transport.fec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtpPacket;
import org.liveaudio.api.net.RtpReceiver;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.transport.rtp.ParseResult;
import org.liveaudio.transport.rtp.RtpHeader;
import org.liveaudio.transport.rtp.RtpPacketView;

/**
 * The sender's repair packets rebuild at the receiver exactly the source packets that were lost, header fields and
 * payload, whatever the pattern of loss, as long as a block lost no more than its repair count.
 */
class FecRoundTripTest {
    private static final long SSRC = 0x1234_5678L;
    private static final int PT = 96;

    @Test
    void everyLossPatternWithinTheRepairCountIsRebuiltExactly() throws Exception {
        int k = 5;
        int r = 2;
        List<Packet> sent = stream(k, 1, r, k, 11);
        // Lose any subset of the k + r packets of the block, source and repair alike.
        for (int mask = 0; mask < 1 << (k + r); mask++) {
            int lostMask = mask;
            Heard heard = receive(sent, i -> (lostMask >> i & 1) != 0);
            int lost = Integer.bitCount(lostMask);
            int lostSource = Integer.bitCount(lostMask & ((1 << k) - 1));
            if (lost <= r) {
                assertEquals(k, heard.sources.size(), "mask " + Integer.toBinaryString(mask));
                assertEquals(lostSource, heard.rebuilt, "mask " + Integer.toBinaryString(mask));
                heard.assertSame(sent);
            } else {
                assertEquals(k - lostSource + heard.rebuilt, heard.sources.size());
                heard.assertSame(sent);
            }
        }
    }

    @Test
    void interleavedBlocksSurviveABurstAsLongAsTheDepth() throws Exception {
        int k = 4;
        int depth = 3;
        List<Packet> sent = stream(k, depth, 1, 10 * k * depth, 12);
        // Bursts of 3 consecutive source packets, one per group: each costs each of the 3 blocks one packet.
        Heard heard = receive(sent, i -> sent.get(i).source && sent.get(i).sequenceIndex % (k * depth) >= 5
                && sent.get(i).sequenceIndex % (k * depth) < 5 + depth);
        assertEquals(10 * k * depth, heard.sources.size());
        assertEquals(10 * depth, heard.rebuilt);
        heard.assertSame(sent);
    }

    @Test
    void aMarkerClosesTheGroupSoTheShortBlockIsProtectedToo() throws Exception {
        FecSettings settings = new FecSettings(true, 8, 2, 1, 100);
        List<byte[]> repairs = new ArrayList<>();
        FecRtpSender sender = new FecRtpSender(Wire.keeping(bytes -> { }), Wire.keeping(repairs::add), settings, 7,
                0x10);
        byte[] payload = new byte[20];
        for (int i = 0; i < 3; i++) {
            sender.send(PT, i == 0, 1000 + i, 480L * i, SSRC, payload, 0, payload.length);
        }
        assertEquals(0, repairs.size(), "a group of 8 is not full after 3");
        sender.send(PT, true, 1003, 99_999, SSRC, payload, 0, payload.length);
        assertEquals(2, repairs.size(), "the resumption closed the 3-packet block");
        RtpPacketView first = parse(repairs.get(0));
        assertEquals(100, first.payloadType());
        assertEquals(SSRC ^ 0x11, first.ssrc(), "the repair stream's own SSRC");
        assertEquals(SSRC, RepairFormat.sourceSsrc(first.buffer(), first.payloadOffset()));
        assertEquals(1000, RepairFormat.sequenceBase(first.buffer(), first.payloadOffset()));
        assertEquals(3, RepairFormat.sourceCount(first.buffer(), first.payloadOffset()));
        assertEquals(8 & 0xffff, parse(repairs.get(1)).sequence());
    }

    @Test
    void randomLossAtFivePercentWithTenPlusFiveLosesNothingOfThisSeed() throws Exception {
        List<Packet> sent = stream(10, 1, 5, 2000, 13);
        Random random = new Random(5);
        boolean[] lose = new boolean[sent.size()];
        for (int i = 0; i < lose.length; i++) {
            lose[i] = random.nextDouble() < 0.05;
        }
        Heard heard = receive(sent, i -> lose[i]);
        assertTrue(heard.rebuilt > 50, "rebuilt " + heard.rebuilt);
        assertEquals(2000, heard.sources.size());
        heard.assertSame(sent);
    }

    @Test
    void sequenceNumbersWrapWithinABlock() throws Exception {
        List<Packet> sent = stream(6, 2, 3, 6 * 2 * 4, 65_530);
        // The sender counts on past 65 535 (the extended sequence number), the wire wraps: every block stays full.
        List<Integer> blockSizes = sent.stream().filter(p -> !p.source)
                .map(p -> p.bytes[RtpHeader.FIXED_LENGTH + 2] & 0xff).toList();
        assertEquals(Collections.nCopies(4 * 2 * 3, 6), blockSizes);
        Heard heard = receive(sent, i -> sent.get(i).source && i % 4 == 1);
        assertEquals(6 * 2 * 4, heard.sources.size());
        heard.assertSame(sent);
    }

    @Test
    void theRepairStreamHasAnSsrcOfItsOwnAndCountsItsWraps() throws Exception {
        // Under SRTP both streams are protected with one key: the same SSRC and index on a packet of each, or on two
        // repair packets a wrap apart, would be encrypted with the same keystream (RFC 3711, 9.1).
        List<Long> repairSsrcs = new ArrayList<>();
        List<Integer> repairSequences = new ArrayList<>();
        RtpSender repair = new RtpSender() {
            @Override
            public int send(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload,
                    int offset, int length) {
                repairSsrcs.add(ssrc);
                repairSequences.add(sequence);
                return length;
            }

            @Override
            public MulticastEndpoint endpoint() {
                return null;
            }

            @Override
            public void close() {
            }
        };
        FecRtpSender sender = new FecRtpSender(Wire.keeping(bytes -> { }), repair, new FecSettings(true, 2, 2, 1, 100),
                65_534, 0);
        byte[] payload = new byte[20];
        for (int i = 0; i < 4; i++) {
            sender.send(PT, false, 70_000 + i, 480L * i, SSRC, payload, 0, payload.length);
        }
        assertEquals(List.of(65_534, 65_535, 65_536, 65_537), repairSequences);
        assertEquals(List.of(SSRC ^ 1, SSRC ^ 1, SSRC ^ 1, SSRC ^ 1), repairSsrcs, "a mask of 0 still flips a bit");
    }

    @Test
    void aGroupThatANewSsrcClosesGoesOutUnderItsOwnSourcesRepairSsrc() throws Exception {
        List<byte[]> repairs = new ArrayList<>();
        FecRtpSender sender = new FecRtpSender(Wire.keeping(bytes -> { }), Wire.keeping(repairs::add),
                new FecSettings(true, 8, 2, 1, 100), 7, 0x10);
        byte[] payload = new byte[20];
        for (int i = 0; i < 3; i++) {
            sender.send(PT, false, 500 + i, 480L * i, SSRC, payload, 0, payload.length);
        }
        long next = SSRC + 1;
        sender.send(PT, false, 9_000, 0, next, payload, 0, payload.length);
        assertEquals(2, repairs.size(), "the new session closed the 3-packet block");
        for (byte[] repair : repairs) {
            RtpPacketView view = parse(repair);
            assertEquals(SSRC, RepairFormat.sourceSsrc(view.buffer(), view.payloadOffset()));
            assertEquals(SSRC ^ 0x11, view.ssrc(), "the closed block's source's repair SSRC, not the new one's");
        }
    }

    @Test
    void aRepairReadBeforeItsBlocksLastSourcePacketWaitsForItInsteadOfRebuildingIt() throws Exception {
        List<Packet> sent = stream(4, 1, 2, 8, 30);
        List<Packet> repairFirst = new ArrayList<>(sent);
        // The second block's last source packet comes after its repairs, as the other thread may read them.
        Packet lastSource = repairFirst.remove(4 + 2 + 3);
        repairFirst.add(lastSource);
        Heard heard = receive(repairFirst, i -> false);
        assertEquals(8, heard.sources.size());
        assertEquals(0, heard.rebuilt, "nothing was lost");
        // Lost for real: rebuilt once the packet after it is in.
        Heard lost = receive(sent, i -> i == 4 + 2 + 3);
        assertEquals(8, lost.sources.size());
        assertEquals(1, lost.rebuilt);
        lost.assertSame(sent);
    }

    @Test
    void aBlockBegunBeforeTheRepairStreamWasSeenIsNotRebuiltFromItsUncopiedPackets() throws Exception {
        List<Packet> sent = stream(2, 1, 3, 4, 50);
        List<Integer> rebuilt = new ArrayList<>();
        FecRtpReceiver receiver = new FecRtpReceiver(packet -> {
            if (packet.recovered()) {
                rebuilt.add(packet.sequence());
            }
        });
        receiver.attach(new IdleReceiver(), new IdleReceiver());
        // A listener that joins mid-stream: the first block's sources came before any repair told it of FEC.
        feedSources(receiver, sent, i -> false);

        assertEquals(List.of(), rebuilt, "every packet came; none may be handed on again as rebuilt");
    }

    @Test
    void repairsOfAnotherStreamOrMalformedOnesRebuildNothing() throws Exception {
        List<Packet> sent = stream(4, 1, 2, 4, 20);
        List<String> handed = new ArrayList<>();
        FecRtpReceiver receiver = new FecRtpReceiver(packet -> handed.add(packet.sequence() + ""));
        receiver.attach(new IdleReceiver(), new IdleReceiver());
        feedSources(receiver, sent, i -> i == 1);
        for (Packet p : sent) {
            if (!p.source) {
                byte[] foreign = p.bytes.clone();
                foreign[RtpHeader.FIXED_LENGTH + 11] ^= 1; // another source stream's SSRC
                receiver.repairHandler().onPacket(parse(foreign));
                byte[] shortened = Arrays.copyOf(p.bytes, RtpHeader.FIXED_LENGTH + 10);
                receiver.repairHandler().onPacket(parse(shortened));
            }
        }
        assertEquals(3, handed.size());
        assertEquals(0, receiver.recovered());
        assertEquals(2, receiver.malformed());
    }

    @Test
    void settingsAreCheckedAndRefusedWithTheKey() {
        InvalidSettingException scheme = assertThrows(InvalidSettingException.class,
                () -> FecSettings.read(Map.of("fec", "raptor")));
        assertEquals("fec", scheme.key());
        assertEquals("fecSourcePackets", assertThrows(InvalidSettingException.class,
                () -> FecSettings.read(Map.of("fec", "rs", "fecSourcePackets", "0"))).key());
        assertEquals("fecDepth", assertThrows(InvalidSettingException.class,
                () -> FecSettings.read(Map.of("fec", "rs", "fecSourcePackets", "20", "fecDepth", "4"))).key());
        assertEquals("fecPayloadType", assertThrows(InvalidSettingException.class,
                () -> FecSettings.read(Map.of("fec", "rs", "payloadType", "101", "fecPayloadType", "101"))).key());
        assertFalse(assertDoesNotThrow(Map.of()).enabled());
        FecSettings on = assertDoesNotThrow(Map.of("fec", "RS", "fecSourcePackets", "6", "fecRepairPackets", "3"));
        assertEquals("rs 6+3", on.toString());
        assertEquals(5, on.spanPackets());
    }

    @Test
    void thePortMustLeaveRoomForTheRepairStream() throws Exception {
        MulticastEndpoint high = new MulticastEndpoint(InetAddress.getByName("239.255.0.1"), 65_534,
                NetworkInterface.getByName("lo"), 1);
        assertEquals("port", assertThrows(InvalidSettingException.class,
                () -> FecLayer.settings(high, Map.of("fec", "rs"))).key());
        assertFalse(FecLayer.settings(high, Map.of()).enabled());
    }

    @Test
    void theSdpGroupsTheRepairStreamWithTheSource() throws Exception {
        MulticastEndpoint endpoint = new MulticastEndpoint(InetAddress.getByName("239.255.0.1"), 5004,
                NetworkInterface.getByName("lo"), 1);
        var layers = FecLayer.layers(endpoint, 48_000, new FecSettings(true, 10, 5, 1, 100));
        assertEquals(List.of("a=group:FEC-FR S1 R1"), layers.sessionSdp());
        assertEquals(List.of("a=mid:S1"), layers.mediaSdp());
        assertEquals("m=application 5006 RTP/AVP 100", layers.extraMediaSdp().get(0));
        assertTrue(layers.extraMediaSdp().contains("a=rtpmap:100 x-liveaudio-rs/48000"));
        assertEquals(9, layers.spanPackets());
    }

    @Test
    void sendingAndRebuildingAllocateNothingInSteadyState() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        FecSettings settings = new FecSettings(true, 10, 5, 2, 100);
        FecRtpReceiver receiver = new FecRtpReceiver(packet -> { });
        receiver.attach(new IdleReceiver(), new IdleReceiver());
        FecRtpSender sender = new FecRtpSender(Wire.delivering(receiver.sourceHandler(), sequence -> sequence % 7 == 3),
                Wire.delivering(receiver.repairHandler(), sequence -> false), settings, 1, 1);
        byte[] payload = new byte[960];
        int sequence = 0;
        for (int i = 0; i < 20_000; i++, sequence++) {
            sender.send(PT, false, sequence & 0xffff, 240L * sequence, SSRC, payload, 0, payload.length);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        long recoveredBefore = receiver.recovered();
        for (int i = 0; i < 20_000; i++, sequence++) {
            sender.send(PT, false, sequence & 0xffff, 240L * sequence, SSRC, payload, 0, payload.length);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(receiver.recovered() - recoveredBefore > 2_000, "rebuilt " + (receiver.recovered() - recoveredBefore));
        assertTrue(allocated < 20_000, allocated + " bytes allocated over 20 000 packets");
    }

    private static FecSettings assertDoesNotThrow(Map<String, ?> configuration) {
        try {
            return FecSettings.read(configuration);
        } catch (InvalidSettingException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * What went on the wire, source and repair packets in the order they were sent; {@code count} a multiple of
     * k * depth, so that every group is closed and its repairs sent.
     */
    private static List<Packet> stream(int k, int depth, int r, int count, int firstSequence) throws Exception {
        List<Packet> sent = new ArrayList<>();
        FecRtpSender sender = new FecRtpSender(
                Wire.keeping(bytes -> sent.add(new Packet(true, bytes, sent.stream().filter(p -> p.source).count()))),
                Wire.keeping(bytes -> sent.add(new Packet(false, bytes, -1))), new FecSettings(true, k, r, depth, 100),
                0, 0x4000);
        Random random = new Random(firstSequence);
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[1 + random.nextInt(50)];
            random.nextBytes(payload);
            sender.send(PT + (i % 2), i == 0, firstSequence + i, 160L * i + 0xFFFF_FF00L, SSRC, payload, 0,
                    payload.length);
        }
        return sent;
    }

    private static Heard receive(List<Packet> sent, IntPredicate lost) {
        Heard heard = new Heard();
        FecRtpReceiver receiver = new FecRtpReceiver(heard::take);
        receiver.attach(new IdleReceiver(), new IdleReceiver());
        // The window copies sources only once it has seen the stream's repair stream, from the next source packet
        // on: the packet before the first, then a repair, as in a stream that has been running.
        int first = parse(sent.get(0).bytes).sequence();
        byte[] before = new byte[RtpHeader.FIXED_LENGTH + 1];
        RtpHeader.encode(before, 0, PT, false, first - 1, 0, SSRC);
        receiver.sourceHandler().onPacket(parse(before));
        receiver.repairHandler().onPacket(parse(sent.stream().filter(p -> !p.source).findFirst().orElseThrow().bytes));
        heard.sources.clear();
        feedSources(receiver, sent, lost);
        // The packet after the last: a block's last source packet is judged lost only once a later one is in.
        int last = sent.stream().filter(p -> p.source).map(p -> parse(p.bytes).sequence()).reduce((a, b) -> b)
                .orElseThrow();
        byte[] next = new byte[RtpHeader.FIXED_LENGTH + 1];
        RtpHeader.encode(next, 0, PT, false, last + 1, 0, SSRC);
        receiver.sourceHandler().onPacket(parse(next));
        heard.sources.remove((last + 1) & 0xffff);
        heard.rebuilt = receiver.recovered();
        assertEquals(heard.rebuilt, heard.rebuiltMarked, "every rebuilt packet says so, no received one does");
        return heard;
    }

    private static void feedSources(FecRtpReceiver receiver, List<Packet> sent, IntPredicate lost) {
        for (int i = 0; i < sent.size(); i++) {
            if (lost.test(i)) {
                continue;
            }
            Packet p = sent.get(i);
            (p.source ? receiver.sourceHandler() : receiver.repairHandler()).onPacket(parse(p.bytes));
        }
    }

    private static RtpPacketView parse(byte[] datagram) {
        RtpPacketView view = new RtpPacketView();
        assertEquals(ParseResult.OK, RtpHeader.parse(datagram, 0, datagram.length, view));
        return view;
    }

    private record Packet(boolean source, byte[] bytes, long sequenceIndex) {
    }

    /** Source packets handed on, by sequence number: header fields and payload. */
    private static final class Heard {
        final Map<Integer, byte[]> sources = new TreeMap<>();
        final Map<Integer, String> headers = new HashMap<>();
        long rebuilt;
        long rebuiltMarked;

        void take(RtpPacket packet) {
            rebuiltMarked += packet.recovered() ? 1 : 0;
            sources.put(packet.sequence(), Arrays.copyOfRange(packet.buffer(), packet.payloadOffset(),
                    packet.payloadOffset() + packet.payloadLength()));
            headers.put(packet.sequence(), header(packet));
        }

        void assertSame(List<Packet> sent) {
            for (Packet p : sent) {
                if (!p.source) {
                    continue;
                }
                RtpPacketView original = parse(p.bytes);
                byte[] payload = sources.get(original.sequence());
                if (payload != null) {
                    assertArrayEquals(Arrays.copyOfRange(original.buffer(), original.payloadOffset(),
                            original.payloadOffset() + original.payloadLength()), payload, "seq " + original.sequence());
                    assertEquals(header(original), headers.get(original.sequence()));
                }
            }
        }

        private static String header(RtpPacket p) {
            return p.payloadType() + " " + p.marker() + " " + p.timestamp() + " " + p.ssrc();
        }
    }

    private static final class IdleReceiver implements RtpReceiver {
        @Override
        public MulticastEndpoint endpoint() {
            return null;
        }

        @Override
        public long datagrams() {
            return 0;
        }

        @Override
        public long malformed() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
