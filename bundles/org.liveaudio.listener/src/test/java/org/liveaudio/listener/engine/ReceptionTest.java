package org.liveaudio.listener.engine;

import org.liveaudio.api.testing.FakeL16Codec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.listener.buffer.Frame;
import org.liveaudio.listener.buffer.PlayoutStep;
import org.liveaudio.listener.latency.FrameTimes;
import org.liveaudio.listener.latency.LatencyMeter;
import org.liveaudio.listener.rtcp.WallClock;

class ReceptionTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    private static final long MS = 1_000_000L;
    private static final long SOURCE = 0xABCD_0001L;
    private static final byte[] PAYLOAD = new byte[960];

    private final Reception reception = new Reception(96, STEREO, 20,
            new LatencyMeter((ssrc, timestamp) -> FrameTimes.NO_TIME,
                    new WallClock(0, 0)::epochNanosAt));

    {
        reception.useCodec(new FakeL16Codec());
    }
    private final Frame frame = new Frame(0);
    private long now = 5_000 * MS;

    private void receive(int payloadType, long ssrc, int sequence, long timestamp) {
        reception.onPacket(TestPacket.of(payloadType, ssrc, sequence, timestamp, PAYLOAD, now));
    }

    private PlayoutStep poll() {
        PlayoutStep step = reception.poll(now, frame);
        now += 5 * MS;
        return step;
    }

    @Test
    void payloadsTheirTimestampsBelieAreUndecodableAndToldOncePerStream() {
        java.util.List<Long> told = new java.util.ArrayList<>();
        reception.onUndecodable((ssrc, payload, offset, length, step) -> told.add(step));
        // 960 bytes read as L16 stereo are 240 samples, but the timestamps step by 480 (10 ms Opus packets).
        for (int i = 0; i < 5; i++) {
            receive(96, SOURCE, 100 + i, 480L * i);
        }

        ReceptionStats stats = reception.stats();
        assertEquals(4, stats.undecodable());
        assertEquals(1, stats.received());
        assertEquals(java.util.List.of(480L), told);
        assertEquals(0, stats.malformed());
    }

    @Test
    void aPayloadTheCodecRefusesIsUndecodable() {
        reception.onPacket(TestPacket.of(96, SOURCE, 100, 0, new byte[959], now));

        assertEquals(1, reception.stats().undecodable());
        assertEquals(0, reception.stats().received());
    }

    @Test
    void wrongPayloadTypeAndForeignSsrcAreMalformedAndNeverPlayed() {
        receive(96, SOURCE, 100, 0);
        receive(97, SOURCE, 101, 240);
        receive(96, 0x9999L, 101, 240);

        ReceptionStats stats = reception.stats();
        assertEquals(2, stats.malformed());
        assertEquals(1, stats.received());
        assertEquals(1, stats.bufferedFrames());
        assertEquals(SOURCE, stats.ssrc());
    }

    @Test
    void packetsOfAForeignPayloadTypeAreToldOncePerTypeUntilTheConfigurationChanges() {
        java.util.List<String> told = new java.util.ArrayList<>();
        reception.onForeignPayloadType((ssrc, type, expected) -> told.add(Long.toHexString(ssrc) + " " + type + "/"
                + expected));
        for (int i = 0; i < 3; i++) {
            receive(111, SOURCE, 100 + i, 960L * i);
        }
        receive(112, SOURCE, 103, 0);
        reception.reconfigure(97, STEREO, 20);
        receive(111, SOURCE, 104, 0);

        assertEquals(java.util.List.of("abcd0001 111/96", "abcd0001 112/96", "abcd0001 111/97"), told);
        assertEquals(5, reception.stats().malformed());
        assertEquals(0, reception.stats().received());
    }

    @Test
    void pauseWithMarkerAndTimestampJumpIsNeitherLossNorJitter() {
        int sequence = 40_000;
        long timestamp = 3_000_000_000L;
        for (int i = 0; i < 8; i++) {
            receive(96, SOURCE, sequence++, timestamp);
            timestamp += 240;
            poll();
        }
        for (int i = 0; i < 400; i++) {
            poll();
        }
        long pausedMillis = 2_000 + 4 * 5;
        timestamp += 48 * (pausedMillis - 5);
        now += (pausedMillis - 5) * MS - 400 * 5 * MS;
        reception.onPacket(TestPacket.of(96, SOURCE, sequence++, timestamp, PAYLOAD, now).withMarker());
        poll();
        for (int i = 0; i < 8; i++) {
            timestamp += 240;
            receive(96, SOURCE, sequence++, timestamp);
            poll();
        }

        ReceptionStats stats = reception.stats();
        assertEquals(17, stats.received());
        assertEquals(0, stats.lost());
        assertEquals(0, stats.concealedFrames());
        assertEquals(0, stats.late());
        assertEquals(0.0, stats.jitterMillis(), 0.01);
        assertTrue(stats.underruns() < 30, "idle, not underrunning, during the pause: " + stats.underruns());
    }

    @Test
    void aPacketRebuiltByFecPlaysAndCountsAsRecoveredWhileReportsAndJitterSeeTheLossOnTheWire() {
        long timestamp = 1_000_000L;
        for (int sequence = 100; sequence < 110; sequence++) {
            if (sequence != 104) {
                receive(96, SOURCE, sequence, timestamp + 240L * (sequence - 100));
            }
            now += 5 * MS;
        }
        // Rebuilt from repair packets 30 ms after its time: no sample of jitter, and no arrival for the reports.
        reception.onPacket(TestPacket.of(96, SOURCE, 104, timestamp + 4 * 240L, PAYLOAD, now).rebuilt());
        for (int i = 0; i < 12; i++) {
            poll();
        }

        ReceptionStats stats = reception.stats();
        assertEquals(9, stats.received());
        assertEquals(1, stats.fecRecovered());
        assertEquals(0, stats.lost());
        assertEquals(0, stats.concealedFrames());
        assertEquals(0, stats.reordered());
        assertEquals(0.0, stats.jitterMillis(), 0.01);
        assertEquals(1, reception.nextReportBlock(null, now).cumulativeLost());
    }

    @Test
    void aNewSourceAfterSilenceRestartsSequencingWithoutLoss() {
        receive(96, SOURCE, 100, 0);
        receive(96, SOURCE, 101, 240);
        now += 2_500 * MS;

        receive(96, 0x5555L, 9, 777);
        receive(96, 0x5555L, 10, 1017);
        receive(96, 0x5555L, 11, 1257);
        receive(96, 0x5555L, 12, 1497);

        ReceptionStats stats = reception.stats();
        assertEquals(0x5555L, stats.ssrc());
        assertEquals(0, stats.lost() + stats.late() + stats.malformed());
        assertEquals(PlayoutStep.FRAME, poll());
        assertEquals(9, frame.sequence());
    }

    @Test
    void aNewFormatRebuildsTheBufferButKeepsTheStream() {
        receive(96, SOURCE, 100, 0);
        reception.reconfigure(96, new AudioFormat(48_000, 1), 0);
        receive(96, SOURCE, 101, 240);

        ReceptionStats stats = reception.stats();
        assertEquals(SOURCE, stats.ssrc());
        assertEquals(2, stats.received());
        assertEquals(PlayoutStep.FRAME, poll());
        assertEquals(480, frame.samples(), "960 bytes of mono are 480 samples");
    }

    /** L16 on a clock twice its sample rate, as a codec with a clock of its own (Opus: always 48 kHz) has. */
    private static FakeL16Codec doubleClock() {
        return new FakeL16Codec() {
            @Override
            public int clockRate(AudioFormat format) {
                return 2 * format.sampleRate();
            }
        };
    }

    @Test
    void aCodecOnAnotherClockRebuildsTheBufferOnItsClock() {
        receive(96, SOURCE, 100, 0);
        reception.useCodec(doubleClock());
        assertEquals(0, reception.stats().bufferedFrames(), "rebuilt for the new clock");

        receive(96, SOURCE, 101, 240);
        reception.synchronizedPlayout(true);
        receive(96, SOURCE, 102, 480);
        assertEquals(PlayoutStep.FRAME, poll());
        assertEquals(96_000, frame.sampleRate());

        reception.reconfigure(96, new AudioFormat(48_000, 1), 20);
        receive(96, SOURCE, 103, 720);
        assertEquals(PlayoutStep.FRAME, poll());
        assertEquals(96_000, frame.sampleRate(), "a new format keeps the codec's clock");
    }

    @Test
    void theSameCodecOrConfigurationAgainKeepsWhatIsBuffered() {
        receive(96, SOURCE, 100, 0);
        receive(96, SOURCE, 101, 240);

        reception.useCodec(new FakeL16Codec());
        reception.reconfigure(96, STEREO, 20);

        assertEquals(2, reception.stats().bufferedFrames());
        assertEquals(SOURCE, reception.stats().ssrc());
    }

    @Test
    void aNewDepthRebuildsTheBufferButKeepsTheJitter() {
        receive(96, SOURCE, 100, 0);
        now += 7 * MS;
        receive(96, SOURCE, 101, 240);
        double jitter = reception.stats().jitterMillis();
        assertTrue(jitter > 0, "the second packet came 2 ms late");

        reception.reconfigure(96, STEREO, 40);

        assertEquals(0, reception.stats().bufferedFrames());
        assertEquals(jitter, reception.stats().jitterMillis(), "the clock rate did not change");
    }

    @Test
    void aNewPayloadTypeIsTheOneLetThrough() {
        reception.reconfigure(97, STEREO, 20);

        receive(96, SOURCE, 100, 0);
        receive(97, SOURCE, 101, 240);

        assertEquals(1, reception.stats().received());
        assertEquals(1, reception.stats().malformed());
    }

    @Test
    void withoutACodecAFrameIsTakenAsLongAsTheLast() {
        receive(96, SOURCE, 100, 0);
        reception.useCodec(null);
        receive(96, SOURCE, 101, 240);

        assertEquals(2, reception.stats().received());
        assertEquals(0, reception.stats().undecodable());
    }

    @Test
    void inStepWithTheSenderThereIsNoPrebufferEvenInARebuiltBuffer() {
        reception.synchronizedPlayout(true);
        receive(96, SOURCE, 100, 0);
        assertEquals(PlayoutStep.FRAME, poll(), "played at once");

        reception.reconfigure(96, STEREO, 200);
        receive(96, SOURCE, 101, 240);
        assertEquals(PlayoutStep.FRAME, poll());

        reception.synchronizedPlayout(false);
        reception.reconfigure(96, STEREO, 20);
        receive(96, SOURCE, 102, 480);
        assertEquals(PlayoutStep.WAITING, poll(), "by its own clock it prebuffers 20 ms again");
    }

    @Test
    void theHeadIsDroppedOrReportedMissingThroughTheLock() {
        assertFalse(reception.headArrived(), "nothing plays yet");
        reception.synchronizedPlayout(true);
        receive(96, SOURCE, 100, 0);
        receive(96, SOURCE, 102, 480);
        assertTrue(reception.headArrived());
        assertEquals(0, reception.headTimestamp());

        reception.dropDue();

        assertFalse(reception.headArrived(), "frame 101 never came");
        assertEquals(240, reception.headTimestamp());
        assertEquals(1, reception.stats().late());
    }

    @Test
    void aNewSourceFarAwayInSequencePlaysFromItsFirstPacket() {
        receive(96, SOURCE, 100, 0);
        receive(96, SOURCE, 101, 240);
        now += 2_500 * MS;

        for (int i = 0; i < 4; i++) {
            receive(96, 0x5555L, 40_000 + i, 240L * i);
        }

        assertEquals(0, reception.stats().late());
        assertEquals(PlayoutStep.FRAME, poll());
        assertEquals(40_000, frame.sequence());
    }

    @Test
    void aNewSourceStartsItsLatencyAfresh() {
        LatencyMeter latency = new LatencyMeter((ssrc, timestamp) -> 0, nanos -> nanos);
        Reception measured = new Reception(96, STEREO, 20, latency);
        measured.useCodec(new FakeL16Codec());
        measured.onPacket(TestPacket.of(96, SOURCE, 100, 0, PAYLOAD, now));
        measured.onPacket(TestPacket.of(96, SOURCE, 101, 240, PAYLOAD, now));
        assertEquals(2, latency.stats().samples());

        measured.onPacket(TestPacket.of(96, 0x5555L, 7, 0, PAYLOAD, now + 2_500 * MS));

        assertEquals(1, latency.stats().samples());
    }

    @Test
    void aCompletedPrebufferWakesThePlayoutThread() throws InterruptedException {
        Thread playout = new Thread(LockSupport::park);
        playout.setDaemon(true);
        reception.wakeOnPrebuffered(playout);
        playout.start();

        for (int i = 0; i < 4; i++) {
            receive(96, SOURCE, 100 + i, 240L * i);
        }

        playout.join(10_000);
        assertFalse(playout.isAlive(), "still parked");
    }

    @Test
    void aNewSourceIsNotJudgedByTheLastSourcesTimestamps() {
        receive(96, SOURCE, 100, 0);
        now += 2_500 * MS;

        receive(96, 0x5555L, 101, 777);

        assertEquals(0, reception.stats().undecodable());
        assertEquals(2, reception.stats().received());
    }
}
