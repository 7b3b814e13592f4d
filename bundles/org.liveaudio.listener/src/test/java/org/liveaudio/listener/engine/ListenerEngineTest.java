package org.liveaudio.listener.engine;

import org.liveaudio.api.testing.FakeL16Codec;
import org.liveaudio.api.testing.RecordingLogger;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioSink;
import org.liveaudio.api.audio.SinkSettings;
import org.liveaudio.api.net.KeptSockets;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.RtpPacketHandler;
import org.liveaudio.api.net.RtpReceiver;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.api.net.StreamTransport;
import org.liveaudio.api.net.NtpTime;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.api.net.TimeResponse;
import org.liveaudio.api.stream.LatencyStats;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.api.stream.SyncStats;
import org.liveaudio.listener.rtcp.FakeRtcpChannel;
import org.osgi.framework.Constants;

class ListenerEngineTest {
    private static final String CONFIG_FILE = "/opt/liveaudio/config/org.liveaudio.listener-demo.cfg";
    private static final int FRAME_SAMPLES = 240;
    private static final int CHANNELS = 2;
    private static final long SSRC = 0x0BAD_CAFEL;

    private final RecordingLogger log = new RecordingLogger();
    private final ListenerEngine engine = new ListenerEngine();
    private final FakeTransport transport = new FakeTransport();
    private final FakeL16Codec codec = new FakeL16Codec();
    private long serviceIds = 100;

    @AfterEach
    void stop() {
        engine.stop();
    }

    private static Map<String, Object> config(String... keysAndValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(SettingsReader.FILE_PROPERTY, "file:" + CONFIG_FILE);
        properties.put("service.pid", "org.liveaudio.listener~demo");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    private Map<String, Object> serviceProperties(String key, String value) {
        return Map.of(key, value, Constants.SERVICE_ID, serviceIds++);
    }

    private void bindAll(AudioSink... sinks) {
        engine.bindTransport(transport, Map.of());
        engine.bindCodec(codec, serviceProperties(AudioCodec.NAME, "L16"));
        for (AudioSink sink : sinks) {
            engine.bindSink(sink, serviceProperties(AudioSink.TYPE, sink.type()));
        }
    }

    /** Frame {@code index} of a recognisable signal: every value differs from its neighbours. */
    private static short[] pcm(int index) {
        short[] values = new short[FRAME_SAMPLES * CHANNELS];
        for (int i = 0; i < values.length; i++) {
            values[i] = (short) (index * 7919 + i * 31 - 20_000);
        }
        return values;
    }

    /** Frames 0 to {@code frames - 1} of the signal, one after the other. */
    private static short[] pcmOfFrames(int frames) {
        short[] values = new short[frames * FRAME_SAMPLES * CHANNELS];
        for (int index = 0; index < frames; index++) {
            System.arraycopy(pcm(index), 0, values, index * FRAME_SAMPLES * CHANNELS, FRAME_SAMPLES * CHANNELS);
        }
        return values;
    }

    private static byte[] l16(short[] values) {
        byte[] payload = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            payload[2 * i] = (byte) (values[i] >> 8);
            payload[2 * i + 1] = (byte) values[i];
        }
        return payload;
    }

    private void send(int index) {
        transport.open().handler.onPacket(TestPacket.of(96, SSRC, 1000 + index, 50_000 + index * FRAME_SAMPLES,
                l16(pcm(index)), System.nanoTime()));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void theStreamItLocksOntoIsPlayedInStepOnceItsSenderAnswersTheTimeRequest() throws InterruptedException {
        bindAll(new FakeSink("wav"));
        engine.start(log.logger(), config("sink", "wav"));
        send(0);
        FakeRtcpChannel rtcp = transport.openRtcp();

        await("the listener asks the stream's sender for its clock", () -> !rtcp.timeRequests.isEmpty());
        TimeRequest request = rtcp.timeRequests.get(0);
        assertEquals(SSRC, request.senderSsrc());
        long asked = request.transmitNtp();
        rtcp.handler.onTimeResponse(new TimeResponse(SSRC, request.ssrc(), asked, asked, asked, asked, 50_000, 30_000),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000), System.nanoTime());

        SyncStats sync = engine.sync();
        assertTrue(sync.inStep(), sync.toString());
        assertEquals(30.0, sync.playoutDelayMillis(), sync.toString());
        // The answer came back as soon as the request left: a round trip and an offset of the test's own pace.
        assertTrue(sync.roundTripMillis() >= 0 && sync.roundTripMillis() < 1_000, sync.toString());
        assertTrue(Math.abs(sync.clockOffsetMillis()) < 1_000 && sync.clockOffsetMillis() != 0, sync.toString());
    }

    @Test
    void playoutWritesExactlyTheReceivedPcmInOrder() throws InterruptedException {
        FakeSink wav = new FakeSink("wav");
        bindAll(wav);
        // A deep buffer, so that a test thread paused by a busy machine still delivers every pair in time; the
        // first 200 ms fill it as playout starts by this machine's clock (which keeps no more), the rest come after.
        engine.start(log.logger(), config("sink", "wav", "bufferMillis", "200"));
        int frames = 60;
        int prebuffered = 40;
        for (int pair = 0; pair < prebuffered; pair += 2) {
            send(pair + 1);
            send(pair);
        }
        FakeSink.FakeOutput output = wav.outputs.get(0);
        await("playout starts", () -> output.samplesWritten() > 0);
        for (int pair = prebuffered; pair < frames; pair += 2) {
            send(pair + 1);
            send(pair);
        }

        await("every frame is played", () -> output.samplesWritten() >= (long) frames * FRAME_SAMPLES);
        engine.stop();

        short[] written = output.values();
        short[] expected = pcmOfFrames(frames);
        assertArrayEquals(expected, Arrays.copyOf(written, expected.length));
        for (int i = expected.length; i < written.length; i++) {
            assertEquals(0, written[i], "only silence may follow the stream");
        }
        ListenerStats stats = engine.stats();
        assertEquals(frames, stats.received());
        assertEquals(frames / 2, stats.reordered());
        assertEquals(0, stats.lost() + stats.late() + stats.duplicates() + stats.malformed());
        assertEquals(SSRC, stats.ssrc());
        assertTrue(output.closed, "stopping closes the sink");
    }

    @Test
    void playoutRunsOnANamedThreadThatStopEnds() throws InterruptedException {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));

        assertTrue(threadAlive("liveaudio-listener-playout-demo"));
        assertEquals("liveaudio-listener-receive-demo", transport.open().threadName);

        engine.stop();

        assertFalse(threadAlive("liveaudio-listener-playout-demo"));
        assertTrue(transport.receivers.get(0).closed);
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals(name));
    }

    @Test
    void aSinkUnboundPlaysOnIntoItsOutputUntilAnotherComesWhichAppendsToTheRecording() {
        FakeSink wav = new FakeSink("wav");
        bindAll(wav);
        engine.start(log.logger(), config("sink", "wav", "file", "/tmp/demo.wav"));
        assertEquals(List.of(new SinkSettings(Path.of("/tmp/demo.wav"), false)), wav.opened);

        engine.unbindSink(wav);
        assertFalse(wav.outputs.get(0).closed, "the sink's bundle is being replaced: its output still plays");
        assertEquals("wav /tmp/demo.wav", engine.stats().sink());

        FakeSink replacement = new FakeSink("wav");
        engine.bindSink(replacement, serviceProperties(AudioSink.TYPE, "wav"));

        assertTrue(wav.outputs.get(0).closed, "the next sink of the type takes over");
        assertEquals(List.of(new SinkSettings(Path.of("/tmp/demo.wav"), true)), replacement.opened);
        assertEquals("wav /tmp/demo.wav", engine.stats().sink());
        assertTrue(log.at("info").contains("listener demo: wav sink reopened, appending to /tmp/demo.wav"));
    }

    @Test
    void anOutputWhoseSinkDoesNotComeBackIsClosedAfterASecondAndTheMissingSinkSaidOnce()
            throws InterruptedException {
        FakeSink wav = new FakeSink("wav");
        bindAll(wav);
        engine.start(log.logger(), config("sink", "wav"));

        long unbound = System.nanoTime();
        engine.unbindSink(wav);

        await("the output is closed", () -> wav.outputs.get(0).closed);
        assertTrue(System.nanoTime() - unbound >= Departed.NANOS, "not before it had a second to come back");
        assertEquals("waiting for a wav sink", engine.stats().sink());
        engine.bindCodec(new FakeL16Codec(), serviceProperties(AudioCodec.NAME, "L16"));
        assertEquals(1, log.at("info").stream().filter(line -> line.equals(
                "listener demo: no wav sink registered; playing once one is")).count());
    }

    @Test
    void aTimingLogReopenedAfterItsSinkWasSwappedIsAppendedTo() {
        FakeSink timing = new FakeSink("timing");
        bindAll(timing);
        engine.start(log.logger(), config("sink", "timing", "file", "/tmp/demo.timing"));

        engine.unbindSink(timing);
        FakeSink replacement = new FakeSink("timing");
        engine.bindSink(replacement, serviceProperties(AudioSink.TYPE, "timing"));

        assertEquals(List.of(new SinkSettings(Path.of("/tmp/demo.timing"), true)), replacement.opened);
        assertTrue(log.at("info").contains("listener demo: timing sink reopened, appending to /tmp/demo.timing"));
    }

    @Test
    void speakerThatCannotOpenFallsBackToWavWithOneLine() {
        FakeSink speaker = FakeSink.failing("speaker", "no mixer");
        FakeSink wav = new FakeSink("wav");
        bindAll(speaker, wav);

        engine.start(log.logger(), config());

        Path recording = Path.of("recordings/demo.wav").toAbsolutePath();
        assertEquals(List.of(new SinkSettings(recording, false)), wav.opened);
        List<String> soundCardLines = log.lines().stream().filter(line -> line.contains("speaker unavailable")).toList();
        assertEquals(List.of(
                "WARN listener demo: speaker unavailable (no mixer); recording to " + recording + " instead"),
                soundCardLines);
        assertFalse(log.lines().stream().anyMatch(line -> line.contains("recording to " + recording)
                && !line.contains("speaker unavailable")), "the fallback line is the sink line");

        engine.bindSink(new FakeSink("speaker"), serviceProperties(AudioSink.TYPE, "speaker"));
        FakeSink replacement = new FakeSink("wav");
        engine.unbindSink(wav);
        engine.bindSink(replacement, serviceProperties(AudioSink.TYPE, "wav"));

        assertEquals(1, log.lines().stream().filter(line -> line.contains("speaker unavailable")).count());
        assertEquals(List.of(new SinkSettings(recording, true)), replacement.opened);
    }

    @Test
    void sinkInUseIsLoggedOnceWithTheAbsolutePath() {
        bindAll(new FakeSink("wav"));

        engine.start(log.logger(), config("sink", "wav", "file", "out/../rec/demo.wav"));

        Path recording = Path.of("rec/demo.wav").toAbsolutePath();
        assertEquals(List.of("listener demo: listening on 239.255.0.1:5004 on lo for L16/48000/2 PT 96, buffer 20 ms",
                "listener demo: recording to " + recording), log.at("info"));
    }

    @Test
    void transportSwapKeepsTheStreamState() {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        send(0);
        send(1);
        FakeTransport.FakeReceiver first = transport.open();
        first.malformed = 3;

        FakeTransport replacement = new FakeTransport();
        engine.bindTransport(replacement, Map.of());
        engine.unbindTransport(transport, false);

        assertTrue(first.closed);
        replacement.open().malformed = 2;
        replacement.open().handler.onPacket(TestPacket.of(96, SSRC, 1002, 50_000 + 2 * FRAME_SAMPLES,
                l16(pcm(2)), System.nanoTime()));
        ListenerStats stats = engine.stats();
        assertEquals(SSRC, stats.ssrc());
        assertEquals(3, stats.received());
        assertEquals(0, stats.lost() + stats.late());
        assertEquals(5, stats.malformed(), "the closed receiver's count is kept beside the open one's");
    }

    @Test
    void badValueAfterAGoodConfigurationKeepsTheGoodOne() {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        FakeTransport.FakeReceiver receiver = transport.open();

        assertFalse(engine.update(config("sink", "null", "port", "70000")));

        assertEquals(List.of(CONFIG_FILE + ": port=70000 refused; allowed: 1..65534; keeping the last good "
                + "configuration"), log.at("warn"));
        assertFalse(receiver.closed);
        assertEquals("239.255.0.1:5004 on lo", engine.stats().endpoint());
    }

    @Test
    void goodConfigurationAfterABadOneStartsTheListener() {
        bindAll(new FakeSink("null"));

        assertFalse(engine.start(log.logger(), config("bufferMillis", "lots")));
        assertEquals(List.of(CONFIG_FILE + ": bufferMillis=lots refused; allowed: a whole number in 0..2000; "
                + "the listener starts once the configuration is fixed"), log.at("warn"));
        assertTrue(transport.receivers.isEmpty());
        assertTrue(engine.stats().sink().startsWith("not started: bufferMillis=lots refused"));
        assertEquals("demo", engine.name());

        assertTrue(engine.update(config("sink", "null", "bufferMillis", "40")));

        assertEquals("239.255.0.1:5004 on lo", transport.open().endpoint.toString());
    }

    @Test
    void changedEndpointReopensTheReceiverAndChangedSinkSwapsTheOutput() {
        FakeSink nullSink = new FakeSink("null");
        FakeSink wav = new FakeSink("wav");
        bindAll(nullSink, wav);
        engine.start(log.logger(), config("sink", "null"));
        FakeTransport.FakeReceiver first = transport.open();

        engine.update(config("sink", "wav", "port", "5010"));

        assertTrue(first.closed);
        assertEquals(5010, transport.open().endpoint.port());
        assertTrue(nullSink.outputs.get(0).closed);
        assertEquals(1, wav.opened.size());
        assertFalse(wav.opened.get(0).append(), "a new recording, not a continued one");
        assertTrue(log.at("info").contains("listener demo: configuration changed: endpoint 239.255.0.1:5004 on lo "
                + "-> 239.255.0.1:5010 on lo, sink null -> wav"));
    }

    @Test
    void missingServicesAreWaitedForAndUsedWhenTheyArrive() {
        engine.start(log.logger(), config("sink", "wav"));
        assertEquals("waiting for a wav sink", engine.stats().sink());

        FakeSink wav = new FakeSink("wav");
        bindAll(wav);

        assertEquals(1, transport.receivers.size());
        assertEquals(1, wav.opened.size());
        assertTrue(log.at("info").contains("listener demo: no transport registered; listening once one is"));
    }

    @Test
    void renamedListenerReopensItsReceiverUnderTheNewName() {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));

        engine.update(config("sink", "null", "name", "kitchen"));

        assertEquals("kitchen", engine.name());
        assertEquals("liveaudio-listener-receive-kitchen", transport.open().threadName);
    }

    @Test
    void rtcpOpensBesideTheReceiverAndSaysByeOnStop() throws Exception {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        FakeRtcpChannel channel = transport.openRtcp();

        assertEquals(transport.open().endpoint, channel.endpoint);
        assertEquals("liveaudio-listener-rtcp-demo", channel.threadName);
        assertTrue(threadAlive("liveaudio-listener-report-demo"));

        engine.stop();

        String cname = "listener-demo@" + InetAddress.getLocalHost().getHostName();
        assertEquals(1, channel.byes.size());
        assertEquals(cname, channel.byes.get(0).cname());
        assertTrue(channel.closed);
        assertFalse(threadAlive("liveaudio-listener-report-demo"));
    }

    @Test
    void receiverReportsDescribeTheLockedStreamAsOurOwnSsrc() throws InterruptedException {
        transport.reportDelayNanos = 10_000_000L;
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        send(0);
        send(1);
        send(3);
        FakeRtcpChannel channel = transport.openRtcp();

        await("a report on all three packets", () -> reportUpTo(channel, 1003) != null);
        engine.stop();

        ReceiverReport report = reportUpTo(channel, 1003);
        ReportBlock block = report.blocks().get(0);
        assertEquals(SSRC, block.ssrc());
        assertEquals(1, block.cumulativeLost(), "1002 never came");
        assertEquals(report.ssrc(), channel.byes.get(0).ssrc(), "the BYE is for the SSRC the reports came from");
    }

    @Test
    void transportSwapReopensRtcpInTheSameSessionAndANewEndpointLeavesTheOld() {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        FakeRtcpChannel first = transport.openRtcp();

        FakeTransport replacement = new FakeTransport();
        engine.bindTransport(replacement, Map.of());
        engine.unbindTransport(transport, false);
        FakeRtcpChannel second = replacement.openRtcp();

        assertTrue(first.closed);
        assertTrue(first.byes.isEmpty(), "a swapped transport is no reason to leave the session");

        engine.update(config("sink", "null", "port", "5010"));

        assertTrue(second.closed);
        assertEquals(1, second.byes.size(), "leaving the old endpoint's session");
        assertEquals(5010, replacement.openRtcp().endpoint.port());
    }

    @Test
    void aTransportSwapGivesTheNextReceiverTheSocketsKeptAndAMoveOrAStopClosesThem() throws Exception {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        KeptSockets kept = transport.open().kept;
        DatagramChannel socket = DatagramChannel.open();
        kept.keep(transport.open().endpoint, socket);

        FakeTransport replacement = new FakeTransport();
        engine.bindTransport(replacement, Map.of());
        engine.unbindTransport(transport, false);

        assertSame(kept, replacement.open().kept, "the next transport's receiver reads the kept sockets");
        assertTrue(socket.isOpen(), "a swap leaves them open");

        engine.update(config("sink", "null", "port", "5010"));

        assertFalse(socket.isOpen(), "moving to another endpoint closes them");
        DatagramChannel moved = DatagramChannel.open();
        replacement.open().kept.keep(replacement.open().endpoint, moved);
        engine.stop();
        assertFalse(moved.isOpen(), "the listener's stop closes them");
    }

    @Test
    void aDepartingListenerPlaysOnUntilItsSuccessorTakesOverThenHandsItItsSocketsAndItsOutput()
            throws Exception {
        FakeSink wav = new FakeSink("wav");
        bindAll(wav);
        engine.start(log.logger(), config("sink", "wav", "bufferMillis", "150"));
        int frames = 30;
        for (int index = 0; index < frames; index++) {
            send(index);
        }
        FakeSink.FakeOutput output = wav.outputs.get(0);
        await("playout starts", () -> output.samplesWritten() > 0);
        KeptSockets kept = transport.open().kept;

        engine.depart();
        long playedAtDeparture = output.samplesWritten();
        int sentAfterDeparting = 6;
        for (int index = frames; index < frames + sentAfterDeparting; index++) {
            send(index);
        }
        assertFalse(transport.open().closed, "it goes on receiving until a successor takes over");
        ListenerEngine successor = new ListenerEngine();
        try {
            successor.bindTransport(transport, Map.of());
            successor.bindCodec(codec, serviceProperties(AudioCodec.NAME, "L16"));
            successor.bindSink(wav, serviceProperties(AudioSink.TYPE, "wav"));
            successor.start(log.logger(), config("sink", "wav", "bufferMillis", "150"));

            assertTrue(playedAtDeparture < (long) frames * FRAME_SAMPLES, "departing returns before it played out");
            assertEquals("waiting for the listener it replaces to play out", successor.stats().sink(),
                    "the successor starts without waiting, and opens no sink while its predecessor plays into it");
            int played = frames + sentAfterDeparting;
            await("the predecessor plays out and the successor plays on", () -> output.samplesWritten()
                    >= (long) played * FRAME_SAMPLES && successor.stats().sink().equals(output.description()));
            assertArrayEquals(pcmOfFrames(played), Arrays.copyOf(output.values(), played * FRAME_SAMPLES * CHANNELS),
                    "the predecessor played every frame it received before the successor took over");
            assertEquals(1, wav.outputs.size(), "the successor plays on into the same output, not reopening it");
            assertFalse(output.closed);
            assertSame(kept, transport.open().kept, "the successor's receiver reads the sockets its predecessor left");
        } finally {
            successor.stop();
        }
        assertTrue(output.closed, "the successor closes it when it stops");
    }

    @Test
    void aSuccessorOnAnotherEndpointClosesTheSocketsItWasLeftAndOpensItsOwn() throws Exception {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        DatagramChannel socket = DatagramChannel.open();
        KeptSockets left = transport.open().kept;
        left.keep(transport.open().endpoint, socket);

        engine.depart();
        ListenerEngine successor = new ListenerEngine();
        try {
            successor.bindTransport(transport, Map.of());
            successor.bindCodec(codec, serviceProperties(AudioCodec.NAME, "L16"));
            successor.bindSink(new FakeSink("null"), serviceProperties(AudioSink.TYPE, "null"));
            successor.start(log.logger(), config("sink", "null", "port", "5010"));

            assertFalse(socket.isOpen(), "sockets on the old endpoint serve nobody");
            assertEquals(5010, transport.open().endpoint.port());
            assertNotSame(left, transport.open().kept, "the successor keeps sockets of its own");
        } finally {
            successor.stop();
        }
    }

    @Test
    void aSuccessorThatWantsAnotherSinkClosesTheOutputItWasLeftAndOpensItsOwn() throws InterruptedException {
        FakeSink wav = new FakeSink("wav");
        FakeSink nothing = new FakeSink("null");
        bindAll(wav, nothing);
        engine.start(log.logger(), config("sink", "wav"));
        FakeSink.FakeOutput left = wav.outputs.get(0);

        engine.depart();
        ListenerEngine successor = new ListenerEngine();
        try {
            successor.bindTransport(transport, Map.of());
            successor.bindCodec(codec, serviceProperties(AudioCodec.NAME, "L16"));
            successor.bindSink(wav, serviceProperties(AudioSink.TYPE, "wav"));
            successor.bindSink(nothing, serviceProperties(AudioSink.TYPE, "null"));
            successor.start(log.logger(), config("sink", "null"));

            await("the successor opens a sink of its own", () -> !nothing.outputs.isEmpty());
            assertTrue(left.closed);
            assertEquals(1, nothing.outputs.size());
            assertFalse(nothing.outputs.get(0).closed);
        } finally {
            successor.stop();
        }
    }

    @Test
    void whatNoSuccessorTakesIsClosedOnceTooOldToServeAndAStopAfterDepartingClosesNothingTwice() throws Exception {
        FakeSink nothing = new FakeSink("null");
        bindAll(nothing);
        engine.start(log.logger(), config("sink", "null"));
        DatagramChannel socket = DatagramChannel.open();
        transport.open().kept.keep(transport.open().endpoint, socket);

        engine.depart();
        engine.stop();
        assertTrue(socket.isOpen(), "left for a successor");
        assertFalse(nothing.outputs.get(0).closed, "left for a successor");

        await("the sockets nobody took are closed", () -> !socket.isOpen());
        await("the output nobody took is closed", () -> nothing.outputs.get(0).closed);
        assertTrue(transport.receivers.get(0).closed);
    }

    @Test
    void packetsWaitingInTheSocketsAsTheReceiverOpensAreMeasuredByTheCodecAndPlay() {
        bindAll(new FakeSink("null"));
        int waiting = 5;
        transport.waitingInTheSockets = handler -> {
            for (int index = 0; index < waiting; index++) {
                handler.onPacket(TestPacket.of(96, SSRC, 1000 + index, 50_000 + index * FRAME_SAMPLES,
                        l16(pcm(index)), System.nanoTime()));
            }
        };

        engine.start(log.logger(), config("sink", "null"));

        ListenerStats stats = engine.stats();
        assertEquals(waiting, stats.received(), stats.toString());
        assertEquals(0, stats.undecodable(), stats.toString());
    }

    @Test
    void aTransportThatGoesLeavesItsReceiverReadingUntilTheNextComesAndForASecondAtMost() throws Exception {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        FakeTransport.FakeReceiver reading = transport.open();
        FakeRtcpChannel channel = transport.openRtcp();

        engine.unbindTransport(transport, false);
        assertFalse(reading.closed, "the departed transport's receiver reads on");
        assertTrue(channel.closed, "its RTCP channel has no kept socket and goes");

        FakeTransport next = new FakeTransport();
        engine.bindTransport(next, Map.of());
        assertTrue(reading.closed, "the next transport's receiver takes over");
        assertSame(reading.kept, next.open().kept);

        engine.unbindTransport(next, false);
        FakeTransport.FakeReceiver departed = next.open();
        await("a receiver no next transport comes for is closed", () -> departed.closed);
    }

    @Test
    void frameworkStoppingTheTransportFirstStillHearsOurBye() {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        FakeRtcpChannel channel = transport.openRtcp();

        engine.unbindTransport(transport, true);
        engine.stop();

        assertEquals(List.of("listener stopped"), channel.byes.stream().map(FakeRtcpChannel.Bye::reason).toList());
        assertTrue(channel.closed);
    }

    @Test
    void byeOfTheLockedSenderLetsTheNextSenderInAtOnce() {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        send(0);
        send(1);

        transport.openRtcp().handler.onBye(SSRC, new InetSocketAddress("127.0.0.1", 5005));
        long next = 0x0000_5EC0L;
        transport.open().handler.onPacket(TestPacket.of(96, next, 7, 0, l16(pcm(0)), System.nanoTime()));

        assertEquals(next, engine.stats().ssrc());
        assertTrue(log.at("info").contains("listener demo: sender ssrc 0x0badcafe said BYE"));
    }

    @Test
    void latencyIsMeasuredOnceTheSenderReportsItsClock() throws InterruptedException {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        send(0);
        assertEquals(LatencyStats.NONE, engine.latency());

        Instant now = Instant.now();
        long epochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        transport.openRtcp().handler.onSenderReport(new SenderReport(SSRC, NtpTime.fromEpochNanos(epochNanos),
                50_000 + 1 * FRAME_SAMPLES, 1, 960, List.of()), "sender@host",
                new InetSocketAddress("127.0.0.1", 5005), System.nanoTime());
        for (int index = 1; index < 20; index++) {
            send(index);
        }

        assertEquals(19, engine.latency().samples());
        await("frames play and are measured", () -> engine.latency().playoutMaxMillis() > 0);
    }

    private static ReceiverReport reportUpTo(FakeRtcpChannel channel, long extendedHighest) {
        return channel.receiverReports.stream().map(FakeRtcpChannel.Sent::report)
                .filter(report -> report.blocks().stream()
                        .anyMatch(block -> block.extendedHighestSequence() == extendedHighest))
                .findFirst().orElse(null);
    }

    /** A time request answered as at once, by a sender whose clock is this one's, with a 30 ms delay. */
    private void answer(FakeRtcpChannel rtcp, TimeRequest request) {
        long asked = request.transmitNtp();
        rtcp.handler.onTimeResponse(new TimeResponse(SSRC, request.ssrc(), asked, asked, asked, asked, 50_000, 30_000),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000), System.nanoTime());
    }

    @Test
    void beforeItStartsAListenerHasNothingToTell() {
        assertEquals(SyncStats.NONE, engine.sync());
        assertEquals(LatencyStats.NONE, engine.latency());
        assertEquals("", engine.nowPlaying());
        assertEquals("not started: not configured", engine.stats().sink());
        assertEquals(java.util.Optional.empty(), engine.recording());
        bindAll(new FakeSink("null"));

        assertTrue(engine.start(log.logger(), config("sink", "null")));
    }

    @Test
    void whatTheLockedSenderSaysIsPlayingIsTold() {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        send(0);
        InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 5005);
        // Heard from, so that the session counts it a member and keeps its note.
        transport.openRtcp().handler.onSenderReport(new SenderReport(SSRC, NtpTime.fromEpochNanos(0), 50_000, 1, 960,
                List.of()), "sender@host", sender, System.nanoTime());

        transport.openRtcp().handler.onSdesNote(SSRC, "Bach - Air", sender);

        assertEquals("Bach - Air", engine.nowPlaying());
    }

    @Test
    void aRecordingToContinueIsAppendedToAndIsTheListenersRecording() {
        Path file = Path.of("/tmp/demo.wav");
        RecordingMarkers.Recording continued = new RecordingMarkers.Recording(file,
                new org.liveaudio.api.audio.AudioFormat(48_000, 2));
        engine.continueRecording(continued);
        assertEquals(java.util.Optional.of(continued), engine.recording(), "before it starts, the one to continue");
        FakeSink wav = new FakeSink("wav");
        bindAll(wav);

        engine.start(log.logger(), config("sink", "wav", "file", "/tmp/demo.wav"));

        assertEquals(List.of(new SinkSettings(file, true)), wav.opened);
        assertEquals(java.util.Optional.of(continued), engine.recording());
    }

    @Test
    void aRenamedListenerRenamesItsThreadsAndLogLines() throws InterruptedException {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        send(0);

        engine.update(config("sink", "null", "name", "kitchen"));

        for (String job : List.of("playout", "report", "clock")) {
            assertTrue(threadAlive("liveaudio-listener-" + job + "-kitchen"), job);
        }
        transport.openRtcp().handler.onBye(SSRC, new InetSocketAddress("127.0.0.1", 5005));
        assertTrue(log.at("info").contains("listener kitchen: sender ssrc 0x0badcafe said BYE"), log.lines().toString());
    }

    @Test
    void aRenamedListenersOutputNamesItInItsWarnings() throws InterruptedException {
        bindAll(new FakeSink("wav"));
        engine.start(log.logger(), config("sink", "wav", "name", "demo"));
        engine.update(config("sink", "wav", "name", "kitchen"));
        engine.unbindCodec(codec);
        engine.bindCodec(new FakeL16Codec() {
            @Override
            public boolean supports(org.liveaudio.api.audio.AudioFormat format, int samplesPerFrame) {
                return false;
            }
        }, serviceProperties(AudioCodec.NAME, "L16"));
        for (int index = 0; index < 4; index++) {
            send(index);
        }

        await("the codec's refusal is told", () -> !log.warnings().isEmpty());
        assertTrue(log.warnings().get(0).startsWith("WARN listener kitchen: codec L16 cannot decode"),
                log.warnings().toString());
    }

    @Test
    void theClockTestAidsSetThisMachinesClockAndAChangeVoidsTheMeasuredOffset() throws InterruptedException {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null", "clockOffsetMillis", "5000"));
        send(0);
        FakeRtcpChannel rtcp = transport.openRtcp();
        await("the listener asks for the sender's clock", () -> !rtcp.timeRequests.isEmpty());
        TimeRequest request = rtcp.timeRequests.get(0);
        Instant now = Instant.now();
        long epochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long ahead = NtpTime.toEpochNanos(request.transmitNtp()) - epochNanos;
        assertTrue(ahead > 4_000_000_000L && ahead < 6_000_000_000L, "this clock is " + ahead + " ns ahead");

        answer(rtcp, request);
        assertTrue(engine.sync().inStep());
        engine.update(config("sink", "null", "clockOffsetMillis", "5000", "bufferMillis", "40"));
        assertTrue(engine.sync().inStep(), "another change keeps the offset");

        engine.update(config("sink", "null", "clockOffsetMillis", "5000", "bufferMillis", "40", "clockDriftPpm", "100"));
        assertFalse(engine.sync().inStep(), "a clock running fast has another offset");
        answer(rtcp, request);
        assertTrue(engine.sync().inStep());

        engine.update(config("sink", "null", "clockOffsetMillis", "-5000", "bufferMillis", "40", "clockDriftPpm", "100"));
        assertFalse(engine.sync().inStep(), "a clock set otherwise has another offset");
    }

    @Test
    void aPayloadTheTimestampsBelieIsWarnedOfOnce() {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));

        for (int index = 0; index < 3; index++) {
            transport.open().handler.onPacket(TestPacket.of(96, SSRC, 1000 + index, 50_000 + index * 480,
                    l16(pcm(index)), System.nanoTime()));
        }

        assertEquals(List.of("WARN listener demo: the payloads of stream 0x0badcafe do not decode as L16/48000/2 PT 96, "
                + "which this listener expects; they read as L16 with 1 channel (the RTP timestamps step by 480 a "
                + "packet): the sender's format differs from sampleRate/channels here; its SDP says which, and "
                + "stream=NAME takes it from SAP. They are counted as undecodable and concealed."), log.warnings());
    }

    @Test
    void aSenderReportBeforeTheFirstPacketIsEchoedOnceTheStreamIsLocked() throws InterruptedException {
        transport.reportDelayNanos = 10_000_000L;
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        FakeRtcpChannel channel = transport.openRtcp();
        long ntp = NtpTime.fromEpochNanos(1_795_536_000_000_000_000L);
        channel.handler.onSenderReport(new SenderReport(SSRC, ntp, 50_000, 1, 960, List.of()), "sender@host",
                new InetSocketAddress("127.0.0.1", 5005), System.nanoTime());

        send(0);

        await("a report on the stream", () -> reportUpTo(channel, 1000) != null);
        assertEquals(NtpTime.middle32(ntp), reportUpTo(channel, 1000).blocks().get(0).lastSenderReport());
    }

    @Test
    void framesWhileTheCodecIsGoneAreDecodedByItUntilAnotherComesAndPlayAsThemselves() throws InterruptedException {
        FakeSink wav = new FakeSink("wav");
        bindAll(wav);
        engine.start(log.logger(), config("sink", "wav", "bufferMillis", "200"));
        int frames = 40;
        for (int index = 0; index < frames / 2; index++) {
            send(index);
        }

        engine.unbindCodec(codec);
        for (int index = frames / 2; index < frames; index++) {
            send(index);
        }
        FakeSink.FakeOutput output = wav.outputs.get(0);
        await("every frame is played", () -> output.samplesWritten() >= (long) frames * FRAME_SAMPLES);
        engine.stop();

        short[] expected = pcmOfFrames(frames);
        assertArrayEquals(expected, Arrays.copyOf(output.values(), expected.length), "the frames held when the "
                + "codec went, and those that came after, play as they were sent, not as silence");
    }

    @Test
    void aCodecThatGoesAwayAndDoesNotComeBackIsSaidToBeMissingAfterASecond() throws InterruptedException {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        String missing = "listener demo: no L16 codec registered (there are: none); frames play as silence until one is";

        long unbound = System.nanoTime();
        engine.unbindCodec(codec);
        assertFalse(log.at("info").contains(missing), "it decodes on while its bundle comes back");

        await("the codec is said to be missing", () -> log.at("info").contains(missing));
        assertTrue(System.nanoTime() - unbound >= Departed.NANOS);
    }

    @Test
    void servicesWithoutTheirNamingPropertyGoByWhatTheySay() {
        FakeSink wav = new FakeSink("wav");
        engine.bindTransport(transport, Map.of());
        engine.bindCodec(codec, Map.of(Constants.SERVICE_ID, 1L));
        engine.bindSink(wav, Map.of(Constants.SERVICE_ID, 2L));

        engine.start(log.logger(), config("sink", "wav"));

        assertEquals(1, wav.opened.size());
        assertFalse(log.lines().stream().anyMatch(line -> line.contains("no L16 codec")), log.lines().toString());
    }

    @Test
    void anotherServiceComingLeavesTheSinkOpen() {
        FakeSink wav = new FakeSink("wav");
        bindAll(wav);
        engine.start(log.logger(), config("sink", "wav"));

        engine.bindCodec(new FakeL16Codec(), serviceProperties(AudioCodec.NAME, "L16"));
        engine.bindTransport(new FakeTransport(), Map.of());

        assertEquals(1, wav.opened.size());
        assertFalse(wav.outputs.get(0).closed);
    }

    @Test
    void aSinkThatCannotOpenIsTriedAgainOnlyWhenTheSinkOrTheConfigurationChanges() {
        FakeSink broken = FakeSink.failing("wav", "disk full");
        bindAll(broken);
        engine.start(log.logger(), config("sink", "wav"));

        assertEquals(List.of("WARN listener demo: cannot open the wav sink (disk full); trying again when the sink or "
                + "the configuration changes"), log.warnings());
        assertEquals("wav sink failed: disk full", engine.stats().sink());
        engine.bindCodec(new FakeL16Codec(), serviceProperties(AudioCodec.NAME, "L16"));
        assertEquals(1, broken.opened.size());

        engine.update(config("sink", "wav", "file", "/tmp/other.wav"));
        assertEquals(2, broken.opened.size());
    }

    @Test
    void aSpeakerThatCouldNotOpenIsTriedAgainWhenTheFileChangesButNotForOtherChanges() {
        FakeSink speaker = FakeSink.failing("speaker", "no mixer");
        bindAll(speaker, new FakeSink("wav"));
        engine.start(log.logger(), config());

        engine.update(config("bufferMillis", "40"));
        assertEquals(1, speaker.opened.size());

        engine.update(config("bufferMillis", "40", "file", "/tmp/other.wav"));
        assertEquals(2, speaker.opened.size());
    }

    @Test
    void aSinkThatFailsToCloseIsWarnedOf() {
        AudioSink sticky = new AudioSink() {
            @Override
            public String type() {
                return "wav";
            }

            @Override
            public org.liveaudio.api.audio.AudioOutput open(SinkSettings settings,
                    org.liveaudio.api.audio.AudioFormat format) {
                return new FakeSink.FakeOutput("sticky", format) {
                    @Override
                    public void close() {
                        throw new IllegalStateException("still busy");
                    }
                };
            }
        };
        bindAll(sticky);
        engine.start(log.logger(), config("sink", "wav"));

        engine.update(config("sink", "wav", "file", "/tmp/other.wav"));

        assertEquals(List.of("WARN closing sticky failed: still busy"), log.warnings());
    }

    @Test
    void aChannelClosedWithItsTransportHearsNothingMoreNotEvenTheBye() {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        FakeRtcpChannel channel = transport.openRtcp();

        engine.unbindTransport(transport, false);
        engine.stop();

        assertTrue(channel.closed);
        assertEquals(List.of(), channel.byes);
    }

    @Test
    void anotherTransportGoingAwayWhileTheFrameworkStopsLeavesTheSessionAlone() {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));
        FakeTransport other = new FakeTransport();
        engine.bindTransport(other, Map.of());

        engine.unbindTransport(other, true);

        assertEquals(List.of(), transport.openRtcp().byes);
    }

    /**
     * A transport that refuses to open a receiver (unless {@code receiverRefusal} is null: then it opens the test's)
     * and an RTCP channel, with those messages, and never opens a sender.
     */
    private StreamTransport refusing(String receiverRefusal, String rtcpRefusal) {
        return new StreamTransport() {
            @Override
            public RtpSender openSender(MulticastEndpoint endpoint) {
                throw new UnsupportedOperationException();
            }

            @Override
            public RtpReceiver openReceiver(MulticastEndpoint endpoint, RtpPacketHandler handler, String threadName)
                    throws IOException {
                if (receiverRefusal != null) {
                    throw new IOException(receiverRefusal);
                }
                return transport.openReceiver(endpoint, handler, threadName);
            }

            @Override
            public RtcpChannel openRtcp(MulticastEndpoint endpoint, RtcpHandler handler, String threadName)
                    throws IOException {
                throw new IOException(rtcpRefusal);
            }
        };
    }

    @Test
    void aReceiverOrChannelThatCannotOpenIsWarnedOfAndTriedAgainWithAnotherTransport() {
        StreamTransport refusing = refusing("address in use", "no RTCP here");
        engine.bindTransport(refusing, Map.of());
        engine.bindCodec(codec, serviceProperties(AudioCodec.NAME, "L16"));
        engine.start(log.logger(), config("sink", "null"));
        engine.bindSink(new FakeSink("null"), serviceProperties(AudioSink.TYPE, "null"));

        assertEquals(List.of("WARN listener demo: cannot listen on 239.255.0.1:5004 on lo (address in use); trying "
                + "again when the transport or the configuration changes"), log.warnings());
        engine.bindTransport(transport, Map.of(Constants.SERVICE_RANKING, 1));
        assertEquals(5004, transport.open().endpoint.port());
    }

    @Test
    void anRtcpChannelThatCannotOpenLeavesTheReceiverListening() {
        StreamTransport rtpOnly = refusing(null, "no RTCP here");
        engine.bindTransport(rtpOnly, Map.of());
        engine.start(log.logger(), config("sink", "null"));

        assertEquals(List.of("WARN listener demo: cannot open RTCP for 239.255.0.1:5004 on lo (no RTCP here); no "
                + "receiver reports or latency until the transport or the configuration changes"), log.warnings());
        assertFalse(transport.open().closed);
    }

    @Test
    void aNewPayloadTypeIsTheOneReceived() {
        bindAll(new FakeSink("null"));
        engine.start(log.logger(), config("sink", "null"));

        engine.update(config("sink", "null", "payloadType", "97"));
        transport.open().handler.onPacket(TestPacket.of(97, SSRC, 1000, 50_000, l16(pcm(0)), System.nanoTime()));

        assertEquals(1, engine.stats().received());
    }

    @Test
    void ofTwoSinksOfATypeTheHigherRankedIsUsedElseTheOlder() {
        FakeSink newer = new FakeSink("wav");
        FakeSink older = new FakeSink("wav");
        FakeSink ranked = new FakeSink("wav");
        FakeSink outranked = new FakeSink("wav");
        engine.bindTransport(transport, Map.of());
        engine.bindCodec(codec, serviceProperties(AudioCodec.NAME, "L16"));
        engine.bindSink(newer, Map.of(AudioSink.TYPE, "wav", Constants.SERVICE_ID, 201L));
        engine.bindSink(older, Map.of(AudioSink.TYPE, "wav", Constants.SERVICE_ID, 200L));

        engine.start(log.logger(), config("sink", "wav"));
        assertEquals(List.of(0, 1), List.of(newer.opened.size(), older.opened.size()));

        engine.bindSink(ranked, Map.of(AudioSink.TYPE, "wav", Constants.SERVICE_ID, 202L,
                Constants.SERVICE_RANKING, 5));
        engine.bindSink(outranked, Map.of(AudioSink.TYPE, "wav", Constants.SERVICE_ID, 199L,
                Constants.SERVICE_RANKING, -5));
        assertEquals(List.of(0, 1, 1, 0),
                List.of(newer.opened.size(), older.opened.size(), ranked.opened.size(), outranked.opened.size()));
    }

    @Test
    void aReceiverAndChannelThatFailToCloseAreOnlyNoted() {
        StreamTransport sticky = new StreamTransport() {
            @Override
            public RtpSender openSender(MulticastEndpoint endpoint) {
                throw new UnsupportedOperationException();
            }

            @Override
            public RtpReceiver openReceiver(MulticastEndpoint endpoint,
                    RtpPacketHandler handler, String threadName) {
                return new RtpReceiver() {
                    @Override
                    public MulticastEndpoint endpoint() {
                        return endpoint;
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
                        throw new IllegalStateException("socket busy");
                    }
                };
            }

            @Override
            public RtcpChannel openRtcp(MulticastEndpoint endpoint,
                    RtcpHandler handler, String threadName) {
                FakeRtcpChannel channel = new FakeRtcpChannel(endpoint, handler, threadName);
                return (RtcpChannel) java.lang.reflect.Proxy.newProxyInstance(
                        getClass().getClassLoader(), new Class<?>[] {RtcpChannel.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("close")) {
                                throw new IllegalStateException("channel busy");
                            }
                            return method.invoke(channel, args);
                        });
            }
        };
        engine.bindTransport(sticky, Map.of());
        engine.start(log.logger(), config("sink", "null"));

        engine.unbindTransport(sticky, false);
        engine.stop();

        assertEquals(List.of("closing RTCP: channel busy", "closing the receiver: socket busy"), log.at("debug"));
    }
}
