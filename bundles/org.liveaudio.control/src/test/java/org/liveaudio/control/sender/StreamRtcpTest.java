package org.liveaudio.control.sender;

import org.liveaudio.api.testing.FakeL16Codec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.stream.StreamStatus;
import org.liveaudio.api.net.NtpTime;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.api.net.TimeResponse;
import org.liveaudio.api.testing.RecordingLogger;
import org.liveaudio.control.sender.FakeRtcpChannel.Bye;
import org.liveaudio.control.sender.FakeRtcpChannel.DelayAsked;
import org.liveaudio.control.sender.FakeRtcpChannel.Sent;
import org.liveaudio.control.sender.FakeTransport.Packet;

/**
 * The stream's RTCP driven tick by tick on a clock the test moves, against a fake channel whose report interval
 * the test fixes: 5 ms frames of 240 samples at 48 kHz stereo (960 payload octets, 1555.2 kbit/s with headers).
 */
class StreamRtcpTest {
    private static final long SECOND = 1_000_000_000L;
    private static final int CLOCK_RATE = 48_000;
    private static final long PERIOD = 5_000_000;
    private static final int PAYLOAD_OCTETS = 960;
    private static final long BITS_PER_SECOND = (12 + PAYLOAD_OCTETS) * 8 * 200;
    private static final String CNAME = "liveaudio-sender@test";
    private static final InetSocketAddress LISTENER_ADDRESS = new InetSocketAddress("127.0.0.1", 40_002);

    @TempDir
    Path dir;

    private final RecordingLogger log = new RecordingLogger();
    private final FakeClock clock = new FakeClock(1_000_000_000L);
    private final FakeClock wall = new FakeClock(1_700_000_000_000L);
    private final WallAnchor anchor = new WallAnchor(1_700_000_000_000L * 1_000_000, 1_000_000_000L);
    private final BoundServices services = new BoundServices();
    private final FakeL16Codec codec = new FakeL16Codec();
    private final FakeTransport transport = new FakeTransport(clock);
    private final FakeSource source = new FakeSource("melody");
    private Stream stream;

    @BeforeEach
    void startStream() throws Exception {
        services.addSource("melody", source, Map.of());
        services.addCodec("L16", codec, Map.of());
        services.setTransport(transport);
        transport.initialDelayNanos = SECOND / 2;
        transport.delayNanos = SECOND;
        stream = newStream(null);
        stream.configure(settings(Map.of()));
    }

    @Test
    void aNewSessionIsAnnouncedByASenderReportAheadOfItsFirstFrame() {
        step(10);

        Sent announcement = transport.rtcp.senderReports().get(0);
        Packet first = transport.packets.get(0);
        assertEquals(0, announcement.rtpPacketsBefore());
        assertEquals(0, announcement.senderReport().packetCount());
        assertEquals(first.ssrc(), announcement.senderReport().ssrc());
        assertEquals(Stream.ANNOUNCE_LEAD_NANOS, first.sentAtNanos() - announcement.sentAtNanos(),
                "listeners have this long to ask for the sender's clock before the first frame is due");
        assertEquals(anchor.ntpAt(announcement.sentAtNanos()), announcement.senderReport().ntpTimestamp(),
                "the time it leaves");
        assertEquals((first.timestamp() - ticks(Stream.ANNOUNCE_LEAD_NANOS)) & 0xFFFF_FFFFL,
                announcement.senderReport().rtpTimestamp(), "the stream's timestamp then, a lead before the first");
    }

    @Test
    void aTransportGoneBeforeTheFirstFrameStartsTheGridAndItsAnnouncementAfreshWhenItIsBack() {
        stream.tick();
        services.removeTransport(transport);
        stream.release(transport);
        clock.advance(3 * Stream.ANNOUNCE_LEAD_NANOS);
        stream.tick();
        assertEquals(List.of(), transport.packets);

        FakeTransport replacement = new FakeTransport(transport);
        services.setTransport(replacement);
        stream.servicesChanged();
        long back = clock.getAsLong();
        stream.tick();
        step(3);

        List<Sent> reports = transport.rtcp.senderReports();
        assertEquals(2, reports.size(), "one announcement a start");
        Sent announcement = reports.get(1);
        assertEquals(back, announcement.sentAtNanos());
        assertEquals(back + Stream.ANNOUNCE_LEAD_NANOS, transport.packets.get(0).sentAtNanos(),
                "no burst of frames whose instants passed while the transport was away");
        assertEquals(3, transport.packets.size());
        assertEquals((transport.packets.get(0).timestamp() - ticks(Stream.ANNOUNCE_LEAD_NANOS)) & 0xFFFF_FFFFL,
                announcement.senderReport().rtpTimestamp());
    }

    @Test
    void eachSenderReportGivesTheTimeItLeavesAndTheStreamsTimestampThen() {
        step(1000);

        List<Sent> reports = periodicReports();
        assertEquals(5, reports.size(), "at 0.5 s, then every second");
        for (Sent sent : reports) {
            SenderReport report = sent.senderReport();
            Packet next = transport.packets.get(sent.rtpPacketsBefore());
            assertEquals((next.timestamp() - ticks(next.sentAtNanos() - sent.sentAtNanos())) & 0xFFFF_FFFFL,
                    report.rtpTimestamp(), "the next frame went out at its deadline, on the line of the report");
            long error = NtpTime.toEpochNanos(report.ntpTimestamp()) - anchor.epochNanosAt(sent.sentAtNanos());
            assertTrue(Math.abs(error) <= 1, "RFC 3550 6.4.1: the wall-clock time when the report is sent, to the "
                    + "NTP fraction's resolution (a listener's round trip is reckoned from it); off by " + error
                    + " ns");
            assertEquals(next.ssrc(), report.ssrc());
            assertEquals(CNAME, sent.cname());
            assertEquals(List.of(), report.blocks());
        }
        assertOneLine(reports);
    }

    @Test
    void senderReportsCarryTheSourcesTitleAsTheirNoteFromTheReportAfterItChanged() {
        step(150);
        source.title = "Artist - Song";
        step(200);

        assertEquals(List.of("", "Artist - Song"), notes(periodicReports()),
                "an empty note while the source names nothing, so that listeners drop an old one");
        assertEquals("Artist - Song", stream.status().title());
        assertEquals(List.of("Now playing: Artist - Song"), log.at("info").stream()
                .filter(line -> line.startsWith("Now playing")).toList());
    }

    @Test
    void aTitleFromTheShellOverridesTheSourcesUntilCleared() {
        source.title = "Artist - Song";
        stream.title("Live from the studio");
        step(150);
        stream.title("");
        step(200);
        stream.title("   ");
        stream.title("Encore");
        step(200);

        assertEquals(List.of("Live from the studio", "Live from the studio", "Artist - Song", "Encore"),
                notes(transport.rtcp.senderReports()), "the announcing report names what plays too");
        assertEquals(List.of("Now playing: Live from the studio (set by stream:title)", "Now playing: Artist - Song",
                "Now playing: Encore (set by stream:title)"), log.at("info").stream()
                .filter(line -> line.startsWith("Now playing")).toList(),
                "one line per change: clearing twice in a row is one change");
    }

    @Test
    void senderReportsCountThePacketsAndPayloadOctetsSentBeforeThem() {
        step(1000);

        for (Sent sent : transport.rtcp.senderReports()) {
            assertEquals(sent.rtpPacketsBefore(), sent.senderReport().packetCount());
            assertEquals((long) sent.rtpPacketsBefore() * PAYLOAD_OCTETS, sent.senderReport().octetCount());
        }
        assertEquals(101, periodicReports().get(0).senderReport().packetCount(),
                "slots 0..100: a report goes out right after the frame of its slot");
    }

    @Test
    void aPausedSenderReportsOnTheSameLineOnceThenSendsReceiverReports() {
        step(150);
        stream.pause();
        step(400);
        stream.play();
        step(300);

        List<Sent> reports = transport.rtcp.reports;
        assertEquals(List.of("SR", "SR", "SR", "RR", "SR"), reports.stream()
                .map(sent -> sent.report() instanceof SenderReport ? "SR" : "RR").toList(),
                "the session's announcement, then the reports at 0.5 s, 1.5 s (paused), 2.5 s (playing again)");
        assertEquals(150, reports.get(2).senderReport().packetCount(), "it sent since the last report");
        ReceiverReport resting = (ReceiverReport) reports.get(3).report();
        assertEquals(transport.packets.get(0).ssrc(), resting.ssrc());
        assertEquals(List.of(), resting.blocks());
        List<Sent> senderReports = transport.rtcp.senderReports();
        assertOneLine(senderReports);
        Packet firstAfterPlay = transport.packets.get(150);
        assertTrue(firstAfterPlay.marker());
        SenderReport beforePause = senderReports.get(0).senderReport();
        assertEquals(firstAfterPlay.timestamp(), (beforePause.rtpTimestamp() + ticksBetween(beforePause.ntpTimestamp(),
                NtpTime.fromEpochNanos(anchor.epochNanosAt(firstAfterPlay.sentAtNanos())))) & 0xFFFF_FFFFL);
    }

    @Test
    void theIntervalIsWhatTheChannelComputesFromTheMembersAndTheBandwidth() {
        transport.delayNanos = 2 * SECOND;
        step(1);
        hear(0xBEEFL, transport.packets.get(0).ssrc());
        step(1000);

        List<DelayAsked> asked = transport.rtcp.asked;
        assertEquals(new DelayAsked(1, 1, true, BITS_PER_SECOND, true), asked.get(0), "after the first frame");
        assertEquals(new DelayAsked(2, 1, true, BITS_PER_SECOND, false), asked.get(1));
        List<Sent> reports = periodicReports();
        assertEquals(3, reports.size(), "at 0.5 s, 2.5 s and 4.5 s");
        long firstSlot = transport.packets.get(0).sentAtNanos();
        assertEquals(firstSlot + SECOND / 2, reports.get(0).sentAtNanos());
        assertEquals(2 * SECOND, reports.get(1).sentAtNanos() - reports.get(0).sentAtNanos());
        assertEquals(2 * SECOND, reports.get(2).sentAtNanos() - reports.get(1).sentAtNanos());
    }

    @Test
    void aListenerSilentForFiveReportIntervalsDisappears() {
        transport.initialDelayNanos = 8 * SECOND;
        transport.delayNanos = 8 * SECOND;
        step(1);
        hear(0xBEEFL, transport.packets.get(0).ssrc());

        clock.advance(40 * SECOND);
        assertEquals(1, stream.listeners().size());
        clock.advance(1);
        assertEquals(List.of(), stream.listeners());
    }

    @Test
    void listenersTheStreamHearsAreListedWithTheirFigures() {
        step(1);
        long ssrc = transport.packets.get(0).ssrc();
        transport.lastChannel().handler.onReceiverReport(new ReceiverReport(0xBEEFL, List.of(new ReportBlock(ssrc,
                26, 4, 1, 96, 0, 0))), "liveaudio-listener@h1", LISTENER_ADDRESS, clock.getAsLong());
        transport.lastChannel().handler.onReceiverReport(new ReceiverReport(ssrc, List.of()), CNAME, LISTENER_ADDRESS,
                clock.getAsLong());

        assertEquals(1, stream.listeners().size(), "its own receiver reports are no listener");
        assertEquals(2.0, stream.listeners().get(0).jitterMillis(), 1e-9);
        assertEquals(ReportChannel.THREAD_NAME, transport.lastChannel().threadName);
    }

    @Test
    void aListenersRoundTripIsItsReportsArrivalLessTheSenderReportsTimeAndTheDelayItReports() {
        step(150);
        Sent last = periodicReports().get(0);
        long lsr = (last.senderReport().ntpTimestamp() >>> 16) & 0xFFFF_FFFFL;
        long ssrc = last.senderReport().ssrc();
        // Sent 10 ms after the report; the listener held it 9 ms (589 / 65536 s): a round trip of about 1 ms.
        clock.set(last.sentAtNanos() + 10_000_000);
        transport.lastChannel().handler.onReceiverReport(new ReceiverReport(0xBEEFL, List.of(new ReportBlock(ssrc,
                0, 0, 1, 0, lsr, 589))), "liveaudio-listener@h1", LISTENER_ADDRESS, clock.getAsLong());

        double roundTrip = stream.listeners().get(0).roundTripMillis();
        assertTrue(Math.abs(roundTrip - (10 - 589 * 1000.0 / 65536)) < 0.05, "round trip " + roundTrip + " ms");
    }

    @Test
    void timeRequestsAreAnsweredWithTheConfiguredPlayoutDelayOnTheLineOfTheFrameGrid() throws Exception {
        stream.configure(settings(Map.of("playoutDelayMillis", "20")));
        step(1);
        Packet first = transport.packets.get(0);

        transport.lastChannel().handler.onTimeRequest(new TimeRequest(0xBEEFL, first.ssrc(), 1), LISTENER_ADDRESS,
                clock.getAsLong());

        TimeResponse response = transport.rtcp.timeResponses.get(0);
        assertEquals(20_000, response.playoutDelayMicros());
        assertEquals(first.timestamp(), response.mappingRtp());
        assertEquals(anchor.ntpAt(first.sentAtNanos()), response.mappingNtp(), "the first frame went out on time");
    }

    @Test
    void endingTheStreamSaysByeForItsSessionAndClosesTheChannel() {
        step(10);

        stream.end("the sender stopped");

        assertEquals(List.of(new Bye(transport.packets.get(0).ssrc(), CNAME, "the sender stopped")),
                transport.rtcp.byes);
        assertTrue(transport.lastChannel().closed);
    }

    @Test
    void aSuspendedStreamSaysNoByeAndItsNextRunCountsOn() {
        step(300);
        long suspendedAt = clock.getAsLong();
        SessionState state = stream.suspend();

        assertEquals(List.of(), transport.rtcp.byes);
        assertTrue(transport.lastChannel().closed);
        long suspended = 300 + Pacer.catchUpSlots(PERIOD);
        assertEquals(suspended, transport.packets.size(), "with the frames sent ahead");
        assertEquals(suspended, state.packetCount());
        assertEquals(suspended * PAYLOAD_OCTETS, state.octetCount());

        Stream resumed = newStream(state);
        resumed.configure(settingsOrFail(Map.of()));
        int before = transport.packets.size();
        step(resumed, 200);
        Sent restart = transport.rtcp.senderReports().stream().filter(sent -> sent.rtpPacketsBefore() == before)
                .findFirst().orElseThrow();
        assertEquals(suspendedAt, restart.sentAtNanos(), "a continued session's listeners know this clock: its "
                + "report goes out as the run starts, not a new session's lead before its first frame");
        assertEquals(suspendedAt + (Pacer.catchUpSlots(PERIOD) + 1) * PERIOD, transport.packets.get(before)
                .sentAtNanos(), "the first frame on its slot, the one after the frames sent ahead");
        Sent report = transport.rtcp.senderReports().get(transport.rtcp.senderReports().size() - 1);
        assertTrue(report.rtpPacketsBefore() > before, "a report of the resumed run");
        assertEquals(state.ssrc(), report.senderReport().ssrc());
        assertEquals(suspended + report.rtpPacketsBefore() - before, report.senderReport().packetCount());
    }

    @Test
    void aNewFormatSaysByeForTheOldSessionAndTheNewOneCountsFromZero() throws Exception {
        step(200);
        long old = transport.packets.get(0).ssrc();

        stream.configure(settings(Map.of("channels", "1")));
        step(200);

        assertEquals(List.of(new Bye(old, CNAME, Stream.BYE_NEW_SESSION)), transport.rtcp.byes);
        Sent latest = transport.rtcp.senderReports().get(transport.rtcp.senderReports().size() - 1);
        assertNotEquals(old, latest.senderReport().ssrc());
        assertEquals(latest.rtpPacketsBefore() - 200, latest.senderReport().packetCount());
    }

    @Test
    void theSessionTheLastRunLeftSaysByeWhenThisRunCannotCarryItOn() throws Exception {
        step(10);
        SessionState state = stream.suspend();

        Stream mono = newStream(state);
        mono.configure(settings(Map.of("channels", "1")));
        step(mono, 1);

        assertEquals(List.of(new Bye(state.ssrc(), CNAME, Stream.BYE_NEW_SESSION)), transport.rtcp.byes);
    }

    @Test
    void aReplacedTransportKeepsTheListenersAndTheScheduleAndSaysNoBye() {
        step(150);
        hear(0xBEEFL, transport.packets.get(0).ssrc());

        FakeTransport replacement = new FakeTransport(transport);
        services.setTransport(replacement);
        stream.servicesChanged();
        step(1);
        stream.release(transport);
        step(200);

        assertTrue(transport.channels.get(0).closed);
        assertEquals(1, replacement.channels.size());
        assertEquals(1, stream.listeners().size());
        assertEquals(List.of(), transport.rtcp.byes);
        List<Sent> reports = periodicReports();
        assertEquals(2, reports.size());
        assertEquals(SECOND, reports.get(1).sentAtNanos() - reports.get(0).sentAtNanos());
    }

    @Test
    void anotherGroupHasOtherListeners() throws Exception {
        step(1);
        hear(0xBEEFL, transport.packets.get(0).ssrc());

        stream.configure(settings(Map.of("port", "5006")));
        step(1);

        assertEquals(5006, transport.lastChannel().endpoint.port());
        assertEquals(List.of(), stream.listeners());
    }

    /** The sender reports after the one that announced the session ahead of its first frame. */
    private List<Sent> periodicReports() {
        List<Sent> reports = transport.rtcp.senderReports();
        assertEquals(0, reports.get(0).rtpPacketsBefore(), "the first report announces the session");
        return reports.subList(1, reports.size());
    }

    /** Every pair of reports lies on one line of slope clockRate: timestamps advance with the wall clock. */
    private static List<String> notes(List<Sent> reports) {
        return reports.stream().map(Sent::note).toList();
    }

    private static void assertOneLine(List<Sent> reports) {
        SenderReport first = reports.get(0).senderReport();
        for (Sent sent : reports) {
            SenderReport report = sent.senderReport();
            assertEquals(report.rtpTimestamp(), (first.rtpTimestamp()
                    + ticksBetween(first.ntpTimestamp(), report.ntpTimestamp())) & 0xFFFF_FFFFL);
        }
    }

    /** Timestamp ticks in {@code nanos} (whole ones: the test's instants fall on ticks). */
    private static long ticks(long nanos) {
        return nanos * CLOCK_RATE / SECOND;
    }

    private static long ticksBetween(long fromNtp, long toNtp) {
        return Math.round((NtpTime.toEpochNanos(toNtp) - NtpTime.toEpochNanos(fromNtp)) * (double) CLOCK_RATE / SECOND);
    }

    /** A receiver report from {@code listener} about {@code ours}, arriving now. */
    private void hear(long listener, long ours) {
        transport.lastChannel().handler.onReceiverReport(new ReceiverReport(listener, List.of(new ReportBlock(ours, 0,
                0, 1, 0, 0, 0))), "liveaudio-listener@h1", LISTENER_ADDRESS, clock.getAsLong());
    }

    private Stream newStream(SessionState resumable) {
        return new Stream(log.logger(), services, clock, wall, new Random(42), resumable,
                new SenderRtcp(log.logger(), CNAME, anchor));
    }

    private SenderSettings settings(Map<String, String> overrides) throws Exception {
        Map<String, Object> properties = new HashMap<>(overrides);
        properties.put("sdpFile", dir.resolve("liveaudio.sdp").toString());
        return SenderSettings.read(new SettingsReader(properties), services::codec);
    }

    private SenderSettings settingsOrFail(Map<String, String> overrides) {
        try {
            return settings(overrides);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void step(int slots) {
        step(stream, slots);
    }

    private static boolean waitingForItsFirstFrame(Stream target) {
        StreamStatus status = target.status();
        return "waiting".equals(status.state()) && status.ssrc() >= 0 && target.stats().packetsSent() == 0;
    }

    /**
     * Lets {@code slots} frame slots pass, ticking at each deadline as the clock thread does when on time; a stream
     * waiting for what its first frame needs has no slots yet, and is ticked once a frame period instead.
     */
    private void step(Stream target, int slots) {
        for (int slot = 0; slot < slots; slot++) {
            if (waitingForItsFirstFrame(target)) {
                clock.advance(PERIOD);
                target.tick();
                continue;
            }
            boolean slotHandled;
            do {
                long deadline = target.nextDeadline();
                if (deadline > clock.getAsLong()) {
                    clock.set(deadline);
                }
                slotHandled = target.tick();
            } while (!slotHandled && target.status().ssrc() >= 0 && !waitingForItsFirstFrame(target));
        }
    }
}
