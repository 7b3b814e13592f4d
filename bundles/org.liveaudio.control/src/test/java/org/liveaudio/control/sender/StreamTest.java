package org.liveaudio.control.sender;

import org.liveaudio.api.testing.FakeL16Codec;
import org.liveaudio.api.testing.RecordingLogger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioTap;
import org.liveaudio.api.net.StreamLayers;
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamStatus;
import org.liveaudio.control.sender.FakeTransport.Packet;

/** The stream driven tick by tick on a clock the test moves: 5 ms frames of 240 samples at 48 kHz stereo. */
class StreamTest {
    private static final long PERIOD = 5_000_000;
    private static final int SAMPLES_PER_FRAME = 240;

    @TempDir
    Path dir;

    private final RecordingLogger log = new RecordingLogger();
    private final FakeClock clock = new FakeClock(1_000_000_000L);
    private final FakeClock wall = new FakeClock(1_700_000_000_000L);
    private final BoundServices services = new BoundServices();
    private final FakeSource melody = new FakeSource("melody");
    private final FakeL16Codec codec = new FakeL16Codec();
    private final FakeTransport transport = new FakeTransport(clock);
    private Stream stream;

    @BeforeEach
    void startStream() throws Exception {
        services.addSource("melody", melody, Map.of());
        services.addCodec("L16", codec, Map.of());
        services.setTransport(transport);
        stream = newStream(null);
        stream.configure(settings(Map.of()));
    }

    @Test
    void framesGoOutWithConsecutiveSequenceNumbersAndTimestampsOneFrameApart() {
        step(10);

        List<Packet> packets = transport.packets;
        assertEquals(10, packets.size());
        assertTrue(packets.get(0).marker());
        for (int i = 1; i < packets.size(); i++) {
            assertEquals((packets.get(i - 1).sequence() + 1) & 0xFFFF, packets.get(i).sequence());
            assertEquals((packets.get(i - 1).timestamp() + SAMPLES_PER_FRAME) & 0xFFFF_FFFFL,
                    packets.get(i).timestamp());
            assertEquals(packets.get(0).ssrc(), packets.get(i).ssrc());
            assertFalse(packets.get(i).marker());
            assertEquals(96, packets.get(i).payloadType());
            assertEquals(SAMPLES_PER_FRAME * 4, packets.get(i).payload().length);
            assertEquals(i * SAMPLES_PER_FRAME, FakeSource.positionOf(packets.get(i).payload(), 2));
        }
        assertEquals("playing", stream.status().state());
    }

    @Test
    void pauseStopsPacketsAndPlayContinuesTheSequenceWithTheTimestampJumpedByThePause() {
        step(2);
        Packet beforePause = transport.last();

        stream.pause();
        step(4);
        assertEquals(2, transport.packets.size());
        assertEquals("paused", stream.status().state());

        stream.play();
        step(1);
        Packet afterPlay = transport.last();
        long pausedSamples = 4 * SAMPLES_PER_FRAME;
        assertEquals(beforePause.sequence() + 1, afterPlay.sequence());
        assertEquals(beforePause.timestamp() + SAMPLES_PER_FRAME + pausedSamples, afterPlay.timestamp());
        assertTrue(afterPlay.marker());
        assertEquals(2 * SAMPLES_PER_FRAME, FakeSource.positionOf(afterPlay.payload(), 2));
        assertEquals(1, stream.stats().pauses());
    }

    @Test
    void tapsSeeEveryFrameSentAsItsPcmAndNothingWhilePaused() {
        List<Long> positions = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        services.addTap(tap((pcm, samples, format) -> {
            positions.add((long) (pcm[0] & 0xFFFF) / format.channels());
            shapes.add(samples + " " + format);
        }));
        step(2);
        stream.pause();
        step(3);
        stream.play();
        step(1);

        assertEquals(List.of(0L, (long) SAMPLES_PER_FRAME, 2L * SAMPLES_PER_FRAME), positions);
        assertEquals(Collections.nCopies(3, SAMPLES_PER_FRAME + " " + new AudioFormat(48_000, 2)), shapes);
        assertEquals(3, transport.packets.size());
    }

    @Test
    void aTapThatThrowsLosesItsFrameAndTheStreamGoesOnWithOneWarning() {
        services.addTap(tap((pcm, samples, format) -> {
            throw new IllegalStateException("broken tap");
        }));
        step(5);

        assertEquals(5, transport.packets.size());
        assertEquals(1, log.warnings().size(), log.lines().toString());
        assertTrue(log.warnings().get(0).contains("broken tap"), log.warnings().get(0));
    }

    @Test
    void pauseAndPlayAreIdempotent() {
        step(1);
        stream.pause();
        stream.pause();
        stream.play();
        stream.play();

        assertEquals(1, stream.stats().pauses());
        assertEquals(List.of("Stream paused", "Stream playing"), log.at("info").stream()
                .filter(line -> line.equals("Stream paused") || line.equals("Stream playing")).toList());
    }

    @Test
    void playingAgainWithinTheFramePeriodItPausedInStillMarksTheNextPacket() {
        step(2);
        stream.pause();
        stream.play();
        step(1);

        assertEquals(3, transport.packets.size());
        assertTrue(transport.last().marker());
    }

    @Test
    void pauseAndPlayBeforeAnySessionOnlyChangeTheState() {
        Stream unconfigured = newStream(null);
        unconfigured.pause();
        assertEquals("paused", unconfigured.status().state());

        unconfigured.play();
        assertEquals("waiting", unconfigured.status().state());
    }

    @Test
    void afterAStall100MsCatchUpAndTheRestAreSkippedWithTheTimestampKeptOnRealTime() {
        step(1);
        Packet beforeStall = transport.last();

        clock.advance(40 * PERIOD);
        for (int i = 0; i < 25; i++) {
            stream.tick();
        }

        List<Packet> packets = transport.packets;
        assertEquals(21, packets.size());
        assertEquals(20, stream.stats().framesSkipped());
        assertEquals(beforeStall.sequence() + 1, packets.get(1).sequence());
        assertEquals(beforeStall.timestamp() + 21 * SAMPLES_PER_FRAME, packets.get(1).timestamp());
        assertTrue(packets.get(1).marker());
        assertEquals(beforeStall.timestamp() + 40 * SAMPLES_PER_FRAME, packets.get(20).timestamp());
        assertEquals(19, stream.stats().framesLate());
        assertEquals(19 * PERIOD / 1_000, stream.stats().worstLatenessMicros(), "slot 21 went out at slot 40's time");
    }

    @Test
    void aTransportReplacedWithinThePlayoutDelayGetsTheFramesOfTheGapAtOnceWithoutAJump() {
        step(3);
        Packet before = transport.last();

        services.removeTransport(transport);
        stream.release(transport);
        step(5);
        StreamStatus waiting = stream.status();
        assertEquals("waiting", waiting.state());
        assertTrue(waiting.problem().contains("no StreamTransport"), waiting.problem());
        assertEquals(before.ssrc(), waiting.ssrc());
        assertEquals(3, transport.packets.size(), "nothing sent while no transport is bound");

        FakeTransport replacement = new FakeTransport(transport);
        services.setTransport(replacement);
        stream.servicesChanged();
        long back = clock.getAsLong();
        step(5);

        // 25 ms without a transport: with the default playout delay of 32.5 ms, listeners can still play all five
        // frames, which go out at once, numbered on from the last one sent.
        List<Packet> after = transport.packets.subList(3, transport.packets.size());
        assertEquals(5, after.size());
        for (int i = 0; i < after.size(); i++) {
            assertEquals(before.ssrc(), after.get(i).ssrc());
            assertEquals(before.sequence() + 1 + i, after.get(i).sequence());
            assertEquals(before.timestamp() + (i + 1L) * SAMPLES_PER_FRAME, after.get(i).timestamp());
            assertFalse(after.get(i).marker(), "no frame passed unsent");
        }
        assertEquals(back, clock.getAsLong(), "sent back to back");
        assertEquals("", stream.status().problem());
    }

    @Test
    void aTransportGoingForAMomentCarriesTheNextFramesAheadAndItsSuccessorGoesOnAfterThemOnTheirSlots() {
        step(3);
        Packet before = transport.last();
        long goneAt = clock.getAsLong();
        long ahead = Pacer.catchUpSlots(PERIOD);

        services.removeTransport(transport);
        stream.bridge(transport);
        assertEquals(3 + ahead, transport.packets.size(), "the next frames went out through the departing one");
        clock.advance(50_000_000L);
        stream.tick();
        assertEquals("waiting", stream.status().state());
        services.setTransport(new FakeTransport(transport));
        stream.servicesChanged();
        step(3);

        List<Packet> sent = transport.packets.subList(3, transport.packets.size());
        assertEquals(ahead + 3, sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(before.sequence() + 1 + i, sent.get(i).sequence());
            assertEquals(before.timestamp() + (i + 1L) * SAMPLES_PER_FRAME, sent.get(i).timestamp());
            assertFalse(sent.get(i).marker(), "packet " + i + ": no slot passed unsent");
        }
        assertEquals(goneAt + (ahead + 1) * PERIOD, sent.get((int) ahead).sentAtNanos(), "the successor's first "
                + "frame on its slot, after the frames sent ahead");
    }

    @Test
    void aCodecGoingForAMomentEncodesTheNextFramesAhead() {
        step(3);
        long ahead = Pacer.catchUpSlots(PERIOD);

        services.removeCodec(codec);
        stream.bridge(codec);

        assertEquals(3 + ahead, transport.packets.size());
        assertEquals(transport.packets.get(2).timestamp() + ahead * SAMPLES_PER_FRAME, transport.last().timestamp());
    }

    @Test
    void aSourceGoingForAMomentIsReadAheadAndItsSuccessorGoesOnWhereItStopped() {
        step(3);
        long ahead = Pacer.catchUpSlots(PERIOD);

        services.removeSource(melody);
        stream.bridge(melody);

        assertEquals(3 + ahead, transport.packets.size());
        assertEquals((3 + ahead - 1) * SAMPLES_PER_FRAME, FakeSource.positionOf(transport.last().payload(), 2),
                "the frames ahead hold the departing source's audio, not silence");
        FakeSource replacement = new FakeSource("melody");
        services.addSource("melody", replacement, Map.of());
        stream.servicesChanged();
        step(1);
        assertEquals(List.of((3 + ahead) * SAMPLES_PER_FRAME), replacement.openedAt);
        assertEquals((3 + ahead) * SAMPLES_PER_FRAME, FakeSource.positionOf(transport.last().payload(), 2));
    }

    @Test
    void aLiveSourceWithNoAudioAheadEndsTheBurstAtItsFirstFrameLeftShort() {
        step(3);
        melody.available = SAMPLES_PER_FRAME / 2;

        services.removeCodec(codec);
        stream.bridge(codec);

        assertEquals(3 + 1, transport.packets.size(), "one frame ahead, half of it the source's last audio: more "
                + "frames of silence would leave the live audio after them that much behind");
    }

    @Test
    void aSourceThatGoesForGoodLeavesSilenceOnTheGridAfterTheFramesReadAhead() {
        step(3);
        long ahead = Pacer.catchUpSlots(PERIOD);
        services.removeSource(melody);
        stream.bridge(melody);

        step(2);

        assertEquals(3 + ahead + 2, transport.packets.size());
        assertFalse(transport.last().marker());
        assertEquals(0, FakeSource.positionOf(transport.last().payload(), 2), "silence");
    }

    @Test
    void aTransportReplacedAfterThePlayoutDelayContinuesTheSessionPastTheFramesThatWouldComeLate() {
        step(3);
        Packet before = transport.last();

        services.removeTransport(transport);
        stream.release(transport);
        step(20);
        services.setTransport(new FakeTransport(transport));
        stream.servicesChanged();
        step(1);

        // 100 ms without a transport: the first 15 of its 20 frames passed unsent, the last 5 are still playable.
        Packet after = transport.last();
        assertEquals(before.ssrc(), after.ssrc());
        assertEquals(before.sequence() + 1, after.sequence());
        assertEquals(before.timestamp() + 16 * SAMPLES_PER_FRAME, after.timestamp());
        assertTrue(after.marker(), "the timestamp jumped");
        assertEquals(0, stream.stats().framesSkipped(), "frames let pass for a missing service are not skips");
    }

    @Test
    void aReplacedSourceReopensWhereTheOldOneStopped() {
        step(3);
        services.removeSource(melody);
        stream.release(melody);
        step(2);

        FakeSource replacement = new FakeSource("melody");
        services.addSource("melody", replacement, Map.of());
        stream.servicesChanged();
        step(1);

        assertEquals(List.of(3L * SAMPLES_PER_FRAME), replacement.openedAt);
        assertEquals(3 * SAMPLES_PER_FRAME, FakeSource.positionOf(transport.last().payload(), 2));
        assertEquals(transport.packets.get(0).ssrc(), transport.last().ssrc());
    }

    @Test
    void aReplacedCodecKeepsTheSession() {
        step(2);
        services.removeCodec(codec);
        stream.release(codec);
        step(1);
        assertTrue(stream.status().problem().contains("no AudioCodec L16"), stream.status().problem());

        services.addCodec("L16", new FakeL16Codec(), Map.of());
        stream.servicesChanged();
        step(1);

        assertEquals(3, transport.packets.size());
        assertEquals(transport.packets.get(0).ssrc(), transport.last().ssrc());
        assertEquals(transport.packets.get(1).sequence() + 1, transport.last().sequence());
    }

    @Test
    void aNewEndpointKeepsTheSessionAndRewritesTheSdp() throws Exception {
        step(2);
        stream.configure(settings(Map.of("port", "5006")));
        step(1);

        Packet moved = transport.last();
        assertEquals(5006, moved.endpoint().port());
        assertEquals(transport.packets.get(0).ssrc(), moved.ssrc());
        assertEquals(transport.packets.get(1).sequence() + 1, moved.sequence());
        assertTrue(Files.readString(dir.resolve("liveaudio.sdp")).contains("m=audio 5006 RTP/AVP 96"));
    }

    @Test
    void transportLayersAddTheirSdpLinesAndTheirSpanOfFramesToThePlayoutDelay() throws Exception {
        transport.layers = new StreamLayers("FEC rs 10+5", 9, List.of("a=group:FEC-FR S1 R1"), List.of("a=mid:S1"),
                List.of("m=application 5006 RTP/AVP 100", "a=mid:R1"));
        stream.configure(settings(Map.of()));
        step(2);

        String sdp = Files.readString(dir.resolve("liveaudio.sdp"));
        assertTrue(sdp.contains("\r\na=x-liveaudio-playout-delay:77.5\r\n"), "32.5 ms and 9 frames of 5 ms: " + sdp);
        assertTrue(sdp.contains("\r\nt=0 0\r\na=group:FEC-FR S1 R1\r\n"), sdp);
        assertTrue(sdp.endsWith("a=mid:S1\r\nm=application 5006 RTP/AVP 100\r\na=mid:R1\r\n"), sdp);
        assertTrue(log.at("info").stream().anyMatch(line -> line.contains("ttl 1 with FEC rs 10+5 (playout delay 77.5 "
                + "ms)")), log.at("info").toString());
    }

    @Test
    void keysTheTransportRefusesKeepTheStreamOffTheWireAndSayWhy() throws Exception {
        transport.refusal = new InvalidSettingException("fecDepth", 9, "1..6");
        Stream refused = newStream(null);
        refused.configure(settings(Map.of()));
        int before = transport.packets.size();
        step(refused, 3);

        assertTrue(refused.status().problem().contains("the transport refuses fecDepth=9 refused; allowed: 1..6"),
                refused.status().problem());
        assertEquals(before, transport.packets.size());
    }

    @Test
    void aNewFormatStartsANewSession() throws Exception {
        step(2);
        stream.configure(settings(Map.of("channels", "1")));
        step(1);

        Packet mono = transport.last();
        assertNotEquals(transport.packets.get(0).ssrc(), mono.ssrc());
        assertEquals(SAMPLES_PER_FRAME * 2, mono.payload().length);
        assertTrue(mono.marker());
        assertEquals(2 * SAMPLES_PER_FRAME, FakeSource.positionOf(mono.payload(), 1));
    }

    @Test
    void anotherSourceStartsFromItsBeginning() throws Exception {
        FakeSource tone = new FakeSource("tone");
        services.addSource("tone", tone, Map.of());
        step(2);

        stream.configure(settings(Map.of("source", "tone")));
        step(1);

        assertEquals(List.of(0L), tone.openedAt);
        assertEquals(transport.packets.get(0).ssrc(), transport.last().ssrc());
    }

    @Test
    void sendErrorsAreCountedAndWarnedOnceAMinute() {
        step(1);
        transport.sendFailure = new IOException("Network is unreachable");
        step(5);

        SenderStats stats = stream.stats();
        assertEquals(5, stats.sendErrors());
        assertEquals(1, stats.packetsSent());
        List<String> warnings = log.warnings().stream().filter(line -> line.contains("unreachable")).toList();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(stream.status().problem().contains("Network is unreachable"));

        transport.sendFailure = null;
        step(1);
        assertEquals("", stream.status().problem());
        assertEquals(transport.packets.get(0).sequence() + 6, transport.last().sequence());
    }

    @Test
    void aSendWarningCountsTheErrorsSoFarAndThoseSinceTheLastWarning() {
        transport.sendFailure = new IOException("Network is unreachable");
        step(5);
        clock.advance(60_000_000_000L);
        step(1);

        List<String> warnings = log.warnings();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("(1 send errors so far, 1 since the last warning;"), warnings.get(0));
        assertTrue(warnings.get(1).contains("(6 send errors so far, 5 since the last warning;"), warnings.get(1));
    }

    @Test
    void aSourceThatCannotOpenIsTriedAgainEverySecondRatherThanEveryFrame() {
        melody.failure = new IOException("no capture device");
        int slotsPerRetry = (int) (Stream.RETRY_NANOS / PERIOD);

        step(slotsPerRetry);
        assertEquals(1, melody.attempts.get());
        step(1);
        assertEquals(2, melody.attempts.get(), "again at the frame a second after");
        step(slotsPerRetry);
        assertEquals(3, melody.attempts.get());
    }

    @Test
    void aLastingProblemIsNotedOnceAndWarnedOfWhenItHasLastedFiveSeconds() {
        melody.failure = new IOException("no capture device");

        step((int) (StreamProblems.WARN_AFTER_NANOS / PERIOD));
        assertEquals(List.of(), log.warnings());
        step(1);

        assertEquals(List.of("WARN Stream waiting for 5 s now: the melody source cannot play: no capture device"),
                log.warnings());
        assertEquals(List.of("Stream waiting: the melody source cannot play: no capture device"), log.at("info")
                .stream().filter(line -> line.startsWith("Stream waiting")).toList(), "tried five times, noted once");
    }

    @Test
    void aSourceFailingMidFrameClosesEverythingAndTheSessionGoesOnASecondLater() {
        step(2);
        melody.readFailure = new IllegalStateException("bundle stopping");
        step(1);

        StreamStatus failed = stream.status();
        assertEquals("waiting", failed.state());
        assertTrue(failed.problem().contains("the stream failed and restarts: java.lang.IllegalStateException: "
                + "bundle stopping"), failed.problem());
        assertEquals(0, melody.inputsOpen.get());
        assertEquals(0, transport.sendersOpen.get());
        assertTrue(transport.lastChannel().closed);

        melody.readFailure = null;
        step((int) (Stream.RETRY_NANOS / PERIOD) - 1);
        assertEquals(2, transport.packets.size(), "nothing before the retry");
        step(1);

        Packet resumed = transport.last();
        assertEquals(3, transport.packets.size());
        assertEquals(transport.packets.get(0).ssrc(), resumed.ssrc());
        assertEquals(transport.packets.get(1).sequence() + 1, resumed.sequence());
        assertTrue(resumed.marker());
        assertEquals("playing", stream.status().state());
    }

    @Test
    void aFrameLostToAFailureMarksTheNextPacketEvenWhenTheStreamRecoversAtOnce() {
        step(2);
        melody.readFailure = new IllegalStateException("bundle stopping");
        step(1);
        melody.readFailure = null;
        stream.servicesChanged();
        step(1);

        assertEquals(3, transport.packets.size());
        assertTrue(transport.last().marker());
        assertEquals(transport.packets.get(1).sequence() + 1, transport.last().sequence());
    }

    @Test
    void aDepartingServiceIsOutOfUseWhenItsReleaseReturns() {
        step(2);

        stream.release(codec);
        assertEquals("waiting", stream.status().state());
        stream.release(melody);
        assertEquals(0, melody.inputsOpen.get());
        assertEquals(1, transport.sendersOpen.get());
        stream.release(transport);
        assertEquals(0, transport.sendersOpen.get());
        assertTrue(transport.lastChannel().closed);
    }

    @Test
    void aServiceReplacedWithinOneFramePeriodLeavesNoGapAndNoMarker() {
        step(2);
        stream.release(transport);
        step(1);

        assertEquals(3, transport.packets.size());
        assertFalse(transport.last().marker(), "no frame passed unsent");
        assertEquals(transport.packets.get(1).sequence() + 1, transport.last().sequence());
        assertEquals(transport.packets.get(1).timestamp() + SAMPLES_PER_FRAME, transport.last().timestamp());
    }

    @Test
    void releasingAServiceTheStreamDoesNotUseLeavesTheWireAlone() {
        step(2);
        stream.release(new FakeTransport());
        step(1);

        assertFalse(transport.last().marker());
        assertEquals(1, transport.sendersOpen.get());
    }

    @Test
    void servicesNoLongerBoundAtTheNextChangeAreClosed() {
        step(2);
        services.removeSource(melody);
        services.removeTransport(transport);
        stream.servicesChanged();
        step(1);

        assertEquals(0, melody.inputsOpen.get());
        assertEquals(0, transport.sendersOpen.get());
        assertTrue(transport.lastChannel().closed);
    }

    @Test
    void endingTheStreamClosesWhatItOpened() {
        step(2);

        stream.end("the sender stopped");

        assertEquals(0, melody.inputsOpen.get());
        assertEquals(0, transport.sendersOpen.get());
        assertTrue(transport.lastChannel().closed);
    }

    @Test
    void theClockLooksInEveryIdlePollWithoutAGridAtOnceAfterAChangeAndElseAtTheNextFramesDeadline() {
        Stream unconfigured = newStream(null);
        long now = clock.getAsLong();
        assertEquals(now + Stream.IDLE_POLL_NANOS, unconfigured.nextDeadline());
        assertFalse(unconfigured.tick(), "no slot without a configuration");

        assertEquals(now, stream.nextDeadline(), "a new configuration is applied at once");
        step(1);
        assertEquals(transport.last().sentAtNanos() + PERIOD, stream.nextDeadline());
    }

    @Test
    void aSessionSuspendedWhilePausedNamesItsFirstUnsentSlotAndItsInstant() {
        step(4);
        Packet first = transport.packets.get(0);
        stream.pause();
        step(100);

        SessionState state = stream.suspend();

        assertEquals((first.timestamp() + 4L * SAMPLES_PER_FRAME) & 0xFFFF_FFFFL, state.nextTimestamp(),
                "the first slot not sent");
        assertEquals(wall.getAsLong() - 99 * PERIOD / 1_000_000, state.wallMillis(), "that slot's instant, 99 "
                + "periods before the one the suspension fell in, which the next run counts from");
        assertEquals((first.sequence() + 4) & 0xFFFF, state.nextSequence());
    }

    @Test
    void aSessionSuspendedBeforeItsSourceOpenedKeepsTheConfiguredSourcesPlace() {
        services.removeSource(melody);
        step(2);

        SessionState state = stream.suspend();

        assertEquals("melody", state.sourceKey());
        assertEquals(0, state.sourcePosition());
    }

    @Test
    void aSourceThatCannotOpenIsRetriedAndWarnedOnceWhenTheProblemLasts() {
        melody.failure = new IOException("no capture device");
        step(3);
        assertEquals("waiting", stream.status().state());
        assertTrue(stream.status().problem().contains("no capture device"), stream.status().problem());
        assertEquals(List.of(), log.warnings());

        clock.advance(StreamProblems.WARN_AFTER_NANOS);
        step(3);
        clock.advance(StreamProblems.WARN_AFTER_NANOS);
        step(3);
        List<String> warnings = log.warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("no capture device"), warnings.get(0));

        melody.failure = null;
        clock.advance(Stream.RETRY_NANOS);
        step(1);
        assertEquals(List.of(), transport.packets, "the new session's first frame is a lead behind its announcement");
        step(1);

        assertEquals(1, transport.packets.size());
        assertEquals("playing", stream.status().state());
    }

    @Test
    void aServiceMissingForAMomentIsNotedButNotWarned() {
        step(1);
        services.removeTransport(transport);
        stream.release(transport);
        step(10);
        services.setTransport(transport);
        stream.servicesChanged();
        step(1);

        assertEquals(List.of(), log.warnings());
        assertTrue(log.at("info").stream().anyMatch(line -> line.contains("waiting: no StreamTransport")));
    }

    @Test
    void withoutTheCodecTheStreamWaitsAndSaysWhy() {
        services.removeCodec(codec);
        step(1);

        StreamStatus status = stream.status();
        assertEquals("waiting", status.state());
        assertEquals(-1, status.ssrc());
        assertTrue(status.problem().contains("no AudioCodec L16 (there are: none)"), status.problem());
        assertTrue(transport.packets.isEmpty());
        assertEquals(clock.getAsLong() + Stream.IDLE_POLL_NANOS, stream.nextDeadline());
    }

    @Test
    void aRefusedConfigurationShowsAsAProblemWhileTheStreamPlaysOn() {
        step(1);
        stream.refuse("port=0 refused; allowed: 1..65534");
        step(1);

        StreamStatus status = stream.status();
        assertEquals("playing", status.state());
        assertEquals("port=0 refused; allowed: 1..65534", status.problem());
        assertEquals(2, transport.packets.size());
    }

    @Test
    void statusDescribesTheStream() {
        step(1);
        clock.advance(83_000_000_000L);

        StreamStatus status = stream.status();
        assertEquals("melody at 240", status.source());
        assertEquals("L16/48000/2", status.codec());
        assertEquals(5_000, status.frameMicros());
        assertEquals("239.255.0.1:5004 on lo", status.endpoint());
        assertEquals(1, status.ttl());
        assertEquals(transport.last().ssrc(), status.ssrc());
        assertEquals(83, status.uptime().getSeconds());
        assertEquals(dir.resolve("liveaudio.sdp"), status.sdpFile());
        List<String> notes = log.at("info");
        assertTrue(notes.contains("New RTP session ssrc " + Stream.hex(status.ssrc())
                + ": L16/48000/2 in 5 ms frames, payload type 96"), notes.toString());
        assertTrue(notes.contains("Stream playing: melody at 0 as L16 to 239.255.0.1:5004 on lo ttl 1, SDP in "
                + dir.resolve("liveaudio.sdp")), notes.toString());
    }

    @Test
    void aSourceThatCannotDescribeItselfIsShownByItsType() {
        melody.descriptionFailure = new IllegalStateException("bundle stopping");
        step(1);

        assertEquals("melody", stream.status().source());
        assertEquals("playing", stream.status().state());
    }

    @Test
    void theSdpFileHoldsWhatSdpReturns() throws Exception {
        step(1);

        String sdp = stream.sdp();
        assertEquals(sdp, Files.readString(dir.resolve("liveaudio.sdp"), StandardCharsets.UTF_8));
        assertTrue(sdp.contains("\r\no=- " + transport.last().ssrc() + " 1700000000 "),
                "the version is the wall clock's second: " + sdp);
        assertTrue(sdp.contains("\r\na=rtpmap:96 L16/48000/2\r\n"), sdp);
    }

    @Test
    void bitrateAndPacketsCountOverTheLastSecond() {
        step(250);

        SenderStats stats = stream.stats();
        assertEquals(250, stats.packetsSent());
        assertEquals(250 * (12 + 960), stats.bytesSent());
        assertEquals(200 * (12 + 960) * 8, stats.bitsPerSecond());
        assertEquals(0, stats.framesLate());
    }

    @Test
    void aSuspendedStreamSendsTheNextFramesAheadAndTheNextRunGoesOnAfterThemOnItsGrid() throws Exception {
        step(4);
        Packet first = transport.packets.get(0);
        int before = transport.packets.size();
        long suspendedAt = clock.getAsLong();

        SessionState state = stream.suspend();

        List<Packet> ahead = List.copyOf(transport.packets.subList(before, transport.packets.size()));
        long aheadFrames = Pacer.catchUpSlots(PERIOD);
        assertEquals(aheadFrames, ahead.size(), "the frames of the next " + aheadFrames + " slots, the most the "
                + "Pacer sends back to back");
        for (int i = 0; i < ahead.size(); i++) {
            assertEquals((first.sequence() + 4 + i) & 0xFFFF, ahead.get(i).sequence());
            assertEquals(first.timestamp() + (4L + i) * SAMPLES_PER_FRAME, ahead.get(i).timestamp());
            assertFalse(ahead.get(i).marker(), "packet " + i + " goes on without a gap");
            assertEquals(suspendedAt, ahead.get(i).sentAtNanos(), "packet " + i + " goes out at once");
        }
        assertEquals((4 + aheadFrames) * SAMPLES_PER_FRAME, state.sourcePosition());

        // The update takes 40 ms: the next run waits for the slot after the frames sent ahead.
        wall.advance(40);
        clock.advance(40_000_000L);
        Stream resumed = new Stream(log.logger(), services, clock, wall, new Random(99), state, rtcp());
        resumed.configure(settings(Map.of()));
        int sentBefore = transport.packets.size();
        for (int i = 0; i < 100 && transport.packets.size() == sentBefore; i++) {
            clock.set(Math.max(clock.getAsLong(), resumed.nextDeadline()));
            resumed.tick();
        }

        Packet next = transport.packets.get(sentBefore);
        Packet last = ahead.get(ahead.size() - 1);
        assertEquals((last.sequence() + 1) & 0xFFFF, next.sequence());
        assertEquals(last.timestamp() + SAMPLES_PER_FRAME, next.timestamp());
        assertFalse(next.marker());
        assertEquals(suspendedAt + (aheadFrames + 1) * PERIOD, next.sentAtNanos(), "on the slot it had in the last "
                + "run's grid");
        assertTrue(log.at("info").contains("Continuing RTP session ssrc " + Stream.hex(last.ssrc()) + " at sequence "
                + next.sequence() + ", its next frame due in 55 ms (the last run sent the frames before it ahead)"),
                log.at("info").toString());
    }

    @Test
    void aPausedStreamSendsNothingAheadWhenSuspended() {
        step(4);
        stream.pause();
        int before = transport.packets.size();

        stream.suspend();

        assertEquals(before, transport.packets.size());
    }

    @Test
    void aStoppedStreamContinuesInTheNextRunWithTheSameSessionAndSourcePosition() throws Exception {
        step(4);
        SessionState state = stream.suspend();
        Packet last = transport.last();
        assertEquals(0, melody.inputsOpen.get());
        assertEquals(0, transport.sendersOpen.get());

        wall.advance(2_000);
        clock.advance(7_000_000_000L);
        FakeSource restarted = new FakeSource("melody");
        BoundServices next = new BoundServices();
        next.addSource("melody", restarted, Map.of());
        next.addCodec("L16", codec, Map.of());
        next.setTransport(transport);
        Stream resumed = new Stream(log.logger(), next, clock, wall, new Random(99), state, rtcp());
        resumed.configure(settings(Map.of()));
        step(resumed, 1);

        Packet first = transport.last();
        assertEquals(last.ssrc(), first.ssrc());
        assertEquals(last.sequence() + 1, first.sequence());
        assertTrue(first.marker());
        // 2 s passed. The stop sent the frames of the next 18 slots ahead; the one after them was due 95 ms after
        // the stop. Of the 381 frames due since, the last 5 are still playable with the default 32.5 ms playout
        // delay and go out first, so the timestamps skip the 376 before them.
        long framesPassed = (first.timestamp() - last.timestamp()) / SAMPLES_PER_FRAME;
        assertEquals(1 + 376, framesPassed);
        assertEquals(List.of((4L + 18) * SAMPLES_PER_FRAME), restarted.openedAt);
        assertTrue(log.at("info").contains("Continuing RTP session ssrc " + Stream.hex(last.ssrc()) + " at sequence "
                + first.sequence() + ", its next frame due 1905 ms ago; the last 5 of its 381 frames since go out "
                + "at once, in time for the listeners"), log.at("info").toString());
    }

    @Test
    void aSenderBackWithinThePlayoutDelaySendsTheFramesOfTheGapAtOnceWithoutAJump() throws Exception {
        step(4);
        SessionState state = stream.suspend();
        Packet last = transport.last();

        // Back 15 ms after the slot that followed the 18 frames the stop sent ahead.
        wall.advance(110);
        clock.advance(110_000_000L);
        BoundServices next = new BoundServices();
        next.addSource("melody", new FakeSource("melody"), Map.of());
        next.addCodec("L16", codec, Map.of());
        next.setTransport(transport);
        Stream resumed = new Stream(log.logger(), next, clock, wall, new Random(99), state, rtcp());
        resumed.configure(settings(Map.of()));
        int sentBefore = transport.packets.size();
        long before = clock.getAsLong();
        step(resumed, 4);

        // The next frame was due 95 ms after the stop: it and the two after it were missed, the fourth is due now.
        List<Packet> sent = transport.packets.subList(sentBefore, transport.packets.size());
        assertEquals(4, sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(last.ssrc(), sent.get(i).ssrc());
            assertEquals(last.sequence() + 1 + i, sent.get(i).sequence());
            assertEquals(last.timestamp() + (i + 1L) * SAMPLES_PER_FRAME, sent.get(i).timestamp(),
                    "packet " + i + ": the timestamps go on where the last run stopped");
            assertFalse(sent.get(i).marker(), "packet " + i + ": no gap, so no marker");
        }
        assertTrue(clock.getAsLong() - before <= PERIOD, "the 3 frames of the gap and the current one went out at "
                + "once, not one a period: " + (clock.getAsLong() - before) + " ns");
        assertTrue(log.at("info").contains("Continuing RTP session ssrc " + Stream.hex(last.ssrc()) + " at sequence "
                + sent.get(0).sequence() + ", its next frame due 15 ms ago; its 3 frames since go out at once, in "
                + "time for the listeners"), log.at("info").toString());
    }

    @Test
    void aStoppedStreamOfAnotherFormatStartsANewSession() throws Exception {
        step(2);
        SessionState state = stream.suspend();

        Stream resumed = new Stream(log.logger(), services, clock, wall, new Random(7), state, rtcp());
        resumed.configure(settings(Map.of("channels", "1")));
        step(resumed, 1);

        assertNotEquals(transport.packets.get(0).ssrc(), transport.last().ssrc());
    }

    @Test
    void unconfiguredTheStreamWaitsWithoutASession() {
        Stream unconfigured = newStream(null);
        unconfigured.refuse("port=0 refused; allowed: 1..65534");
        step(unconfigured, 2);

        StreamStatus status = unconfigured.status();
        assertEquals("waiting", status.state());
        assertEquals(-1, status.ssrc());
        assertEquals("port=0 refused; allowed: 1..65534", status.problem());
        assertTrue(transport.packets.isEmpty());
    }

    private Stream newStream(SessionState resumable) {
        return new Stream(log.logger(), services, clock, wall, new Random(42), resumable, rtcp());
    }

    private SenderRtcp rtcp() {
        return new SenderRtcp(log.logger(), "liveaudio-sender@test", new WallAnchor(wall.getAsLong() * 1_000_000,
                clock.getAsLong()));
    }

    private SenderSettings settings(Map<String, String> overrides) throws Exception {
        Map<String, Object> properties = new HashMap<>(overrides);
        properties.put("sdpFile", dir.resolve("liveaudio.sdp").toString());
        return SenderSettings.read(new SettingsReader(properties), services::codec);
    }

    /** The frames of a stream, handed to {@code frames}. */
    private interface Frames {
        void frame(short[] pcm, int samples, AudioFormat format);
    }

    private static AudioTap tap(Frames frames) {
        return new AudioTap() {
            @Override
            public void frame(short[] pcm, int samples, AudioFormat format) {
                frames.frame(pcm, samples, format);
            }

            @Override
            public String status() {
                return "test tap";
            }
        };
    }

    private void step(int ticks) {
        step(stream, ticks);
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
