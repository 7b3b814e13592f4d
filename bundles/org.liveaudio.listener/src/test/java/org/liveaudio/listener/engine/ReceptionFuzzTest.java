package org.liveaudio.listener.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.testing.FakeL16Codec;
import org.liveaudio.listener.buffer.Frame;
import org.liveaudio.listener.buffer.JitterBuffer;
import org.liveaudio.listener.latency.FrameTimes;
import org.liveaudio.listener.latency.LatencyMeter;
import org.liveaudio.listener.rtcp.WallClock;

/**
 * Fuzzed packet streams (any payload type, a few SSRCs, sequence numbers and timestamps near the last or anywhere,
 * any payload length, arrival gaps up to beyond the relock silence) interleaved with the playout's polls and
 * drops, BYEs, a codec going away and coming back, and reconfigurations. Nothing may throw, and every packet
 * handed over is counted exactly once: let through (received), refused at the gate (malformed) or unreadable
 * (undecodable).
 */
class ReceptionFuzzTest {
    private static final int PAYLOAD_TYPE = 96;
    private static final long[] SSRCS = {0x1234_5678L, 0xFFFF_FFFFL, 0};
    private static final long MAX_GAP_NANOS = 3_000_000_000L;

    @FuzzTest(maxDuration = "2m")
    void everyPacketIsCountedOnceAndNothingThrows(FuzzedDataProvider data) {
        AudioFormat format = new AudioFormat(48_000, data.consumeInt(1, 2));
        Reception reception = new Reception(PAYLOAD_TYPE, format, data.consumeInt(0, 100),
                new LatencyMeter((ssrc, timestamp) -> FrameTimes.NO_TIME, new WallClock(0, 0)::epochNanosAt));
        FakeL16Codec codec = new FakeL16Codec();
        reception.useCodec(codec);
        Frame frame = new Frame(0);
        long now = data.consumeLong(0, Long.MAX_VALUE / 2);
        int sequence = data.consumeInt(0, 0xFFFF);
        long timestamp = data.consumeLong(0, 0xFFFF_FFFFL);
        long packets = 0;
        while (data.remainingBytes() > 0) {
            now += data.consumeLong(0, MAX_GAP_NANOS);
            switch (data.consumeInt(0, 9)) {
                case 0 -> reception.poll(now, frame);
                case 1 -> reception.dropDue();
                case 2 -> assertTimestamp(reception.headTimestamp());
                case 3 -> reception.senderLeft(data.pickValue(SSRCS), now);
                case 4 -> reception.useCodec(data.consumeBoolean() ? codec : null);
                case 5 -> reception.reconfigure(data.consumeBoolean() ? PAYLOAD_TYPE : data.consumeInt(0, 127),
                        format, data.consumeInt(0, 100));
                case 6 -> reception.synchronizedPlayout(data.consumeBoolean());
                default -> {
                    sequence = (sequence + data.consumeInt(-4, 8)) & 0xFFFF;
                    timestamp = data.consumeBoolean() ? (timestamp + 240) & 0xFFFF_FFFFL
                            : data.consumeLong(0, 0xFFFF_FFFFL);
                    byte[] payload = data.consumeBytes(data.consumeInt(0, 2000));
                    int payloadType = data.consumeBoolean() ? PAYLOAD_TYPE : data.consumeInt(0, 127);
                    reception.onPacket(new TestPacket(payloadType, data.consumeBoolean(), sequence, timestamp,
                            data.pickValue(SSRCS), payload, 0, payload.length, now, false));
                    packets++;
                }
            }
            ReceptionStats stats = reception.stats();
            assertEquals(packets, stats.received() + stats.malformed() + stats.undecodable(), stats::toString);
            assertTrue(stats.bufferedFrames() >= 0, stats::toString);
        }
    }

    private static void assertTimestamp(long head) {
        assertTrue(head == JitterBuffer.NOT_PLAYING || head == JitterBuffer.MISSING
                || head >= 0 && head <= 0xFFFF_FFFFL, () -> "head timestamp " + head);
    }
}
