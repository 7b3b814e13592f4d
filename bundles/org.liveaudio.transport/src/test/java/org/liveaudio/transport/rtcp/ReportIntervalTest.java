package org.liveaudio.transport.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReportIntervalTest {
    private static final double COMPENSATION = Math.E - 1.5;
    private static final long SEED = 3550;
    private static final int SAMPLES = 1_000;

    /** A 72-byte compound plus 28 for UDP/IP: an average of exactly 100 bytes. */
    private final ReportInterval interval = withAverageOf100Bytes(new Random(SEED));

    @Test
    void aLoneMemberWaitsTheMinimumRandomizedAndCompensated() {
        assertAllWithin(5 * 0.5 / 1.21828, 5 * 1.5 / 1.21828, () -> interval.nextDelayNanos(1, 0, false,
                64_000, false));
        assertAllWithin(5 * 0.5 / 1.21828, 5 * 1.5 / 1.21828, () -> interval.nextDelayNanos(1, 1, true,
                1_536_000, false));
    }

    @Test
    void theFirstReportWaitsHalfTheMinimum() {
        assertAllWithin(2.5 * 0.5 / 1.21828, 2.5 * 1.5 / 1.21828, () -> interval.nextDelayNanos(1, 0, false,
                64_000, true));
    }

    @Test
    void delayIsTheDeterministicIntervalTimesTheSeededUniformDraw() {
        Random same = new Random(SEED);
        for (int i = 0; i < 10; i++) {
            double expected = 5 * (same.nextDouble() + 0.5) / 1.21828;
            assertEquals(expected, seconds(interval.nextDelayNanos(2, 1, true, 1_000_000, false)), 1e-8);
        }
    }

    @Test
    void aThousandListenersAt1500KbitPerSecondStretchTheIntervalBeyondTheMinimum() {
        // 5 % of 1.5 Mbit/s is 9375 bytes/s, of which receivers share 75 %; 999 of them at 100 bytes each.
        double deterministic = 100.0 * 999 / (0.75 * 9375);
        assertTrue(deterministic > 14 && deterministic * 0.5 / 1.21828 > 5);
        assertAllWithin(deterministic * 0.5 / 1.21828, deterministic * 1.5 / 1.21828,
                () -> interval.nextDelayNanos(1000, 1, false, 1_500_000, false));
    }

    @Test
    void fewSendersShareAQuarterOfTheBandwidthAndReceiversTheRest() {
        // 5 % of 8000 bit/s = 50 bytes/s: one sender gets 12.5, the 99 receivers 37.5.
        Random same = new Random(SEED);
        double senderDraw = same.nextDouble() + 0.5;
        double receiverDraw = same.nextDouble() + 0.5;
        assertEquals(100 / 12.5 * senderDraw / 1.21828,
                seconds(interval.nextDelayNanos(100, 1, true, 8_000, false)), 1e-8);
        assertEquals(100 * 99 / 37.5 * receiverDraw / 1.21828,
                seconds(interval.nextDelayNanos(100, 1, false, 8_000, false)), 1e-8);
    }

    @Test
    void manySendersShareTheWholeBandwidthWithEveryone() {
        // 2 senders of 4 members is more than a quarter: all 4 divide 50 bytes/s.
        double draw = new Random(SEED).nextDouble() + 0.5;
        assertEquals(100 * 4 / 50.0 * draw / 1.21828,
                seconds(interval.nextDelayNanos(4, 2, true, 8_000, false)), 1e-8);
    }

    @Test
    void noSessionBandwidthFallsBackToTheMinimum() {
        assertAllWithin(5 * 0.5 / 1.21828, 5 * 1.5 / 1.21828, () -> interval.nextDelayNanos(1000, 1, false, 0,
                false));
    }

    @Test
    void averageStartsAtTheFirstPacketAndMovesASixteenthTowardEachNext() {
        ReportInterval fresh = new ReportInterval(new Random(SEED));
        assertEquals(ReportInterval.PROBABLE_FIRST_PACKET_BYTES, fresh.averagePacketBytes());
        fresh.packet(100);
        assertEquals(128, fresh.averagePacketBytes());
        fresh.packet(200);
        assertEquals(128 + (228 - 128) / 16.0, fresh.averagePacketBytes(), 1e-12);
    }

    @Test
    void compensationIsEMinusThreeHalves() {
        assertEquals(COMPENSATION, ReportInterval.COMPENSATION, 1e-5);
    }

    private static ReportInterval withAverageOf100Bytes(Random random) {
        ReportInterval interval = new ReportInterval(random);
        interval.packet(72);
        return interval;
    }

    private static void assertAllWithin(double minSeconds, double maxSeconds, java.util.function.LongSupplier delay) {
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double seconds = seconds(delay.getAsLong());
            lowest = Math.min(lowest, seconds);
            highest = Math.max(highest, seconds);
        }
        assertTrue(lowest >= minSeconds - 1e-9, lowest + " s below " + minSeconds);
        assertTrue(highest <= maxSeconds + 1e-9, highest + " s above " + maxSeconds);
        // The draw really is spread over the range, not stuck at one end.
        assertTrue(highest - lowest > (maxSeconds - minSeconds) * 0.9, lowest + ".." + highest);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
