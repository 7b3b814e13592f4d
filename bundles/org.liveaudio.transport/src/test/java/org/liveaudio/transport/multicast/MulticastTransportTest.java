package org.liveaudio.transport.multicast;

import org.liveaudio.api.testing.RecordingLogger;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.KeptSockets;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtpPacket;
import org.liveaudio.api.net.RtpPacketHandler;
import org.liveaudio.api.net.RtpReceiver;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.SenderReport;
import java.net.InetSocketAddress;
import org.liveaudio.api.net.StreamKey;
import java.security.SecureRandom;
import org.liveaudio.transport.fec.FecRtpReceiver;

/** Real sockets on loopback only: interface lo, groups in 239.255.0.0/16, TTL 1. */
class MulticastTransportTest {
    private static final int PAYLOAD_TYPE = 96;
    private static final long SSRC = 0xDEADBEEFL;
    private static final long WAIT_SECONDS = 20;

    private static final RtcpHandler IGNORING = new RtcpHandler() {
        @Override
        public void onSenderReport(SenderReport report, String cname, InetSocketAddress from, long receivedNanos) {
        }

        @Override
        public void onReceiverReport(ReceiverReport report, String cname, InetSocketAddress from,
                long receivedNanos) {
        }

        @Override
        public void onBye(long ssrc, InetSocketAddress from) {
        }
    };

    private final RecordingLogger log = new RecordingLogger();
    private final MulticastTransport transport = new MulticastTransport(log.logger());
    private final String group = "239.255." + random(1, 255) + "." + random(1, 255);
    private final int port = random(20_000, 60_000) & ~1;

    @AfterEach
    void closeWhatIsLeft() {
        transport.deactivate();
    }

    @Test
    void twoReceiversGetEverySentPacketInOrderWithExactPayloads() throws Exception {
        int count = 500;
        int firstSequence = 65_400;
        Collector first = new Collector(count);
        Collector second = new Collector(count);
        RtpReceiver one = transport.openReceiver(endpoint(group, port), first, "liveaudio-test-one");
        RtpReceiver two = transport.openReceiver(endpoint(group, port), second, "liveaudio-test-two");

        try (RtpSender sender = transport.openSender(endpoint(group, port))) {
            for (int i = 0; i < count; i++) {
                byte[] payload = payload(i);
                int sent = sender.send(PAYLOAD_TYPE, i == 0, firstSequence + i, 1_000L * i, SSRC,
                        payload, 0, payload.length);
                assertEquals(12 + payload.length, sent);
                LockSupport.parkNanos(1_000_000);
            }
        }

        for (Collector collector : List.of(first, second)) {
            assertTrue(collector.done.await(WAIT_SECONDS, TimeUnit.SECONDS), "all packets arrived");
            assertEquals(count, collector.packets.size());
            for (int i = 0; i < count; i++) {
                Received packet = collector.packets.get(i);
                assertEquals((firstSequence + i) & 0xFFFF, packet.sequence, "sequence " + i);
                assertEquals(1_000L * i, packet.timestamp);
                assertEquals(SSRC, packet.ssrc);
                assertEquals(PAYLOAD_TYPE, packet.payloadType);
                assertEquals(i == 0, packet.marker);
                assertArrayEquals(payload(i), packet.payload, "payload " + i);
            }
        }
        assertEquals(count, one.datagrams());
        assertEquals(0, one.malformed());
        assertEquals(count, two.datagrams());
    }

    @Test
    void receiversOnAnotherGroupOrPortGetNothing() throws Exception {
        int count = 20;
        Collector matching = new Collector(count);
        Collector otherGroupPackets = new Collector(1);
        Collector otherPortPackets = new Collector(1);
        String otherGroup = "239.255." + random(1, 255) + "." + (group.endsWith(".7") ? 8 : 7);
        transport.openReceiver(endpoint(group, port), matching, "liveaudio-test-matching");
        RtpReceiver otherGroupReceiver = transport.openReceiver(endpoint(otherGroup, port), otherGroupPackets,
                "liveaudio-test-other-group");
        RtpReceiver otherPortReceiver = transport.openReceiver(endpoint(group, port + 2), otherPortPackets,
                "liveaudio-test-other-port");

        try (RtpSender sender = transport.openSender(endpoint(group, port))) {
            sendNumbered(sender, count);
        }

        assertTrue(matching.done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(0, otherGroupReceiver.datagrams());
        assertEquals(0, otherPortReceiver.datagrams());
        assertTrue(otherGroupPackets.packets.isEmpty());
        assertTrue(otherPortPackets.packets.isEmpty());
    }

    @Test
    void garbageDatagramsAreCountedAsMalformedAndReceivingGoesOn() throws Exception {
        Collector collector = new Collector(1);
        RtpReceiver receiver = transport.openReceiver(endpoint(group, port), collector, "liveaudio-test-garbage");
        MulticastEndpoint target = endpoint(group, port);
        byte[][] garbage = {
            {1, 2, 3},
            {0x40, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 7},
            {(byte) 0xA0, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 7, 8, 100},
            {(byte) 0x8F, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0},
            {(byte) 0x90, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 9},
        };
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
            socket.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
            for (byte[] bytes : garbage) {
                socket.send(new DatagramPacket(bytes, bytes.length, target.group(), target.port()));
            }
        }
        try (RtpSender sender = transport.openSender(target)) {
            sendNumbered(sender, 1);
        }

        assertTrue(collector.done.await(WAIT_SECONDS, TimeUnit.SECONDS), "the good packet after the garbage arrived");
        assertEquals(garbage.length + 1, receiver.datagrams());
        assertEquals(garbage.length, receiver.malformed());
        assertEquals(1, collector.packets.size());
        assertTrue(log.warnings().isEmpty(), "malformed input is no warning: " + log.lines());
    }

    @Test
    void throwingHandlerIsWarnedAboutOnceAndLaterPacketsStillArrive() throws Exception {
        int count = 6;
        Collector collector = new Collector(count);
        RtpPacketHandler throwsOnEvenSequences = packet -> {
            collector.onPacket(packet);
            if (packet.sequence() % 2 == 0) {
                throw new IllegalStateException("handler bug");
            }
        };
        MulticastRtpReceiver receiver = (MulticastRtpReceiver) ((FecRtpReceiver) transport.openReceiver(
                endpoint(group, port), throwsOnEvenSequences, "liveaudio-test-throwing")).sourceReceiver();

        try (RtpSender sender = transport.openSender(endpoint(group, port))) {
            sendNumbered(sender, count);
        }

        assertTrue(collector.done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(count / 2, receiver.handlerFailures());
        List<String> warnings = log.warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("packet handler failed"), warnings.get(0));
        assertTrue(threadNamed("liveaudio-test-throwing").isAlive());
    }

    @Test
    void aSenderWithFecSendsRepairPacketsThatTheReceiverTakesAndTheSourcePacketsUnchanged() throws Exception {
        int count = 20;
        Collector collector = new Collector(count);
        Collector repairs = new Collector(count / 5 * 2);
        FecRtpReceiver receiver = (FecRtpReceiver) transport.openReceiver(endpoint(group, port), collector,
                "liveaudio-test-fec");
        RtpReceiver repairListener = transport.openReceiver(endpoint(group, port + 2), repairs, "liveaudio-test-r");
        try (RtpSender sender = transport.openSender(endpoint(group, port), null,
                Map.of("fec", "rs", "fecSourcePackets", "5", "fecRepairPackets", "2"))) {
            sendNumbered(sender, count);
        }
        assertTrue(collector.done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(repairs.done.await(WAIT_SECONDS, TimeUnit.SECONDS), "8 repair packets at port + 2");
        for (int i = 0; i < count; i++) {
            Received got = collector.packets.get(i);
            assertEquals(i, got.sequence(), collector.packets.stream().map(p -> p.sequence()).toList().toString());
            assertArrayEquals(payload(i), got.payload());
        }
        Received repair = repairs.packets.get(0);
        assertEquals(100, repair.payloadType());
        assertNotEquals(SSRC, repair.ssrc(), "the repair stream's own SSRC");
        assertEquals(SSRC, ByteBuffer.wrap(repair.payload(), 8, 4).getInt() & 0xFFFF_FFFFL, "the source's, named");
        assertTrue(receiver.repairs() >= 6, "the first block's repairs start the window; then " + receiver.repairs());
        assertEquals(0, receiver.recovered());
        receiver.close();
        repairListener.close();
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("liveaudio-test-fec")),
                "both receive threads ended");
    }

    @Test
    void closeEndsTheReceiveThreadAndMayBeRepeated() throws Exception {
        RtpReceiver receiver = transport.openReceiver(endpoint(group, port), packet -> { },
                "liveaudio-test-closing");
        Thread thread = threadNamed("liveaudio-test-closing");
        assertTrue(thread.isAlive());
        assertTrue(thread.isDaemon());

        receiver.close();
        assertFalse(thread.isAlive(), "thread ended by the time close returned");
        receiver.close();
        assertFalse(thread.isAlive());
        assertTrue(log.warnings().isEmpty(), log.lines().toString());
    }

    @Test
    void keptSocketsOutliveTheReceiverAndItsTransportAndTheNextReceiverGetsWhatArrivedInBetween() throws Exception {
        int each = 20;
        Collector before = new Collector(each);
        Collector after = new Collector(2 * each);
        MulticastTransport senderSide = new MulticastTransport(log.logger());
        MulticastTransport next = new MulticastTransport(log.logger());
        try (KeptSockets kept = new KeptSockets(); RtpSender sender = senderSide.openSender(endpoint(group, port))) {
            RtpReceiver first = transport.openReceiver(endpoint(group, port), null, before, "liveaudio-test-kept-1",
                    kept);
            Thread firstThread = threadNamed("liveaudio-test-kept-1");
            sendNumbered(sender, 0, each);
            assertTrue(before.done.await(WAIT_SECONDS, TimeUnit.SECONDS), "the first receiver's packets arrived");

            first.close();
            transport.deactivate();
            assertFalse(firstThread.isAlive(), "its thread ended");
            assertTrue(kept.socket(endpoint(group, port)).isOpen(), "the source socket stays open");
            assertTrue(kept.socket(endpoint(group, port + 2)).isOpen(), "and the repair stream's");
            sendNumbered(sender, each, each);
            next.openReceiver(endpoint(group, port), null, after, "liveaudio-test-kept-2", kept);
            sendNumbered(sender, 2 * each, each);

            assertTrue(after.done.await(WAIT_SECONDS, TimeUnit.SECONDS), "got " + after.packets.size());
            assertEquals(IntStream.range(each, 3 * each).boxed().toList(),
                    after.packets.stream().map(Received::sequence).toList(),
                    "the next receiver gets what arrived while none read, then the rest");
            assertArrayEquals(payload(each), after.packets.get(0).payload());
        } finally {
            next.deactivate();
            senderSide.deactivate();
        }
        assertTrue(log.warnings().isEmpty(), log.lines().toString());
    }

    @Test
    void aReceiverOnKeptSocketsReadsOnWhenItsTransportGoesUntilItsOwnerClosesIt() throws Exception {
        int each = 10;
        Collector received = new Collector(2 * each);
        MulticastTransport senderSide = new MulticastTransport(log.logger());
        try (KeptSockets kept = new KeptSockets(); RtpSender sender = senderSide.openSender(endpoint(group, port))) {
            RtpReceiver reading = transport.openReceiver(endpoint(group, port), null, received,
                    "liveaudio-test-departed", kept);
            RtpReceiver own = transport.openReceiver(endpoint(group, port + 10), null, new Collector(1),
                    "liveaudio-test-own");
            sendNumbered(sender, 0, each);

            transport.deactivate();
            assertTrue(threadNamed("liveaudio-test-departed").isAlive(), "the owner of its socket closes it");
            assertFalse(isAlive("liveaudio-test-own"), "a receiver on a socket of its own goes with the transport");
            sendNumbered(sender, each, each);
            assertTrue(received.done.await(WAIT_SECONDS, TimeUnit.SECONDS), "got " + received.packets.size());

            reading.close();
            assertFalse(isAlive("liveaudio-test-departed"));
            own.close();
        } finally {
            senderSide.deactivate();
        }
    }

    private static boolean isAlive(String threadName) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(threadName) && thread.isAlive());
    }

    @Test
    void aReceiverOnKeptSocketsAllocatesNothingPerPacketOnceWarm() throws Exception {
        int warm = 2_000;
        int measured = 2_000;
        AtomicLong allocatedAtWarm = new AtomicLong();
        AtomicLong allocatedAtEnd = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int[] seen = new int[1];
        try (KeptSockets kept = new KeptSockets(); RtpSender sender = transport.openSender(endpoint(group, port))) {
            transport.openReceiver(endpoint(group, port), null, packet -> {
                seen[0]++;
                if (seen[0] == warm) {
                    allocatedAtWarm.set(threads.getCurrentThreadAllocatedBytes());
                } else if (seen[0] == warm + measured) {
                    allocatedAtEnd.set(threads.getCurrentThreadAllocatedBytes());
                    done.countDown();
                }
            }, "liveaudio-test-kept-allocation", kept);
            byte[] payload = payload(1);
            for (int i = 0; i < warm + measured; i++) {
                sender.send(PAYLOAD_TYPE, false, i, i, SSRC, payload, 0, payload.length);
                LockSupport.parkNanos(100_000);
            }
            assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS), "received " + seen[0]);
        }
        long perPacket = (allocatedAtEnd.get() - allocatedAtWarm.get()) / measured;
        assertEquals(0, perPacket, "bytes allocated per packet received");
    }

    @Test
    void closingTheKeptSocketsClosesThemAfterTheirReceiverClosed() throws Exception {
        KeptSockets kept = new KeptSockets();
        RtpReceiver receiver = transport.openReceiver(endpoint(group, port), null, packet -> { },
                "liveaudio-test-kept-closing", kept);
        receiver.close();
        DatagramChannel socket = kept.socket(endpoint(group, port));
        assertTrue(socket.isOpen(), "a receiver leaves its kept socket open");

        kept.close();

        assertFalse(socket.isOpen());
        assertNull(kept.socket(endpoint(group, port)));
    }

    @Test
    void closeFromInsideTheHandlerEndsTheThread() throws Exception {
        CountDownLatch handled = new CountDownLatch(1);
        RtpReceiver[] self = new RtpReceiver[1];
        self[0] = transport.openReceiver(endpoint(group, port), packet -> {
            self[0].close();
            handled.countDown();
        }, "liveaudio-test-self-closing");
        Thread thread = threadNamed("liveaudio-test-self-closing");

        try (RtpSender sender = transport.openSender(endpoint(group, port))) {
            sendNumbered(sender, 1);
        }

        assertTrue(handled.await(WAIT_SECONDS, TimeUnit.SECONDS));
        thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertFalse(thread.isAlive());
    }

    @Test
    void deactivationClosesWhatIsStillOpen() throws Exception {
        RtpReceiver receiver = transport.openReceiver(endpoint(group, port), packet -> { },
                "liveaudio-test-leftover");
        Thread thread = threadNamed("liveaudio-test-leftover");
        RtpSender sender = transport.openSender(endpoint(group, port));

        transport.deactivate();

        assertFalse(thread.isAlive());
        byte[] payload = payload(0);
        assertThrows(ClosedChannelException.class,
                () -> sender.send(PAYLOAD_TYPE, false, 0, 0, SSRC, payload, 0, payload.length));
        receiver.close();
        sender.close();
    }

    @Test
    void oversizedPayloadIsRefusedBeforeSending() throws Exception {
        try (RtpSender sender = transport.openSender(endpoint(group, port))) {
            byte[] huge = new byte[MulticastRtpSender.MAX_PAYLOAD + 1];
            assertThrows(IllegalArgumentException.class,
                    () -> sender.send(PAYLOAD_TYPE, false, 0, 0, SSRC, huge, 0, huge.length));
            assertThrows(IndexOutOfBoundsException.class,
                    () -> sender.send(PAYLOAD_TYPE, false, 0, 0, SSRC, huge, huge.length - 2, 3));
        }
    }

    @Test
    void protectedReceiversGetThePlainPacketsAndOthersCannotReadOrForgeThem() throws Exception {
        int count = 50;
        StreamKey key = StreamKey.generate(new SecureRandom());
        Collector keyed = new Collector(count);
        Collector unkeyed = new Collector(count);
        Collector wrongKey = new Collector(1);
        RtpReceiver protectedReceiver = transport.openReceiver(endpoint(group, port), key, keyed,
                "liveaudio-test-keyed");
        transport.openReceiver(endpoint(group, port), unkeyed, "liveaudio-test-unkeyed");
        RtpReceiver wrongReceiver = transport.openReceiver(endpoint(group, port),
                StreamKey.generate(new SecureRandom()), wrongKey, "liveaudio-test-wrong-key");

        try (RtpSender rogue = transport.openSender(endpoint(group, port));
                RtpSender sender = transport.openSender(endpoint(group, port), key)) {
            for (int i = 0; i < count; i++) {
                byte[] payload = payload(i);
                assertEquals(12 + payload.length + 10,
                        sender.send(PAYLOAD_TYPE, false, 65_530 + i, i, SSRC, payload, 0, payload.length));
                rogue.send(PAYLOAD_TYPE, false, 65_530 + i, i, SSRC, payload, 0, payload.length);
                LockSupport.parkNanos(1_000_000);
            }
        }

        assertTrue(keyed.done.await(WAIT_SECONDS, TimeUnit.SECONDS), "all protected packets arrived");
        assertTrue(unkeyed.done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        for (int i = 0; i < count; i++) {
            assertArrayEquals(payload(i), keyed.packets.get(i).payload, "payload " + i + ", across the wrap");
        }
        List<Received> ciphertexts = unkeyed.packets.stream()
                .filter(packet -> packet.payload.length == payload(packet.timestamp == 0 ? 0 : (int) packet.timestamp)
                        .length + 10).toList();
        assertTrue(ciphertexts.size() >= count / 2, "an unprotected receiver takes the protected packets as RTP");
        assertTrue(ciphertexts.stream().noneMatch(packet -> Arrays.equals(payload((int) packet.timestamp),
                Arrays.copyOf(packet.payload, packet.payload.length - 10))), "but reads only ciphertext");
        waitUntil(() -> protectedReceiver.unauthenticated() == count && wrongReceiver.unauthenticated() == 2 * count);
        assertEquals(count, protectedReceiver.unauthenticated(), "the rogue's plain packets");
        assertTrue(wrongKey.packets.isEmpty());
        assertEquals(0, protectedReceiver.replayed());
        assertTrue(log.lines().stream().noneMatch(line -> line.contains(key.inline())), "no key in a log line");
    }

    @Test
    void aProtectedStreamWithFecHasItsRepairsAuthenticatedUnderAnSsrcOfTheirOwn() throws Exception {
        int count = 40;
        StreamKey key = StreamKey.generate(new SecureRandom());
        Collector collector = new Collector(count);
        Collector ciphertexts = new Collector(count / 5 * 2);
        FecRtpReceiver receiver = (FecRtpReceiver) transport.openReceiver(endpoint(group, port), key, collector,
                "liveaudio-test-fec-keyed");
        transport.openReceiver(endpoint(group, port + 2), ciphertexts, "liveaudio-test-fec-wire");
        try (RtpSender sender = transport.openSender(endpoint(group, port), key,
                Map.of("fec", "rs", "fecSourcePackets", "5", "fecRepairPackets", "2"))) {
            sendNumbered(sender, count);
        }
        assertTrue(collector.done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(ciphertexts.done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        waitUntil(() -> receiver.repairs() >= count / 5 * 2 - 2);
        assertTrue(receiver.repairs() >= count / 5 * 2 - 2, "repairs authenticated and read: " + receiver.repairs());
        assertEquals(0, receiver.unauthenticated());
        // One key protects both streams: a repair packet under the source's SSRC could share a source packet's
        // keystream (RFC 3711, 9.1).
        assertTrue(ciphertexts.packets.stream().noneMatch(packet -> packet.ssrc() == SSRC));
    }

    @Test
    void aReceiverWithoutAKeyStopsTakingAStreamOnceItsRtcpShowsItProtected() throws Exception {
        StreamKey key = StreamKey.generate(new SecureRandom());
        Collector unkeyed = new Collector(1);
        RtpReceiver receiver = transport.openReceiver(endpoint(group, port), unkeyed, "liveaudio-test-no-key");
        transport.openRtcp(endpoint(group, port), IGNORING, "liveaudio-test-no-key-rtcp");
        try (RtcpChannel senderRtcp = transport.openRtcp(endpoint(group, port), key,
                IGNORING, "liveaudio-test-keyed-rtcp")) {
            senderRtcp.sendSenderReport(new SenderReport(SSRC, 1, 2, 3, 4, List.of()), "s@h");
            waitUntil(() -> log.warnings().stream().anyMatch(line -> line.contains("is protected")));
        }
        try (RtpSender sender = transport.openSender(endpoint(group, port), key)) {
            sendNumbered(sender, 20);
        }
        waitUntil(() -> receiver.unauthenticated() == 20);

        assertEquals(20, receiver.unauthenticated());
        assertTrue(unkeyed.packets.isEmpty(), "no ciphertext handed over to play");
        assertEquals(1, log.warnings().stream().filter(line -> line.contains("is protected")).count());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static void sendNumbered(RtpSender sender, int count) throws Exception {
        sendNumbered(sender, 0, count);
    }

    private static void sendNumbered(RtpSender sender, int first, int count) throws Exception {
        for (int i = first; i < first + count; i++) {
            byte[] payload = payload(i);
            sender.send(PAYLOAD_TYPE, false, i, i, SSRC, payload, 0, payload.length);
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Distinct content and length per packet, so a mix-up or a cut shows. */
    private static byte[] payload(int index) {
        byte[] payload = new byte[20 + index % 37];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (index * 31 + i);
        }
        return payload;
    }

    private static MulticastEndpoint endpoint(String group, int port) throws Exception {
        return MulticastEndpoint.of(group, port, "lo", 1);
    }

    private static int random(int from, int to) {
        return ThreadLocalRandom.current().nextInt(from, to);
    }

    private static Thread threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no thread " + name));
    }

    private record Received(int payloadType, boolean marker, int sequence, long timestamp, long ssrc,
            byte[] payload) {
    }

    /** Copies each packet, since the transport reuses the view. */
    private static final class Collector implements RtpPacketHandler {
        final List<Received> packets = java.util.Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch done;

        Collector(int expected) {
            done = new CountDownLatch(expected);
        }

        @Override
        public void onPacket(RtpPacket packet) {
            byte[] payload = Arrays.copyOfRange(packet.buffer(), packet.payloadOffset(),
                    packet.payloadOffset() + packet.payloadLength());
            packets.add(new Received(packet.payloadType(), packet.marker(), packet.sequence(), packet.timestamp(),
                    packet.ssrc(), payload));
            done.countDown();
        }
    }
}
