package org.liveaudio.listener.engine;

import org.liveaudio.api.testing.FakeL16Codec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.listener.latency.FrameTimes;
import org.liveaudio.listener.latency.LatencyMeter;
import org.liveaudio.listener.rtcp.SenderTiming;
import org.liveaudio.listener.rtcp.WallClock;

/** Receiver report blocks from scripted packet sequences, against values worked out by hand. */
class ReceptionReportTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    private static final long MS = 1_000_000L;
    private static final long SOURCE = 0x0BAD_CAFEL;
    private static final byte[] PAYLOAD = new byte[960];

    private final Reception reception = new Reception(96, STEREO, 20,
            new LatencyMeter((ssrc, timestamp) -> FrameTimes.NO_TIME,
                    new WallClock(0, 0)::epochNanosAt));

    {
        reception.useCodec(new FakeL16Codec());
    }
    private final long start = 9_000 * MS;

    /** Packet {@code sequence}, sent 5 ms after {@code base}'s predecessor, arriving {@code extraMillis} late. */
    private void receive(int sequence, int base, double extraMillis) {
        int index = (sequence - base) & 0xFFFF;
        reception.onPacket(TestPacket.of(96, SOURCE, sequence, 777_000 + 240L * index, PAYLOAD,
                start + index * 5 * MS + (long) (extraMillis * MS)));
    }

    private ReportBlock report() {
        return reception.nextReportBlock(null, 0);
    }

    @Test
    void noBlockBeforeTheFirstPacket() {
        assertNull(report());
    }

    @Test
    void lossAcrossTheSequenceWrapGivesRfc3550Figures() {
        int base = 65_530;
        for (int sequence : new int[] {65_530, 65_531, 65_533, 65_534, 65_535, 0, 1}) {
            receive(sequence, base, 0);
        }
        // highest 65536 + 1; expected 8, received 7: lost 1; fraction 1/8 = 32/256.
        assertEquals(new ReportBlock(SOURCE, 32, 1, 0x1_0001L, 0, 0, 0), report());

        for (int sequence : new int[] {2, 3, 7, 7}) {
            receive(sequence, base, 0);
        }
        // highest 65536 + 7: expected 14, received 11 (a duplicate counts, RFC 3550 A.3): lost 3;
        // this interval expected 6, received 4: fraction 2/6 = 85/256.
        assertEquals(new ReportBlock(SOURCE, 85, 3, 0x1_0007L, 0, 0, 0), report());

        receive(5, base, 0);
        receive(8, base, 0);
        // expected 15, received 13: lost 2; this interval 1 expected, 2 received: no fraction, not negative.
        assertEquals(new ReportBlock(SOURCE, 0, 2, 0x1_0008L, 0, 0, 0), report());

        // Nothing expected, nothing received: fraction 0, the rest unchanged.
        assertEquals(new ReportBlock(SOURCE, 0, 2, 0x1_0008L, 0, 0, 0), report());
    }

    @Test
    void receivedCountIsTheOneListenerStatsShows() {
        int base = 100;
        for (int sequence : new int[] {100, 101, 103, 104}) {
            receive(sequence, base, 0);
        }
        ReportBlock block = report();

        ReceptionStats stats = reception.stats();
        assertEquals(4, stats.received());
        assertEquals(block.extendedHighestSequence() - base + 1 - stats.received(), block.cumulativeLost());
    }

    @Test
    void jitterIsTheRfc3550ValueInTimestampUnits() {
        int base = 1_000;
        receive(1_000, base, 0);
        receive(1_001, base, 0);
        receive(1_002, base, 1);
        receive(1_003, base, 0);
        // One packet 1 ms (48 units) late: J = 48/16 = 3, then J = 3 + (48 - 3)/16 = 5.8125; reported as 5.
        assertEquals(5, report().jitter());
    }

    @Test
    void lastSenderReportAndDelayComeFromTheLockedSendersReport() {
        receive(10, 10, 0);
        SenderTiming fromSender = new SenderTiming(SOURCE, 0xE1B2_C3D4_A5B6_C7D8L, 20_000 * MS);
        SenderTiming fromAnother = new SenderTiming(0x1234L, 0xE1B2_C3D4_A5B6_C7D8L, 20_000 * MS);

        ReportBlock block = reception.nextReportBlock(fromSender, 20_250 * MS);
        assertEquals(0xC3D4_A5B6L, block.lastSenderReport());
        assertEquals(16_384, block.delaySinceLastSenderReport(), "0.25 s in 1/65536 s");

        ReportBlock unrelated = reception.nextReportBlock(fromAnother, 20_250 * MS);
        assertEquals(0, unrelated.lastSenderReport());
        assertEquals(0, unrelated.delaySinceLastSenderReport());
    }

    @Test
    void aNewSourceStartsItsOwnCounts() {
        receive(100, 100, 0);
        receive(102, 100, 0);
        long other = 0x7777L;
        assertFalse(reception.senderLeft(other, start), "not the locked sender");
        assertTrue(reception.senderLeft(SOURCE, start));
        assertFalse(reception.senderLeft(SOURCE, start), "released already");

        reception.onPacket(TestPacket.of(96, other, 5_000, 0, PAYLOAD, start + 20 * MS));
        reception.onPacket(TestPacket.of(96, other, 5_001, 240, PAYLOAD, start + 25 * MS));

        assertEquals(new ReportBlock(other, 0, 0, 5_001, 0, 0, 0), report());
    }
}
