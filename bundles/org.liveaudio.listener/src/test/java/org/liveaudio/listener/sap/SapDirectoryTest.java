package org.liveaudio.listener.sap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liveaudio.common.sap.SapPacket;
import org.liveaudio.listener.sap.SapDirectory.Change;

class SapDirectoryTest {
    private static final long SECOND = 1_000_000_000L;
    private final SapDirectory directory = new SapDirectory();
    private final InetAddress host = InetAddress.getLoopbackAddress();

    @Test
    void anAnnouncementAddsTheStreamAndItsRepetitionChangesNothingButWhenItWasHeard() {
        assertEquals(Change.ADDED, directory.heard(announce("Kitchen", "1", "239.255.0.1", 5004), 0).change());
        SapDirectory.Outcome again = directory.heard(announce("Kitchen", "1", "239.255.0.1", 5004), 5 * SECOND);

        assertEquals(Change.NONE, again.change());
        AnnouncedStream stream = directory.named("Kitchen").orElseThrow();
        assertEquals(5 * SECOND, stream.lastHeardNanos());
        assertEquals(5 * SECOND, stream.intervalNanos());
        assertEquals("239.255.0.1", stream.session().group().getHostAddress());
        assertEquals("L16/48000/2", stream.session().format());
    }

    @Test
    void aReannouncementOfTheSameSessionReplacesIt() {
        directory.heard(announce("Kitchen", "1", "239.255.0.1", 5004), 0);
        SapDirectory.Outcome moved = directory.heard(announce("Kitchen", "1", "239.255.0.9", 5010), SECOND);

        assertEquals(Change.UPDATED, moved.change());
        assertEquals(1, directory.streams().size());
        assertEquals(5010, directory.named("Kitchen").orElseThrow().session().port());
        assertEquals(sdp("Kitchen", "1", "239.255.0.9", 5010), directory.named("Kitchen").orElseThrow().sdp(),
                "the description as last announced, for a bundle that parses it itself (the sender's relay)");
    }

    @Test
    void aDeletionWithTheWholeDescriptionRemovesTheStream() {
        directory.heard(announce("Kitchen", "1", "239.255.0.1", 5004), 0);
        SapPacket deletion = SapPacket.of(true, host, sdp("Kitchen", "1", "239.255.0.1", 5004));

        assertEquals(Change.REMOVED, directory.heard(deletion, SECOND).change());
        assertTrue(directory.streams().isEmpty());
    }

    @Test
    void aDeletionWithOnlyTheOriginLineRemovesTheStream() {
        directory.heard(announce("Kitchen", "77", "239.255.0.1", 5004), 0);
        SapPacket deletion = SapPacket.of(true, host, "o=- 77 9 IN IP4 127.0.0.1\r\n");

        assertEquals(Change.REMOVED, directory.heard(deletion, SECOND).change());
        assertTrue(directory.streams().isEmpty());
    }

    @Test
    void aBareDeletionRemovesTheStreamOfItsAnnouncerAndHash() {
        SapPacket announcement = announce("Kitchen", "77", "239.255.0.1", 5004);
        directory.heard(announcement, 0);
        directory.heard(announce("Garden", "78", "239.255.0.2", 5004), 0);
        SapPacket deletion = new SapPacket(true, announcement.messageIdHash(), host, SapPacket.SDP, new byte[0]);

        assertEquals("Kitchen", directory.heard(deletion, SECOND).stream().name());
        assertEquals(List.of("Garden"), directory.streams().stream().map(AnnouncedStream::name).toList());
    }

    @Test
    void aStreamNotHeardForTenIntervalsIsForgottenAfterAMinuteAtLeast() {
        directory.heard(announce("Kitchen", "1", "239.255.0.1", 5004), 0);
        directory.heard(announce("Kitchen", "1", "239.255.0.1", 5004), 5 * SECOND);
        directory.heard(announce("Slow", "2", "239.255.0.2", 5004), 0);
        directory.heard(announce("Slow", "2", "239.255.0.2", 5004), 30 * SECOND);

        assertTrue(directory.expire(64 * SECOND).isEmpty(), "ten 5 s intervals, but a minute at least");
        assertEquals(List.of("Kitchen"), directory.expire(66 * SECOND).stream().map(AnnouncedStream::name).toList());
        assertTrue(directory.expire(329 * SECOND).isEmpty());
        assertEquals(List.of("Slow"), directory.expire(331 * SECOND).stream().map(AnnouncedStream::name).toList());
    }

    @Test
    void aStreamHeardOnceIsKeptForTenOfTheSlowestIntervalsInUse() {
        directory.heard(announce("Device", "1", "239.69.0.1", 5004), 0);

        assertTrue(directory.expire(299 * SECOND).isEmpty());
        assertEquals(1, directory.expire(301 * SECOND).size());
    }

    @Test
    void ffmpegsStreamsWithOriginZeroStayApartByGroupAndPort() {
        directory.heard(announce("One", "0", "239.255.0.1", 5004), 0);
        directory.heard(announce("Two", "0", "239.255.0.2", 5004), 0);

        assertEquals(2, directory.streams().size());
    }

    @Test
    void theNameFindsTheStreamHeardLast() {
        directory.heard(announce("Kitchen", "1", "239.255.0.1", 5004), 0);
        directory.heard(announce("Kitchen", "2", "239.255.0.2", 5004), SECOND);

        assertEquals("239.255.0.2", directory.named("Kitchen").orElseThrow().session().group().getHostAddress());
        assertTrue(directory.named("kitchen").isEmpty(), "names are matched as written");
    }

    @Test
    void unreadableAnnouncementsAreRefusedWithTheReasonAndCounted() {
        SapDirectory.Outcome video = directory.heard(SapPacket.of(false, host, sdp("Cam", "1", "239.255.0.1", 5004)
                .replace("m=audio", "m=video")), 0);
        SapDirectory.Outcome other = directory.heard(new SapPacket(false, 1, host, "text/plain", new byte[] {'x'}), 0);

        assertEquals(Change.NONE, video.change());
        assertTrue(video.refusal().contains("no m=audio"), video.refusal());
        assertTrue(other.refusal().contains("text/plain"), other.refusal());
        assertEquals(2, directory.refused());
        assertTrue(directory.streams().isEmpty());
    }

    private SapPacket announce(String name, String sessionId, String group, int port) {
        return SapPacket.of(false, host, sdp(name, sessionId, group, port));
    }

    private static String sdp(String name, String sessionId, String group, int port) {
        return "v=0\r\no=- " + sessionId + " 1 IN IP4 127.0.0.1\r\ns=" + name + "\r\nc=IN IP4 " + group + "/1\r\n"
                + "t=0 0\r\nm=audio " + port + " RTP/AVP 96\r\na=rtpmap:96 L16/48000/2\r\n";
    }
}
