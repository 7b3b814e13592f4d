package org.liveaudio.transport.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.StreamKey;
import java.security.SecureRandom;
import org.liveaudio.api.net.RtpReceiver;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.api.net.TimeResponse;
import org.liveaudio.api.testing.RecordingLogger;
import org.liveaudio.transport.rtcp.ReportInterval;
import org.liveaudio.transport.rtcp.RtcpWriter;

/** Real sockets on loopback only: interface lo, groups in 239.255.0.0/16, TTL 1. */
class MulticastRtcpChannelTest {
    private static final long WAIT_SECONDS = 20;
    private static final long SENDER = 0x12345678L;
    private static final long LISTENER = 0xCAFEBABEL;
    private static final SenderReport SENDER_REPORT = new SenderReport(SENDER, 0xE3D5A2B1_80000000L, 123_456,
            1_000, 960_000, List.of());
    private static final ReceiverReport RECEIVER_REPORT = new ReceiverReport(LISTENER,
            List.of(new ReportBlock(SENDER, 12, -3, 0x1_0005, 40, 0xD5A2B180L, 0x1_0000)));

    private final RecordingLogger log = new RecordingLogger();
    private final MulticastTransport transport = new MulticastTransport(log.logger());
    private final String group = "239.255." + random(1, 255) + "." + random(1, 255);
    private final int port = random(20_000, 60_000) & ~1;

    @AfterEach
    void closeWhatIsLeft() {
        transport.deactivate();
    }

    @Test
    void reportsAndByeFromOneChannelReachEveryChannelOnThePortItselfIncluded() throws Exception {
        Recorder[] recorders = {new Recorder(), new Recorder(), new Recorder()};
        RtcpChannel sender = transport.openRtcp(endpoint(), recorders[0], "liveaudio-test-rtcp-sender");
        RtcpChannel listener = transport.openRtcp(endpoint(), recorders[1], "liveaudio-test-rtcp-listener");
        transport.openRtcp(endpoint(), recorders[2], "liveaudio-test-rtcp-other");

        sender.sendSenderReport(SENDER_REPORT, "sender@host");
        for (Recorder recorder : recorders) {
            Event event = recorder.next();
            assertEquals(SENDER_REPORT, event.report);
            assertEquals("sender@host", event.cname);
            assertEquals(port + 1, event.from.getPort(), "sent from the RTCP port itself");
            assertTrue(event.receivedNanos > 0 && event.receivedNanos <= System.nanoTime());
        }

        listener.sendReceiverReport(RECEIVER_REPORT, "listener@host");
        for (Recorder recorder : recorders) {
            Event event = recorder.next();
            assertEquals(RECEIVER_REPORT, event.report);
            assertEquals("listener@host", event.cname);
        }

        sender.sendBye(SENDER, "sender@host", "stream stopped");
        for (Recorder recorder : recorders) {
            Event report = recorder.next();
            assertEquals(new ReceiverReport(SENDER, List.of()), report.report);
            assertEquals("sender@host", report.cname);
            Event bye = recorder.next();
            assertEquals(SENDER, bye.byeSsrc);
            assertEquals(port + 1, bye.from.getPort());
        }
        assertEquals(0, sender.malformed());
    }

    @Test
    void noteOfASenderReportReachesTheOtherChannelsAfterTheReport() throws Exception {
        Recorder heard = new Recorder();
        RtcpChannel sender = transport.openRtcp(endpoint(), new Recorder(), "liveaudio-test-rtcp-sender");
        transport.openRtcp(endpoint(), heard, "liveaudio-test-rtcp-listener");

        sender.sendSenderReport(SENDER_REPORT, "sender@host", "Artist - Title");

        assertEquals(SENDER_REPORT, heard.next().report);
        Event note = heard.next();
        assertEquals(new Note(SENDER, "Artist - Title"), note.report);
        assertEquals(port + 1, note.from.getPort());
    }

    @Test
    void aTimeRequestReachesTheGroupAndItsAnswerTheRequesterAlone() throws Exception {
        Recorder sending = new Recorder();
        Recorder asking = new Recorder();
        Recorder bystander = new Recorder();
        RtcpChannel sender = transport.openRtcp(endpoint(), sending, "liveaudio-test-rtcp-time-sender");
        RtcpChannel listener = transport.openRtcp(endpoint(), asking, "liveaudio-test-rtcp-time-listener");
        transport.openRtcp(endpoint(), bystander, "liveaudio-test-rtcp-time-bystander");
        TimeRequest request = new TimeRequest(LISTENER, SENDER, 0xE3D5A2B1_80000000L);
        TimeResponse response = new TimeResponse(SENDER, LISTENER, 0xE3D5A2B1_80000000L, 1, 2, 3, 4, 30_000);

        listener.sendTimeRequest(request, "listener@host", null);
        assertEquals(new ReceiverReport(LISTENER, List.of()), sending.next().report);
        Event asked = sending.next();
        assertEquals(request, asked.report);
        assertTrue(asked.receivedNanos > 0 && asked.receivedNanos <= System.nanoTime());
        assertTrue(asked.from.getPort() != port + 1, "asked from a port of the listener's own");
        threadNamed("liveaudio-test-rtcp-time-listener-time");

        sender.sendTimeResponse(response, "sender@host", asked.from);
        Event answered = asking.nextOfType(TimeResponse.class);
        assertEquals(response, answered.report);
        assertTrue(answered.from.getPort() != port + 1, "answered from a port of the sender's own");

        listener.sendTimeRequest(request, "listener@host", answered.from);
        Event askedAlone = sending.nextOfType(TimeRequest.class);
        assertEquals(asked.from, askedAlone.from, "asked again from the same port of its own");
        // A request to the group leaves the listener's port after the second one: once the bystander has it, it
        // would have had the second one too, had that gone to the group.
        TimeRequest toTheGroup = new TimeRequest(LISTENER, SENDER, 0xE3D5A2B1_C0000000L);
        listener.sendTimeRequest(toTheGroup, "listener@host", null);
        List<Object> heard = bystander.reportsUntil(toTheGroup);
        assertTrue(heard.stream().noneMatch(report -> report instanceof TimeResponse),
                "an answer reaches the listener that asked alone");
        assertEquals(List.of(request, toTheGroup), heard.stream().filter(report -> report instanceof TimeRequest)
                .toList(), "the second request went to the sender alone");

        listener.close();
        assertThrows(ClosedChannelException.class, () -> listener.sendTimeRequest(request, "listener@host", null));
        assertFalse(threadAlive("liveaudio-test-rtcp-time-listener-time"));
    }

    @Test
    void garbageIsCountedAsMalformedByEveryChannelAndReceivingGoesOn() throws Exception {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        RtcpChannel one = transport.openRtcp(endpoint(), first, "liveaudio-test-rtcp-garbage-1");
        RtcpChannel two = transport.openRtcp(endpoint(), second, "liveaudio-test-rtcp-garbage-2");
        byte[] valid = RtcpWriter.senderReport(SENDER_REPORT, "sender@host");
        byte[] paddedFirstPart = valid.clone();
        paddedFirstPart[0] |= 0x20;
        byte[][] garbage = {
            {1, 2, 3},
            {0x40, (byte) 0xC9, 0, 1, 0, 0, 0, 1},
            {(byte) 0x81, (byte) 0xCA, 0, 1, 0, 0, 0, 1},
            Arrays.copyOf(valid, valid.length - 4),
            paddedFirstPart,
        };
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
            socket.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
            InetSocketAddress target = new InetSocketAddress(endpoint().group(), port + 1);
            for (byte[] bytes : garbage) {
                socket.send(new DatagramPacket(bytes, bytes.length, target));
            }
            socket.send(new DatagramPacket(valid, valid.length, target));
        }

        for (Recorder recorder : List.of(first, second)) {
            assertEquals(SENDER_REPORT, recorder.next().report, "the valid packet after the garbage arrived");
        }
        for (RtcpChannel channel : List.of(one, two)) {
            awaitMalformed(channel, garbage.length);
            assertEquals(garbage.length + 1, ((MulticastRtcpChannel) channel).datagrams());
        }
        assertTrue(log.warnings().isEmpty(), "malformed input is no warning: " + log.lines());
    }

    @Test
    void ownPacketsAreAveragedOnceWhenSentAndOthersWhenReceived() throws Exception {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        MulticastRtcpChannel sender = (MulticastRtcpChannel) transport.openRtcp(endpoint(), first,
                "liveaudio-test-rtcp-average-1");
        MulticastRtcpChannel listener = (MulticastRtcpChannel) transport.openRtcp(endpoint(), second,
                "liveaudio-test-rtcp-average-2");
        int size = RtcpWriter.senderReport(SENDER_REPORT, "sender@host").length;

        sender.sendSenderReport(SENDER_REPORT, "sender@host");
        assertNotNull(first.next());
        assertNotNull(second.next());

        double expected = size + ReportInterval.UDP_IP_OVERHEAD_BYTES;
        assertEquals(expected, sender.averagePacketBytes());
        assertEquals(expected, listener.averagePacketBytes());
        long delay = sender.nextReportDelayNanos(2, 1, true, 64_000, false);
        assertTrue(delay >= 5e9 * 0.5 / 1.21828 - 1 && delay <= 5e9 * 1.5 / 1.21828 + 1, delay + " ns");
    }

    @Test
    void throwingHandlerIsWarnedAboutOnceAndLaterPacketsStillArrive() throws Exception {
        Recorder throwsOnSenderReports = new Recorder() {
            @Override
            public void onSenderReport(SenderReport report, String cname, InetSocketAddress from,
                    long receivedNanos) {
                super.onSenderReport(report, cname, from, receivedNanos);
                throw new IllegalStateException("handler bug");
            }
        };
        MulticastRtcpChannel channel = (MulticastRtcpChannel) transport.openRtcp(endpoint(), throwsOnSenderReports,
                "liveaudio-test-rtcp-throwing");

        for (int i = 0; i < 3; i++) {
            channel.sendSenderReport(SENDER_REPORT, "sender@host");
            throwsOnSenderReports.next();
        }
        // Handled on the same thread after the failures were counted, so the count below is complete.
        channel.sendReceiverReport(RECEIVER_REPORT, "listener@host");
        assertEquals(RECEIVER_REPORT, throwsOnSenderReports.next().report);

        assertEquals(3, channel.handlerFailures());
        List<String> warnings = log.warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("RTCP handler failed"), warnings.get(0));
        assertTrue(threadNamed("liveaudio-test-rtcp-throwing").isAlive());
    }

    @Test
    void rtcpTravelsOnPortPlusOneOnly() throws Exception {
        RtpReceiver rtp = transport.openReceiver(endpoint(), packet -> { }, "liveaudio-test-rtp-beside-rtcp");
        Recorder recorder = new Recorder();
        RtcpChannel channel = transport.openRtcp(endpoint(), recorder, "liveaudio-test-rtcp-beside-rtp");

        channel.sendSenderReport(SENDER_REPORT, "sender@host");
        recorder.next();

        assertEquals(0, rtp.datagrams());
    }

    @Test
    void closeEndsTheReceiveThreadMayBeRepeatedAndRefusesFurtherSends() throws Exception {
        RtcpChannel channel = transport.openRtcp(endpoint(), new Recorder(), "liveaudio-test-rtcp-closing");
        Thread thread = threadNamed("liveaudio-test-rtcp-closing");
        assertTrue(thread.isAlive());
        assertTrue(thread.isDaemon());

        channel.close();
        assertFalse(thread.isAlive(), "thread ended by the time close returned");
        channel.close();
        assertThrows(ClosedChannelException.class, () -> channel.sendSenderReport(SENDER_REPORT, "x"));
        assertTrue(log.warnings().isEmpty(), log.lines().toString());
    }

    @Test
    void deactivationClosesChannelsStillOpen() throws Exception {
        RtcpChannel channel = transport.openRtcp(endpoint(), new Recorder(), "liveaudio-test-rtcp-leftover");
        Thread thread = threadNamed("liveaudio-test-rtcp-leftover");

        transport.deactivate();

        assertFalse(thread.isAlive());
        assertThrows(ClosedChannelException.class, () -> channel.sendBye(SENDER, "x", null));
        channel.close();
    }

    private MulticastEndpoint endpoint() throws Exception {
        return MulticastEndpoint.of(group, port, "lo", 1);
    }

    private static void awaitMalformed(RtcpChannel channel, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (channel.malformed() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, channel.malformed());
    }

    private static int random(int from, int to) {
        return ThreadLocalRandom.current().nextInt(from, to);
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals(name));
    }

    @Test
    void protectedChannelsExchangeReportsAndTimeAndDropWhatAnotherKeySends() throws Exception {
        StreamKey key = StreamKey.generate(new SecureRandom());
        Recorder sending = new Recorder();
        Recorder asking = new Recorder();
        Recorder plain = new Recorder();
        RtcpChannel sender = transport.openRtcp(endpoint(), key, sending, "liveaudio-test-srtcp-sender");
        RtcpChannel listener = transport.openRtcp(endpoint(), key, asking, "liveaudio-test-srtcp-listener");
        RtcpChannel unprotected = transport.openRtcp(endpoint(), plain, "liveaudio-test-srtcp-plain");
        RtcpChannel rogue = transport.openRtcp(endpoint(), StreamKey.generate(new SecureRandom()), new Recorder(),
                "liveaudio-test-srtcp-rogue");

        rogue.sendSenderReport(new SenderReport(SENDER, 1, 2, 3, 4, List.of()), "rogue@host");
        sender.sendSenderReport(SENDER_REPORT, "sender@host");
        Event report = asking.nextOfType(SenderReport.class);
        assertEquals(SENDER_REPORT, report.report, "the real report, the rogue's dropped before it");
        TimeRequest request = new TimeRequest(LISTENER, SENDER, 0xE3D5A2B1_80000000L);
        listener.sendTimeRequest(request, "listener@host", null);
        Event asked = sending.nextOfType(TimeRequest.class);
        TimeResponse response = new TimeResponse(SENDER, LISTENER, 0xE3D5A2B1_80000000L, 1, 2, 3, 4, 30_000);
        sender.sendTimeResponse(response, "sender@host", asked.from);
        assertEquals(response, asking.nextOfType(TimeResponse.class).report);

        assertEquals(1, listener.unauthenticated(), "the rogue's report");
        assertEquals(1, sender.unauthenticated());
        assertEquals(0, listener.replayed());
        assertTrue(plain.events.isEmpty(), "a channel without the key understands none of it");
        // Its receive thread may still be reading what the others have had already.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (unprotected.malformed() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(unprotected.malformed() >= 3, "and counts it malformed: " + unprotected.malformed());
    }

    private static Thread threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no thread " + name));
    }

    private record Note(long ssrc, String text) {
    }

    /** One call to the handler: a report with its CNAME, a note, or a BYE. */
    private record Event(Object report, String cname, long byeSsrc, InetSocketAddress from, long receivedNanos) {
    }

    private static class Recorder implements RtcpHandler {
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

        @Override
        public void onSenderReport(SenderReport report, String cname, InetSocketAddress from, long receivedNanos) {
            events.add(new Event(report, cname, -1, from, receivedNanos));
        }

        @Override
        public void onReceiverReport(ReceiverReport report, String cname, InetSocketAddress from,
                long receivedNanos) {
            events.add(new Event(report, cname, -1, from, receivedNanos));
        }

        @Override
        public void onBye(long ssrc, InetSocketAddress from) {
            events.add(new Event(null, null, ssrc, from, 0));
        }

        @Override
        public void onSdesNote(long ssrc, String note, InetSocketAddress from) {
            events.add(new Event(new Note(ssrc, note), null, -1, from, 0));
        }

        @Override
        public void onTimeRequest(TimeRequest request, InetSocketAddress from, long receivedNanos) {
            events.add(new Event(request, null, -1, from, receivedNanos));
        }

        @Override
        public void onTimeResponse(TimeResponse response, InetSocketAddress from, long receivedNanos) {
            events.add(new Event(response, null, -1, from, receivedNanos));
        }

        Event nextOfType(Class<?> type) throws InterruptedException {
            Event event;
            do {
                event = next();
            } while (!type.isInstance(event.report));
            return event;
        }

        /** What arrived up to and including {@code last}. */
        List<Object> reportsUntil(Object last) throws InterruptedException {
            List<Object> reports = new ArrayList<>();
            Object report;
            do {
                report = next().report;
                reports.add(report);
            } while (!last.equals(report));
            return reports;
        }

        Event next() throws InterruptedException {
            Event event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(event, "nothing arrived within " + WAIT_SECONDS + " s");
            return event;
        }
    }
}
