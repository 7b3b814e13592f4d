package org.liveaudio.common.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Real descriptions as ffmpeg, GStreamer, PipeWire and an AES67 device write them (see the fixtures' README). */
class SdpParserTest {
    @Test
    void ffmpegsL16MonoAt44kHzUsesStaticPayloadTypeEleven() throws Exception {
        RtpAudioSession s = session("ffmpeg-l16-mono.sdp");

        assertEquals("No Name", s.name());
        assertEquals(InetAddress.getByName("239.255.0.9"), s.group());
        assertEquals(5008, s.port());
        assertEquals(1, s.ttl());
        assertEquals(11, s.payloadType());
        assertEquals("L16/44100/1", s.format());
        assertEquals(0, s.frameMicros(), "ffmpeg writes no a=ptime");
    }

    @Test
    void ffmpegsL24() throws Exception {
        RtpAudioSession s = session("ffmpeg-l24.sdp");

        assertEquals(97, s.payloadType());
        assertEquals("L24/48000/2", s.format());
        assertEquals(InetAddress.getByName("239.255.0.10"), s.group());
    }

    @Test
    void ffmpegsOpusWithFormatParameters() throws Exception {
        RtpAudioSession s = session("ffmpeg-opus.sdp");

        assertTrue(s.codecIs("opus"));
        assertEquals("opus/48000/2", s.format());
        assertEquals("sprop-stereo=1", s.formatParameters());
        assertEquals(5006, s.port());
    }

    @Test
    void gstreamersDescriptionsPutTheConnectionInTheMedium() throws Exception {
        RtpAudioSession l16 = session("gstreamer-l16.sdp");
        RtpAudioSession l24 = session("gstreamer-l24.sdp");
        RtpAudioSession mono = session("gstreamer-l16-mono.sdp");
        RtpAudioSession opus = session("gstreamer-opus.sdp");

        assertEquals("Session streamed with GStreamer", l16.name());
        assertEquals("rtsp-server", l16.information());
        assertEquals("L16/48000/2", l16.format());
        assertEquals(InetAddress.getByName("239.255.0.11"), l16.group());
        assertEquals(1, l16.ttl());
        assertEquals("L24/48000/2", l24.format());
        assertEquals(5014, l24.port());
        assertEquals("L16/44100/1", mono.format());
        assertTrue(opus.codecIs("opus"), "GStreamer writes OPUS; encoding names ignore case");
        assertEquals("sprop-stereo=1;sprop-maxcapturerate=48000", opus.formatParameters());
    }

    @Test
    void pipewiresDescriptionWithLineFeedsAlone() throws Exception {
        Sdp sdp = parse("pipewire-l16.sdp");
        RtpAudioSession s = RtpAudioSession.of(sdp);

        assertEquals("PipeWire RTP Stream on fedora", s.name());
        assertEquals("2 channels: FL, FR", s.information());
        assertEquals("wim 3883629975 IN IP4 192.168.1.20", s.origin().sessionKey());
        assertEquals(127, s.payloadType());
        assertEquals("L16/48000/2", s.format());
        assertEquals(4000, s.frameMicros());
        assertEquals(46000, s.port());
        assertEquals("sender", sdp.media().get(0).attribute("mediaclk").orElseThrow());
        assertEquals("PipeWire 0.3.67", sdp.media().get(0).attribute("tool").orElseThrow());
    }

    @Test
    void aes67DevicesOneMillisecondL24() throws Exception {
        Sdp sdp = parse("dante-aes67.sdp");
        RtpAudioSession s = RtpAudioSession.of(sdp);

        assertEquals("AOIP44-serial-1614 : 2", s.name());
        assertEquals("2 channels: TxChan 0, TxChan 1", s.information());
        assertEquals("L24/48000/2", s.format());
        assertEquals(97, s.payloadType());
        assertEquals(1000, s.frameMicros());
        assertEquals(InetAddress.getByName("239.65.125.63"), s.group());
        assertEquals(32, s.ttl());
        assertEquals("Dante", sdp.attribute("keywds").orElseThrow());
        assertEquals("1423994", sdp.origin().version());
    }

    @Test
    void fractionalPtimeIsKeptInMicroseconds() throws Exception {
        RtpAudioSession s = RtpAudioSession.of(SdpParser.parse(minimal("a=rtpmap:96 L24/48000/2\na=ptime:0.125\n")));

        assertEquals(125, s.frameMicros());
    }

    @Test
    void ipv6GroupHasNoTtl() throws Exception {
        RtpAudioSession s = RtpAudioSession.of(SdpParser.parse(
                "v=0\no=- 1 1 IN IP6 ::1\ns=x\nc=IN IP6 ff15::1\nt=0 0\nm=audio 5004 RTP/AVP 96\n"
                        + "a=rtpmap:96 L16/48000/2\n"));

        assertEquals(InetAddress.getByName("ff15::1"), s.group());
        assertEquals(-1, s.ttl());
    }

    @Test
    void firstLineMustBeVersionZero() {
        assertRefused("o=- 1 1 IN IP4 1.2.3.4\ns=x\n", "line 1 must be v=0");
        assertRefused("v=1\no=- 1 1 IN IP4 1.2.3.4\ns=x\n", "line 1 must be v=0");
        assertRefused("", "line 1 must be v=0");
    }

    @Test
    void unknownTypeLetterIsRefusedWithItsLine() {
        assertRefused("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=x\nx=what\n", "line 4");
        assertRefused("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=x\nthis is not sdp\n", "line 4");
    }

    @Test
    void shortOriginIsRefused() {
        assertRefused("v=0\no=- 1 1 IN IP4\ns=x\n", "o= needs");
    }

    @Test
    void missingOriginOrNameIsRefused() {
        assertRefused("v=0\ns=x\n", "no o=");
        assertRefused("v=0\no=- 1 1 IN IP4 1.2.3.4\n", "no s=");
    }

    @Test
    void badMediaLineIsRefused() {
        assertRefused("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=x\nm=audio 5004 RTP/AVP\n", "m= needs");
        assertRefused("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=x\nm=audio 70000 RTP/AVP 96\n", "port of m=");
    }

    @Test
    void slashesWithoutNumbersAreRefusedNotThrown() {
        assertRefused("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=x\nc=IN IP4 /\n", "TTL of c=");
        assertRefused("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=x\nm=audio / RTP/AVP 96\n", "port of m=");
    }

    @Test
    void descriptionWithoutPlayableAudioIsRefused() {
        assertSessionRefused("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=x\nc=IN IP4 239.255.0.1/1\nm=video 5004 RTP/AVP 96\n",
                "no m=audio");
        assertSessionRefused(minimal(""), "no a=rtpmap");
        assertSessionRefused(minimal("a=rtpmap:96 L16\n"), "needs <encoding>/<clock rate>");
        assertSessionRefused(minimal("a=rtpmap:96 L16/0/2\n"), "clock rate");
        assertSessionRefused(minimal("a=rtpmap:96 L16/48000/2\na=ptime:-1\n"), "a=ptime");
        assertSessionRefused("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=x\nm=audio 5004 RTP/AVP 96\na=rtpmap:96 L16/48000/2\n",
                "no c=");
        assertSessionRefused(minimal("a=rtpmap:96 L16/48000/2\n").replace("239.255.0.1/1", "stream.example.org"),
                "not an IPv4 or IPv6 address");
        assertSessionRefused(minimal("a=rtpmap:96 L16/48000/2\n").replace("239.255.0.1/1", "10.0.0.1"),
                "not a multicast group");
    }

    private static String minimal(String attributes) {
        return "v=0\no=- 1 1 IN IP4 1.2.3.4\ns=x\nc=IN IP4 239.255.0.1/1\nt=0 0\nm=audio 5004 RTP/AVP 96\n" + attributes;
    }

    private static void assertRefused(String text, String expected) {
        SdpException e = assertThrows(SdpException.class, () -> SdpParser.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertSessionRefused(String text, String expected) {
        SdpException e = assertThrows(SdpException.class, () -> RtpAudioSession.of(SdpParser.parse(text)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static RtpAudioSession session(String fixture) throws IOException, SdpException {
        return RtpAudioSession.of(parse(fixture));
    }

    static Sdp parse(String fixture) throws IOException, SdpException {
        try (InputStream in = SdpParserTest.class.getResourceAsStream(fixture)) {
            return SdpParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
