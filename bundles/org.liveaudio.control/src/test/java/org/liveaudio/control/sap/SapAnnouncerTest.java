package org.liveaudio.control.sap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.testing.RecordingLogger;
import org.liveaudio.common.sap.SapPacket;

class SapAnnouncerTest {
    private static final long SECOND = 1_000_000_000L;

    private final RecordingLogger log = new RecordingLogger();
    private final FakeSocket socket = new FakeSocket();
    private Announcement current;
    private final SapAnnouncer announcer = new SapAnnouncer(() -> current, socket, () -> 0, new Random(7),
            log.logger());

    @Test
    void announcesAtOnceInTheGroupsScopeOnTheStreamsInterfaceWithItsTtl() throws Exception {
        current = announcement("239.255.0.1", 5004, 3, "Kitchen");

        announcer.step(0);

        assertEquals(1, socket.sent.size());
        Sent first = socket.sent.get(0);
        assertEquals(InetAddress.getByName("239.255.255.255"), first.group);
        assertEquals("lo", first.nic.getName());
        assertEquals(3, first.ttl);
        assertFalse(first.packet.deletion());
        assertEquals(current.sdp(), first.packet.payloadText());
        assertEquals(InetAddress.getLoopbackAddress(), first.packet.origin());
        assertTrue(log.lines().stream().anyMatch(l -> l.contains("announcing \"Kitchen\" to 239.255.255.255:9875 on "
                + "lo ttl 3 every 5 s")), log.lines().toString());
    }

    @Test
    void repeatsEveryIntervalWithinAThirdEitherSide() throws Exception {
        current = announcement("239.255.0.1", 5004, 1, "Kitchen");
        announcer.step(0);
        List<Long> sentAt = new ArrayList<>();
        for (long t = 0; t <= 120 * SECOND; t += SECOND / 10) {
            int before = socket.sent.size();
            announcer.step(t);
            if (socket.sent.size() > before) {
                sentAt.add(t);
            }
        }

        assertTrue(sentAt.size() >= 120 / 7 && sentAt.size() <= 120 / 3 + 1, sentAt.toString());
        long previous = 0;
        for (long t : sentAt) {
            long gap = t - previous;
            assertTrue(gap >= 5 * SECOND * 2 / 3 - SECOND / 10 && gap <= 5 * SECOND * 4 / 3 + SECOND / 10,
                    "gap " + gap);
            previous = t;
        }
        assertTrue(socket.sent.stream().noneMatch(s -> s.packet.deletion()));
    }

    @Test
    void aChangedDescriptionWithdrawsTheOldOneWhereItWentBeforeAnnouncingTheNew() throws Exception {
        Announcement old = announcement("239.255.0.1", 5004, 1, "Kitchen");
        current = old;
        announcer.step(0);
        current = announcement("239.192.0.5", 5008, 1, "Kitchen");

        announcer.step(SECOND);

        assertEquals(3, socket.sent.size());
        Sent deletion = socket.sent.get(1);
        assertTrue(deletion.packet.deletion());
        assertEquals(old.sdp(), deletion.packet.payloadText());
        assertEquals(InetAddress.getByName("239.255.255.255"), deletion.group);
        assertEquals(socket.sent.get(0).packet.messageIdHash(), deletion.packet.messageIdHash());
        Sent announcement = socket.sent.get(2);
        assertFalse(announcement.packet.deletion());
        assertEquals(InetAddress.getByName("239.195.255.255"), announcement.group);
    }

    @Test
    void switchingSapOffSendsOneDeletionAndThenNothing() throws Exception {
        current = announcement("239.255.0.1", 5004, 1, "Kitchen");
        announcer.step(0);
        current = null;

        for (long t = SECOND; t < 60 * SECOND; t += SECOND) {
            announcer.step(t);
        }

        assertEquals(2, socket.sent.size());
        assertTrue(socket.sent.get(1).packet.deletion());
    }

    @Test
    void stoppingWithdrawsOnlyWhenTheStreamEnds() throws Exception {
        current = announcement("239.255.0.1", 5004, 1, "Kitchen");
        announcer.step(0);
        announcer.stop(false);
        assertEquals(1, socket.sent.size());
        assertTrue(socket.closed);

        FakeSocket other = new FakeSocket();
        SapAnnouncer ending = new SapAnnouncer(() -> current, other, () -> 0, new Random(7), log.logger());
        ending.step(0);
        ending.stop(true);
        assertEquals(2, other.sent.size());
        assertTrue(other.sent.get(1).packet.deletion());
        assertTrue(other.closed);
    }

    @Test
    void aFailingSendIsWarnedOnceUntilItWorksAgain() throws Exception {
        current = announcement("239.255.0.1", 5004, 1, "Kitchen");
        socket.failing = true;
        for (long t = 0; t < 60 * SECOND; t += SECOND) {
            announcer.step(t);
        }
        assertEquals(1, log.warnings().size(), log.warnings().toString());
        assertTrue(log.warnings().get(0).contains("cannot announce to 239.255.255.255:9875"), log.warnings().get(0));

        socket.failing = false;
        for (long t = 60 * SECOND; t < 80 * SECOND; t += SECOND) {
            announcer.step(t);
        }
        assertFalse(socket.sent.isEmpty());
        assertTrue(log.lines().stream().anyMatch(l -> l.contains("works again")), log.lines().toString());
    }

    private static Announcement announcement(String group, int port, int ttl, String name) throws Exception {
        MulticastEndpoint endpoint = MulticastEndpoint.of(group, port, "lo", ttl);
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=" + name + "\r\nc=IN IP4 " + group + "/" + ttl
                + "\r\nt=0 0\r\nm=audio " + port + " RTP/AVP 96\r\na=rtpmap:96 L16/48000/2\r\n";
        return new Announcement(sdp, InetAddress.getLoopbackAddress(), endpoint, 5);
    }

    private record Sent(SapPacket packet, InetAddress group, NetworkInterface nic, int ttl) {
    }

    private static final class FakeSocket implements SapSocket {
        final List<Sent> sent = new ArrayList<>();
        boolean failing;
        boolean closed;

        @Override
        public void send(byte[] packet, InetAddress group, NetworkInterface networkInterface, int ttl)
                throws IOException {
            if (failing) {
                throw new IOException("Network is unreachable");
            }
            try {
                sent.add(new Sent(SapPacket.parse(packet, 0, packet.length), group, networkInterface, ttl));
            } catch (Exception e) {
                throw new AssertionError("the announcer wrote a packet it cannot read back", e);
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
