package org.liveaudio.control.sender;

import org.liveaudio.api.testing.FakeL16Codec;
import org.liveaudio.api.testing.RecordingLogger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioSource;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.stream.ListenerReport;
import org.liveaudio.api.stream.StreamStatus;
import org.liveaudio.control.sender.FakeRtcpChannel.Bye;
import org.liveaudio.control.sender.FakeTransport.Packet;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentConstants;

/**
 * The component as SCR drives it, with fake services and its real clock thread, for well under a second per
 * test. Assertions leave slack for a busy machine: they count packets, never time them.
 */
class BroadcasterTest {
    private static final int SAMPLES_PER_FRAME = 240;
    /** 240 samples at 48 kHz. */
    private static final long FRAME_NANOS = 5_000_000;
    private static final long WAIT_MILLIS = 5_000;
    private static final String CFG = "/etc/liveaudio/org.liveaudio.sender.cfg";

    @TempDir
    Path dir;

    private final RecordingLogger log = new RecordingLogger();
    private final FakeSource melody = new FakeSource("melody");
    private final FakeL16Codec codec = new FakeL16Codec();
    private final FakeTransport transport = new FakeTransport();
    private final List<Broadcaster> running = new ArrayList<>();
    private volatile int frameworkState = Bundle.ACTIVE;
    /** Whether the bundle context is invalid, as once the bundle has stopped. */
    private volatile boolean frameworkGone;

    @AfterEach
    void stopAll() {
        running.forEach(sender -> sender.deactivate(ComponentConstants.DEACTIVATION_REASON_DISABLED));
    }

    @Test
    void packetsCarryConsecutiveSequenceNumbersAndTimestampsOneFrameApart() {
        Broadcaster sender = start(Map.of());
        awaitPackets(40);
        sender.pause();

        List<Packet> packets = List.copyOf(transport.packets);
        boolean skipped = sender.stats().framesSkipped() > 0;
        for (int i = 1; i < packets.size(); i++) {
            assertEquals((packets.get(i - 1).sequence() + 1) & 0xFFFF, packets.get(i).sequence());
            long step = (packets.get(i).timestamp() - packets.get(i - 1).timestamp()) & 0xFFFF_FFFFL;
            if (skipped) {
                assertEquals(0, step % SAMPLES_PER_FRAME);
            } else {
                assertEquals(SAMPLES_PER_FRAME, step);
            }
            assertEquals(packets.get(0).ssrc(), packets.get(i).ssrc());
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(SenderClock.THREAD_NAME)));
    }

    @Test
    void theSessionSurvivesAnUnbindAndRebindOfTheTransportAndOfTheSourceWhoseAbsenceIsSilenceOnTheWire() throws Exception {
        Broadcaster sender = start(Map.of());
        awaitPackets(10);

        sender.unbindTransport(transport);
        int beforeRebind = transport.packets.size();
        await(() -> sender.status().problem().contains("no StreamTransport"), "status naming the missing transport");
        assertEquals("waiting", sender.status().state());
        sender.bindTransport(new FakeTransport(transport));
        awaitPackets(beforeRebind + 10);
        Packet lastBefore = transport.packets.get(beforeRebind - 1);
        Packet firstAfter = transport.packets.get(beforeRebind);
        long framesOn = ((firstAfter.timestamp() - lastBefore.timestamp()) & 0xFFFF_FFFFL) / SAMPLES_PER_FRAME;
        // Back within the playout delay, the frames held meanwhile go out at once and go on where the stream
        // stopped; later (a loaded machine), the timestamps jump past those that would come late, with the marker.
        assertEquals(framesOn > 1, firstAfter.marker(), "the timestamp went on by " + framesOn + " frames");

        int beforeUnbind = transport.packets.size();
        sender.unbindSource(melody);
        await(() -> silent(transport.last()), "silence on the wire while no source is bound");
        assertEquals("waiting", sender.status().state());
        int firstSilent = firstFrom(beforeUnbind, true);
        long stoppedAt = FakeSource.positionOf(transport.packets.get(firstSilent - 1).payload(), 2)
                + SAMPLES_PER_FRAME;
        FakeSource replacement = new FakeSource("melody");
        sender.bindSource(replacement, Map.of(AudioSource.TYPE, "melody"));
        await(() -> !silent(transport.last()), "the replacement source's audio");
        sender.pause();

        assertEquals(List.of(stoppedAt), replacement.openedAt);
        assertEquals(stoppedAt, FakeSource.positionOf(transport.packets.get(firstFrom(firstSilent, false)).payload(),
                2), "the replacement goes on where the source stopped");
        assertFalse(transport.packets.get(firstSilent).marker(), "no gap on the wire, so no marker");
        assertConsecutiveSequenceAndOneSsrc(transport.packets);
    }

    /** A frame of silence: every sample zero, which no frame of a {@link FakeSource} is. */
    private static boolean silent(Packet packet) {
        for (byte octet : packet.payload()) {
            if (octet != 0) {
                return false;
            }
        }
        return true;
    }

    /** The index of the first packet from {@code start} on that is silent (or not). */
    private int firstFrom(int start, boolean silence) {
        for (int i = start; i < transport.packets.size(); i++) {
            if (silent(transport.packets.get(i)) == silence) {
                return i;
            }
        }
        throw new AssertionError("no " + (silence ? "silent" : "audible") + " packet from " + start);
    }

    @Test
    void pauseStopsPacketsWithinAFramePeriodAndPlayContinuesTheSequence() throws Exception {
        Broadcaster sender = start(Map.of());
        awaitPackets(10);

        sender.pause();
        awaitQuiet();
        int whenPaused = transport.packets.size();
        assertNoPacketsFor(100);
        assertEquals("paused", sender.status().state());

        sender.play();
        awaitPackets(whenPaused + 5);
        Packet last = transport.packets.get(whenPaused - 1);
        Packet first = transport.packets.get(whenPaused);
        assertEquals((last.sequence() + 1) & 0xFFFF, first.sequence());
        assertTrue(first.marker());
        long jump = (first.timestamp() - last.timestamp()) & 0xFFFF_FFFFL;
        assertTrue(jump >= 100 * 48, "timestamp jump " + jump + " covers the pause");
        assertEquals(FakeSource.positionOf(last.payload(), 2) + SAMPLES_PER_FRAME,
                FakeSource.positionOf(first.payload(), 2));
        assertEquals(1, sender.stats().pauses());
    }

    @Test
    void aBadValueAfterAGoodConfigurationIsRefusedInOneLineAndTheGoodOneKeepsStreaming() {
        Broadcaster sender = start(Map.of());
        awaitPackets(5);

        sender.modified(config(Map.of("port", "0", SettingsReader.FILE_PROPERTY, "file:" + CFG)));
        int afterRefusal = transport.packets.size();
        awaitPackets(afterRefusal + 5);

        assertEquals(List.of("WARN " + CFG + ": port=0 refused; allowed: 1..65534; keeping the last good "
                + "configuration"), log.warnings());
        assertEquals(5004, transport.last().endpoint().port());
        StreamStatus status = sender.status();
        assertEquals("playing", status.state());
        assertTrue(status.problem().contains("port=0 refused"), status.problem());

        sender.modified(config(Map.of("port", "5006")));
        awaitPacketTo(5006);
        assertEquals("", sender.status().problem());
        assertConsecutiveSequenceAndOneSsrc(transport.packets);
    }

    @Test
    void aBadFirstConfigurationStreamsNothingUntilAGoodOneComes() throws Exception {
        Broadcaster sender = start(Map.of("group", "10.0.0.1"));
        assertNoPacketsFor(50);

        StreamStatus status = sender.status();
        assertEquals("waiting", status.state());
        assertTrue(status.problem().startsWith("group=10.0.0.1 refused; allowed: "), status.problem());
        assertEquals(1, log.warnings().size());

        sender.modified(config(Map.of()));
        awaitPackets(5);
        assertEquals("playing", sender.status().state());
    }

    @Test
    void theNextRunOfTheBundleContinuesTheSessionAndTheSource() throws Exception {
        Broadcaster first = start(Map.of());
        awaitPackets(10);
        first.deactivate(ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED);
        running.remove(first);
        Packet last = transport.last();
        assertTrue(Files.exists(dir.resolve(Broadcaster.SESSION_FILE)));
        assertEquals(List.of(), transport.rtcp.byes, "listeners keep the stream while the bundle is updated");

        FakeSource restarted = new FakeSource("melody");
        Broadcaster second = new Broadcaster();
        second.log = log.logger();
        second.bindSource(restarted, Map.of(AudioSource.TYPE, "melody"));
        second.bindCodec(codec, Map.of(AudioCodec.NAME, "L16"));
        second.bindTransport(transport);
        second.activate(context(), config(Map.of()));
        running.add(second);
        awaitPackets(transport.packets.size() + 5);
        second.pause();

        int firstOfSecond = transport.packets.indexOf(last) + 1;
        Packet resumed = transport.packets.get(firstOfSecond);
        assertEquals(last.ssrc(), resumed.ssrc());
        assertEquals((last.sequence() + 1) & 0xFFFF, resumed.sequence());
        long framesOn = ((resumed.timestamp() - last.timestamp()) & 0xFFFF_FFFFL) / SAMPLES_PER_FRAME;
        assertEquals(framesOn > 1, resumed.marker(), "the marker only on a jump; the timestamp went on by "
                + framesOn + " frames");
        long stoppedAt = FakeSource.positionOf(last.payload(), 2) + SAMPLES_PER_FRAME;
        assertEquals(List.of(stoppedAt), restarted.openedAt);
        assertFalse(Files.exists(dir.resolve(Broadcaster.SESSION_FILE)));
    }

    @Test
    void senderReportsGoOutOnTheirOwnChannelAndTheListenersThatReportAreListed() {
        transport.initialDelayNanos = 20_000_000;
        transport.delayNanos = 50_000_000;
        Broadcaster sender = start(Map.of());
        await(() -> transport.rtcp.senderReports().size() >= 2, "two sender reports");

        FakeRtcpChannel channel = transport.lastChannel();
        assertEquals(ReportChannel.THREAD_NAME, channel.threadName);
        assertEquals(5004, channel.endpoint.port());
        SenderReport report = transport.rtcp.senderReports().get(0).senderReport();
        assertEquals(transport.packets.get(0).ssrc(), report.ssrc());
        assertTrue(transport.rtcp.senderReports().get(0).cname().startsWith("liveaudio-sender@"));

        channel.handler.onReceiverReport(new ReceiverReport(0xBEEFL, List.of(new ReportBlock(report.ssrc(), 0, 0, 1,
                48, 0, 0))), "liveaudio-listener@h1", new InetSocketAddress("127.0.0.1", 40_002), System.nanoTime());

        List<ListenerReport> listeners = sender.listeners();
        assertEquals(1, listeners.size());
        assertEquals("liveaudio-listener@h1", listeners.get(0).cname());
        assertEquals(1.0, listeners.get(0).jitterMillis(), 1e-9);
    }

    @Test
    void aStreamStoppedForGoodSaysByeAndLeavesNoSessionToContinue() {
        Broadcaster sender = start(Map.of());
        awaitPackets(5);

        sender.deactivate(ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
        running.remove(sender);

        assertEquals(List.of(new Bye(transport.packets.get(0).ssrc(), SenderRtcp.cnameOfThisHost(),
                Broadcaster.BYE_STOPPED)), transport.rtcp.byes);
        assertTrue(transport.lastChannel().closed);
        assertFalse(Files.exists(dir.resolve(Broadcaster.SESSION_FILE)));
    }

    @Test
    void whenTheFrameworkStopsTheSenderSaysByeOnceEvenIfTheTransportGoesFirst() {
        Broadcaster sender = start(Map.of());
        awaitPackets(5);
        frameworkState = Bundle.STOPPING;

        sender.unbindTransport(transport);
        assertEquals(1, transport.rtcp.byes.size());
        sender.deactivate(ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED);
        running.remove(sender);

        assertEquals(List.of(transport.packets.get(0).ssrc()), transport.rtcp.byes.stream().map(Bye::ssrc).toList());
        assertFalse(Files.exists(dir.resolve(Broadcaster.SESSION_FILE)));
    }

    @Test
    void onlyARestartOfTheBundleOrOfAReferenceKeepsTheSessionAndThenNotWhileTheFrameworkStops() {
        assertTrue(Broadcaster.sessionOutlives(ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED, false));
        assertTrue(Broadcaster.sessionOutlives(ComponentConstants.DEACTIVATION_REASON_REFERENCE, false));
        assertTrue(Broadcaster.sessionOutlives(ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_MODIFIED, false));
        assertFalse(Broadcaster.sessionOutlives(ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED, true));
        assertFalse(Broadcaster.sessionOutlives(ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED, false));
        assertFalse(Broadcaster.sessionOutlives(ComponentConstants.DEACTIVATION_REASON_DISABLED, false));
        assertFalse(Broadcaster.sessionOutlives(ComponentConstants.DEACTIVATION_REASON_DISPOSED, false));
        assertFalse(Broadcaster.sessionOutlives(ComponentConstants.DEACTIVATION_REASON_UNSPECIFIED, false));
    }

    @Test
    void unknownKeysAreWarnedOfEachWithTheKnownKeyItMostLikelyMeant() {
        Map<String, String> properties = new HashMap<>(Map.of("Port", "5006", "bitrat", "128", "chanels", "1",
                "sampleRat", "44100", "tll", "2", "prot", "5006", "volume", "11", "x", "1", "grouping", "a"));
        properties.putAll(Map.of("bitrate", "64", "service.pid", Broadcaster.PID, "component.name", "sender",
                SettingsReader.FILE_PROPERTY, "file:" + CFG));

        start(properties, codecReading("bitrate"));

        assertEquals(List.of(
                "WARN " + CFG + ": unknown key Port (did you mean port?); it is ignored",
                "WARN " + CFG + ": unknown key bitrat (did you mean bitrate?); it is ignored",
                "WARN " + CFG + ": unknown key chanels (did you mean channels?); it is ignored",
                "WARN " + CFG + ": unknown key grouping; it is ignored",
                "WARN " + CFG + ": unknown key prot; it is ignored",
                "WARN " + CFG + ": unknown key sampleRat (did you mean sampleRate?); it is ignored",
                "WARN " + CFG + ": unknown key tll (did you mean ttl?); it is ignored",
                "WARN " + CFG + ": unknown key volume; it is ignored",
                "WARN " + CFG + ": unknown key x; it is ignored"), log.warnings(),
                "a key as many edits from a known one as a third of its length is no typo of it");
    }

    @Test
    void theSameUnknownKeysAreWarnedOfOnceAndAgainAfterAConfigurationWithout() {
        Broadcaster sender = start(Map.of("volume", "11"));
        sender.modified(config(Map.of("volume", "11")));
        assertEquals(1, log.warnings().size(), log.warnings().toString());

        sender.modified(config(Map.of()));
        sender.modified(config(Map.of("volume", "11")));

        assertEquals(List.of("WARN configuration: unknown key volume; it is ignored",
                "WARN configuration: unknown key volume; it is ignored"), log.warnings());
    }

    @Test
    void eachGoodConfigurationIsLoggedInOneLine() {
        start(Map.of(SettingsReader.FILE_PROPERTY, "file:" + CFG, "channels", "1"));

        assertEquals(List.of(CFG + ": sending melody as L16 48000 Hz mono 16-bit in 5 ms frames to "
                + "239.255.0.1:5004 on lo ttl 1"), log.at("info").stream()
                .filter(line -> line.startsWith(CFG)).toList());
    }

    @Test
    void aCodecThatComesAfterTheConfigurationHasItReadAgainWithTheCodecsOwnFrameLength() {
        Broadcaster sender = new Broadcaster();
        sender.log = log.logger();
        sender.bindSource(melody, Map.of());
        sender.bindTransport(transport);
        sender.activate(context(), config(Map.of()));
        running.add(sender);
        await(() -> sender.status().problem().contains("no AudioCodec L16"), "status naming the missing codec");

        sender.bindCodec(new ForwardingCodec(codec) {
            @Override
            public int defaultFrameMicros() {
                return 2_500;
            }
        }, Map.of());
        awaitPackets(1);

        assertEquals(2_500, sender.status().frameMicros());
        assertEquals(120 * 4, transport.packets.get(0).payload().length, "120 stereo samples a frame");
    }

    @Test
    void aCodecThatGoesLeavesTheStreamWaitingForOne() {
        Broadcaster sender = start(Map.of());
        awaitPackets(1);

        sender.unbindCodec(codec);

        StreamStatus status = sender.status();
        assertEquals("waiting", status.state(), "the codec is out of use when its unbind returns");
        await(() -> sender.status().problem().contains("no AudioCodec L16 (there are: none)"),
                "status naming the missing codec");
    }

    @Test
    void theTitleAndTheSdpAreTheStreams() throws Exception {
        Broadcaster sender = start(Map.of());
        awaitPackets(1);

        sender.title("Live from the studio");

        assertEquals("Live from the studio", sender.status().title());
        String sdp = sender.sdp();
        assertTrue(sdp.startsWith("v=0\r\n"), sdp);
        assertEquals(Files.readString(dir.resolve("liveaudio.sdp")), sdp);
    }

    @Test
    void deactivationStopsTheClockThread() {
        Broadcaster sender = start(Map.of());
        awaitPackets(1);

        sender.deactivate(ComponentConstants.DEACTIVATION_REASON_DISABLED);
        running.remove(sender);

        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(SenderClock.THREAD_NAME) && thread.isAlive()));
    }

    @Test
    void aBundleWhoseContextIsAlreadyGoneKeepsItsSessionForTheNextRun() {
        Broadcaster sender = start(Map.of());
        awaitPackets(5);
        frameworkGone = true;

        sender.deactivate(ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED);
        running.remove(sender);

        assertEquals(List.of(), transport.rtcp.byes);
        assertTrue(Files.exists(dir.resolve(Broadcaster.SESSION_FILE)));
    }

    private Broadcaster start(Map<String, String> properties) {
        return start(properties, codec);
    }

    private Broadcaster start(Map<String, String> properties, AudioCodec l16) {
        Broadcaster sender = new Broadcaster();
        sender.log = log.logger();
        sender.bindSource(melody, Map.of(AudioSource.TYPE, "melody"));
        sender.bindCodec(l16, Map.of(AudioCodec.NAME, "L16"));
        sender.bindTransport(transport);
        sender.activate(context(), config(properties));
        running.add(sender);
        return sender;
    }

    /** An L16 codec that reads {@code keys} from the sender's configuration. */
    private AudioCodec codecReading(String... keys) {
        return new ForwardingCodec(codec) {
            @Override
            public Set<String> settingKeys() {
                return Set.of(keys);
            }
        };
    }

    private Map<String, Object> config(Map<String, String> properties) {
        Map<String, Object> config = new HashMap<>(properties);
        config.put("sdpFile", dir.resolve("liveaudio.sdp").toString());
        return config;
    }

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getDataFile")) {
                        return dir.resolve((String) args[0]).toFile();
                    }
                    if (method.getName().equals("getBundle") && args != null && args[0].equals(0L)) {
                        if (frameworkGone) {
                            throw new IllegalStateException("BundleContext is no longer valid");
                        }
                        return framework();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private Bundle framework() {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getState")) {
                        return frameworkState;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private void awaitPackets(int count) {
        await(() -> transport.packets.size() >= count, count + " packets");
    }

    private void awaitPacketTo(int port) {
        await(() -> transport.packets.size() > 0 && transport.last().endpoint().port() == port,
                "a packet to port " + port);
    }

    /** Waits until no packet has come for two frame periods: a frame already read has gone out. */
    private void awaitQuiet() {
        long[] last = {transport.packets.size(), System.nanoTime()};
        await(() -> {
            long now = System.nanoTime();
            if (transport.packets.size() != last[0]) {
                last[0] = transport.packets.size();
                last[1] = now;
            }
            return now - last[1] >= 2 * FRAME_NANOS;
        }, "pause of two frame periods between packets");
    }

    /** The one fixed wait: a window in which no packet may come, which only time can show. */
    private void assertNoPacketsFor(long millis) throws InterruptedException {
        int before = transport.packets.size();
        Thread.sleep(millis);
        assertEquals(before, transport.packets.size(), "packets within " + millis + " ms");
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long giveUp = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                fail("no " + what + " within " + WAIT_MILLIS + " ms");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    private static void assertConsecutiveSequenceAndOneSsrc(List<Packet> packets) {
        for (int i = 1; i < packets.size(); i++) {
            assertEquals((packets.get(i - 1).sequence() + 1) & 0xFFFF, packets.get(i).sequence(), "packet " + i);
            assertEquals(packets.get(0).ssrc(), packets.get(i).ssrc());
        }
    }
}
