package org.liveaudio.listener.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liveaudio.api.testing.LongAssertions.assertWithin;

import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.NtpTime;
import org.liveaudio.api.stream.LatencyStats;
import org.liveaudio.listener.rtcp.WallClock;
import org.liveaudio.listener.sync.PlayoutSync;

class LatencyMeterTest {
    private static final long MS = 1_000_000L;
    /** The sender's report instant X, in ns since the epoch. */
    private static final long X = 1_795_536_000_000_000_000L;
    /** nanoTime at which this listener's wall clock read X. */
    private static final long NANO_AT_X = 77_000 * MS;
    private static final long SENDER = 0xC0FF_EE00L;
    private static final long R = 3_000_000_000L;

    private final WallClock wall = new WallClock(X, NANO_AT_X);
    private final PlayoutSync sync = new PlayoutSync(wall, 48_000);
    private final LatencyMeter meter = new LatencyMeter(sync::senderEpochNanos, wall::epochNanosAt);

    private void senderReport(long ssrc, long rtpTimestamp) {
        sync.senderReport(ssrc, NtpTime.fromEpochNanos(X), rtpTimestamp);
    }

    private void lock(long ssrc) {
        sync.lock(ssrc);
        meter.relock();
    }

    @Test
    void receiveLatencyIsArrivalMinusTheFramesTimeOnTheSendersClock() {
        lock(SENDER);
        senderReport(SENDER, R);

        // T = R + 480 is 10 ms after the report on the sender's clock; it arrives 13 ms after X.
        long sent = meter.received(SENDER, R + 480, NANO_AT_X + 13 * MS);
        meter.handed(sent, NANO_AT_X + 35 * MS);

        assertWithin(X + 10 * MS, sent, 1, "the frame's time on the sender's clock");
        LatencyStats stats = meter.stats();
        assertEquals(1, stats.samples());
        assertEquals(3.0, stats.receiveMaxMillis(), 1e-5);
        assertEquals(3.0, stats.receiveP50Millis(), 3.0 / 128, "within its bucket");
        assertEquals(25.0, stats.playoutMaxMillis(), 1e-5);
        assertEquals(25.0, stats.playoutP99Millis(), 25.0 / 128);
    }

    @Test
    void timestampWrapDoesNotDisturbTheLatency() {
        lock(SENDER);
        long beforeWrap = 0xFFFF_FE00L;
        senderReport(SENDER, beforeWrap);

        meter.received(SENDER, (beforeWrap + 480) & 0xFFFF_FFFFL, NANO_AT_X + 13 * MS);

        assertEquals(3.0, meter.stats().receiveMaxMillis(), 1e-5);
    }

    @Test
    void nothingIsMeasuredBeforeTheLockedSendersFirstReport() {
        lock(SENDER);
        senderReport(0x0D1F_FE12L, R);

        long sent = meter.received(SENDER, R + 480, NANO_AT_X + 13 * MS);
        meter.handed(sent, NANO_AT_X + 35 * MS);

        assertEquals(FrameTimes.NO_TIME, sent);
        assertEquals(LatencyStats.NONE, meter.stats());
    }

    @Test
    void lockingOntoANewStreamStartsAfresh() {
        lock(SENDER);
        senderReport(SENDER, R);
        meter.received(SENDER, R + 480, NANO_AT_X + 13 * MS);
        long other = 0x0A0B_0C0DL;

        lock(other);
        senderReport(other, 0);
        meter.received(other, 480, NANO_AT_X + 11 * MS);

        LatencyStats stats = meter.stats();
        assertEquals(1, stats.samples());
        assertEquals(1.0, stats.receiveMaxMillis(), 1e-5);
        assertTrue(stats.playoutMaxMillis() == 0, "nothing played since the new lock");
    }

    @Test
    void playoutMeasuredWithoutAnyArrivalIsStillShown() {
        LatencyMeter handedOnly = new LatencyMeter((ssrc, timestamp) -> FrameTimes.NO_TIME, nanos -> nanos);

        handedOnly.handed(0, 2_000_000);

        LatencyStats stats = handedOnly.stats();
        assertEquals(0, stats.samples());
        assertEquals(2.0, stats.playoutMaxMillis());
    }
}
