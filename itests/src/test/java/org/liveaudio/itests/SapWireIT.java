package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;

/**
 * An independent parser agrees with our wire format: tshark decodes the sender's SAP announcements (with the
 * SDP inside: name, description, group, port, codec), its deletion when the sender stops, and the RTP and RTCP
 * of a sender and a listener (sender and receiver reports, SDES, BYE, the APP packets of the time exchange and
 * the listener's XR of its repairs),
 * all without a malformed-packet finding. The distribution's own processes on loopback, as a user starts them.
 */
public class SapWireIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CAPTURE_LIMIT = Duration.ofSeconds(90);
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));
    private static final List<String> DECODE = List.of("udp.port==5068,rtp", "udp.port==5069,rtcp");
    /**
     * The one note tshark 4.0 makes of every SAP announcement that carries the (recommended) payload type field,
     * ffmpeg's as much as ours; without the field it makes none. Its SDP dissector reads every line all the same.
     */
    static final String TSHARK_SAP_PAYLOAD_TYPE_NOTE = "Invalid SDP line (no '=' delimiter)";

    @Test
    public void tsharkReadsOurAnnouncementsAndOurRtpAndRtcpWithoutMalformedPackets() throws Exception {
        String unavailable = Distribution.unavailable();
        assumeTrue(unavailable, unavailable == null);
        String noTshark = Tshark.unavailable();
        assumeTrue(noTshark, noTshark == null);
        Path folder = Files.createTempDirectory(TARGET, "sap-wire-");
        try (Distribution distribution = Distribution.copyTo(folder.resolve("liveaudio"));
                Tshark tshark = Tshark.capture(folder.resolve("wire.pcapng"),
                        "udp port 9875 or udp portrange 5068-5069", CAPTURE_LIMIT)) {
            Map<String, String> stream = Map.of("group", "239.255.0.79", "port", "5068", "interface", "lo");
            distribution.configure("sender/org.liveaudio.sender.cfg", with(stream, Map.of("name", "Wire check",
                    "description", "what tshark reads", "sapIntervalSeconds", "1")));
            distribution.configure("listener/org.liveaudio.listener-1.cfg", with(stream, Map.of("sink", "wav")));
            DistributionProcess listener = distribution.start("listener");
            listener.awaitOutput("listener:list", "239.255.0.79:5068", START_TIMEOUT);
            DistributionProcess sender = distribution.start("sender");
            sender.awaitOutput("stream:sdp", "s=Wire check", START_TIMEOUT);
            listener.awaitLog("playing stream ssrc", 1, START_TIMEOUT);
            Thread.sleep(3_000);
            RepairReports.await(sender, 1, START_TIMEOUT);
            assertTrue("the sender ends on stop 0", sender.stop());
            listener.awaitLog("said BYE", 1, START_TIMEOUT);
            assertTrue("the listener ends on stop 0", listener.stop());
            Thread.sleep(500);
            tshark.finish();

            List<String> sap = tshark.fields(DECODE, "sap", "ip.dst", "udp.dstport", "sap.flags.t",
                    "sdp.session_name", "sdp.session_info", "sdp.connection_info.address", "sdp.media",
                    "sdp.media_attr");
            assertTrue("announcements, then one deletion: " + sap, sap.size() >= 3);
            for (String packet : sap) {
                String[] f = packet.split("\t", -1);
                assertEquals(packet, "239.255.255.255", f[0]);
                assertEquals(packet, "9875", f[1]);
                assertEquals(packet, "Wire check", f[3]);
                assertEquals(packet, "what tshark reads", f[4]);
                assertEquals(packet, "239.255.0.79", f[5]);
                assertEquals(packet, "audio 5068 RTP/AVP 96", f[6]);
                assertTrue(packet, f[7].contains("rtpmap:96 L16/48000/2"));
            }
            assertEquals("only the last is the deletion: " + sap, 1, sap.stream().filter(p -> p.split("\t")[2]
                    .equals("1")).count());
            assertEquals("the last is the deletion: " + sap, "1", sap.get(sap.size() - 1).split("\t")[2]);

            List<String> rtp = tshark.fields(DECODE, "rtp", "rtp.version", "rtp.p_type");
            assertTrue("RTP: " + rtp.size() + " packets", rtp.size() > 200);
            assertEquals(Set.of("2\t96"), Set.copyOf(rtp));

            Set<String> rtcpTypes = new TreeSet<>();
            tshark.fields(DECODE, "rtcp", "rtcp.pt").forEach(line -> rtcpTypes.addAll(List.of(line.split(","))));
            assertTrue("SR, RR, SDES, BYE, APP and XR: " + rtcpTypes,
                    rtcpTypes.containsAll(Set.of("200", "201", "202", "203", "204", "207")));
            List<String> xrBlocks = tshark.fields(DECODE, "rtcp.pt == 207", "rtcp.xr.bt");
            assertTrue("the listener's XR carries RFC 7509's block type 33 (to tshark 4.0 an unknown type, which it"
                    + " skips by its length): " + xrBlocks,
                    !xrBlocks.isEmpty() && xrBlocks.stream().allMatch("33"::equals));

            List<String> findings = tshark.expertFindings(DECODE);
            for (String finding : findings) {
                boolean knownNote = finding.startsWith("Notes: " + sap.size() + " Malformed SDP "
                        + TSHARK_SAP_PAYLOAD_TYPE_NOTE);
                assertTrue("tshark found: " + findings, knownNote || !(finding.startsWith("Errors")
                        || finding.startsWith("Warns") || finding.contains(" Malformed ")));
            }
        }
    }

    private static Map<String, String> with(Map<String, String> common, Map<String, String> own) {
        Map<String, String> all = new HashMap<>(common);
        all.putAll(own);
        return all;
    }
}
