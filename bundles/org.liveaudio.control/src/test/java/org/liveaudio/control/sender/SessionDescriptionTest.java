package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.net.StreamLayers;
import org.liveaudio.common.sdp.RtpAudioSession;
import org.liveaudio.common.sdp.SdpParser;

class SessionDescriptionTest {
    @Test
    void theDefaultStreamIsDescribedLineByLine() throws Exception {
        MulticastEndpoint endpoint = MulticastEndpoint.of("239.255.0.1", 5004, "lo", 1);
        SessionDescription description = new SessionDescription(439_041_101, 3,
                SessionDescription.originOf(endpoint), endpoint, 96, "L16", 48_000, 2, 5_000, "", 30_000,
                "Live Audio Streamer", "", false, null, StreamLayers.NONE);

        assertEquals(List.of(
                "v=0",
                "o=- 439041101 3 IN IP4 127.0.0.1",
                "s=Live Audio Streamer",
                "c=IN IP4 239.255.0.1/1",
                "t=0 0",
                "m=audio 5004 RTP/AVP 96",
                "a=rtpmap:96 L16/48000/2",
                "a=ptime:5",
                "a=recvonly",
                "a=x-liveaudio-playout-delay:30"), List.of(description.text().split("\r\n")));
        assertTrue(description.text().endsWith("a=x-liveaudio-playout-delay:30\r\n"));
    }

    @Test
    void aFecRepairStreamIsGroupedWithTheSourceInAMediaSectionOfItsOwn() throws Exception {
        MulticastEndpoint endpoint = MulticastEndpoint.of("239.255.0.1", 5004, "lo", 1);
        StreamLayers fec = new StreamLayers("FEC rs 10+5", 9, List.of("a=group:FEC-FR S1 R1"), List.of("a=mid:S1"),
                List.of("m=application 5006 RTP/AVP 100", "a=rtpmap:100 x-liveaudio-rs/48000", "a=mid:R1"));
        List<String> lines = List.of(new SessionDescription(1, 1, InetAddress.getLoopbackAddress(), endpoint, 96,
                "L16", 48_000, 2, 5_000, "", 75_000, "Live Audio Streamer", "", false, null, fec).text().split("\r\n"));

        assertEquals(lines.indexOf("t=0 0") + 1, lines.indexOf("a=group:FEC-FR S1 R1"), lines.toString());
        assertTrue(lines.indexOf("a=mid:S1") > lines.indexOf("m=audio 5004 RTP/AVP 96"), lines.toString());
        assertEquals(lines.indexOf("a=mid:S1") + 1, lines.indexOf("m=application 5006 RTP/AVP 100"), lines.toString());
        assertEquals("a=mid:R1", lines.get(lines.size() - 1));
    }

    @Test
    void codecParametersAndFractionalFramesAppear() throws Exception {
        MulticastEndpoint endpoint = MulticastEndpoint.of("239.255.1.2", 6000, "lo", 4);
        String text = new SessionDescription(1, 1, InetAddress.getLoopbackAddress(), endpoint, 111, "opus", 48_000,
                2, 2_500, "stereo=1; sprop-stereo=1", 7_500, "Garden", "Birdsong, all day", false,
                null, StreamLayers.NONE).text();

        assertTrue(text.contains("\r\ns=Garden\r\ni=Birdsong, all day\r\nc=IN IP4 239.255.1.2/4\r\n"), text);
        assertTrue(text.contains("\r\na=ptime:2.5\r\n"), text);
        assertTrue(text.contains("\r\na=fmtp:111 stereo=1; sprop-stereo=1\r\n"), text);
        assertTrue(text.contains("\r\na=x-liveaudio-playout-delay:7.5\r\n"), text);
    }

    @Test
    void ourDescriptionReadsBackThroughTheParserListenersUse() throws Exception {
        MulticastEndpoint endpoint = MulticastEndpoint.of("239.255.1.2", 6000, "lo", 4);
        String text = new SessionDescription(0x89abcdefL, 12, InetAddress.getLoopbackAddress(), endpoint, 111, "opus",
                48_000, 2, 2_500, "stereo=1; sprop-stereo=1", 7_500, "Garden", "Birdsong", false, null,
                StreamLayers.NONE).text();

        RtpAudioSession session = RtpAudioSession.of(SdpParser.parse(text));

        assertEquals("Garden", session.name());
        assertEquals("Birdsong", session.information());
        assertEquals(InetAddress.getByName("239.255.1.2"), session.group());
        assertEquals(6000, session.port());
        assertEquals(4, session.ttl());
        assertEquals(111, session.payloadType());
        assertEquals("opus/48000/2", session.format());
        assertEquals(2_500, session.frameMicros());
        assertEquals("stereo=1; sprop-stereo=1", session.formatParameters());
        assertEquals("- 2309737967 IN IP4 127.0.0.1", session.origin().sessionKey());
    }

    @Test
    void clockSignallingSaysThisHostsClockNotPtp() throws Exception {
        MulticastEndpoint endpoint = MulticastEndpoint.of("239.69.0.1", 5004, "lo", 1);
        String text = new SessionDescription(1, 1, InetAddress.getLoopbackAddress(), endpoint, 97, "L24", 48_000, 2,
                1_000, "", 8_750, "Stage", "", true, null, StreamLayers.NONE).text();

        assertTrue(text.contains("\r\na=rtpmap:97 L24/48000/2\r\na=ptime:1\r\na=ts-refclk:local\r\n"
                + "a=mediaclk:sender\r\n"), text);
        assertEquals(1_000, RtpAudioSession.of(SdpParser.parse(text)).frameMicros());
    }

    @Test
    void anIpv6GroupIsDescribedAsIp6WithoutTtl() throws Exception {
        MulticastEndpoint endpoint = MulticastEndpoint.of("ff15::1", 5004, "lo", 1);
        String text = new SessionDescription(1, 1, InetAddress.getByName("::1"), endpoint, 96, "L16", 48_000, 2,
                5_000, "", 30_000, "Live Audio Streamer", "", false, null, StreamLayers.NONE).text();

        assertTrue(text.contains("\r\no=- 1 1 IN IP6 0:0:0:0:0:0:0:1\r\n"), text);
        assertTrue(text.contains("\r\nc=IN IP6 ff15:0:0:0:0:0:0:1\r\n"), text);
    }

    @Test
    void theFileIsRewrittenOnlyWhenTheDescriptionChangesWithAGrowingVersion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("liveaudio.sdp");
        MulticastEndpoint endpoint = MulticastEndpoint.of("239.255.0.1", 5004, "lo", 1);
        SdpPublisher publisher = new SdpPublisher();
        SessionDescription first = new SessionDescription(7, 0, InetAddress.getLoopbackAddress(), endpoint, 96, "L16",
                48_000, 2, 5_000, "", 30_000, "Live Audio Streamer", "", false, null, StreamLayers.NONE);

        assertEquals("", publisher.publish(first, file, 100));
        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(written.startsWith("v=0\r\no=- 7 100 IN IP4 127.0.0.1\r\n"), written);
        assertEquals(written, publisher.text());

        Files.delete(file);
        assertEquals("", publisher.publish(first, file, 101));
        assertTrue(Files.notExists(file));

        MulticastEndpoint moved = MulticastEndpoint.of("239.255.0.1", 5006, "lo", 1);
        publisher.publish(new SessionDescription(7, 0, InetAddress.getLoopbackAddress(), moved, 96, "L16", 48_000,
                2, 5_000, "", 30_000, "Live Audio Streamer", "", false, null, StreamLayers.NONE), file, 100);
        written = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(written.contains("o=- 7 101 IN IP4"), written);
        assertTrue(written.contains("m=audio 5006 RTP/AVP 96"), written);
    }

    @Test
    void aProtectedStreamIsSavpWithItsKeyInAFileOfItsOwnersAloneAndNowhereElse(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("liveaudio.sdp");
        Files.writeString(file, "an older, world-readable description");
        MulticastEndpoint endpoint = MulticastEndpoint.of("239.255.0.1", 5004, "lo", 1);
        StreamKey key = StreamKey.generate(new SecureRandom());
        SdpPublisher publisher = new SdpPublisher();

        assertEquals("", publisher.publish(new SessionDescription(7, 0, InetAddress.getLoopbackAddress(), endpoint,
                96, "L16", 48_000, 2, 5_000, "", 30_000, "Live Audio Streamer", "", false, key, StreamLayers.NONE),
                file, 100));

        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(written.contains("\r\nm=audio 5004 RTP/SAVP 96\r\n"), written);
        assertTrue(written.contains("\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key.inline() + "\r\n"),
                written);
        assertEquals(SdpPublisher.OWNER_ONLY, Files.getPosixFilePermissions(file));
        assertFalse(publisher.text().contains(key.inline()), publisher.text());
        assertTrue(publisher.text().contains(key.id()), publisher.text());
    }

    @Test
    void anUnwritableFileIsReportedNotThrown(@TempDir Path dir) throws Exception {
        MulticastEndpoint endpoint = MulticastEndpoint.of("239.255.0.1", 5004, "lo", 1);
        SessionDescription description = new SessionDescription(7, 0, InetAddress.getLoopbackAddress(), endpoint, 96,
                "L16", 48_000, 2, 5_000, "", 30_000, "Live Audio Streamer", "", false, null, StreamLayers.NONE);

        String problem = new SdpPublisher().publish(description, dir.resolve("gone").resolve("x.sdp"), 1);

        assertTrue(problem.startsWith("cannot write the SDP file"), problem);
    }
}
