package org.liveaudio.listener.engine;

import org.liveaudio.api.testing.FakeL16Codec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
