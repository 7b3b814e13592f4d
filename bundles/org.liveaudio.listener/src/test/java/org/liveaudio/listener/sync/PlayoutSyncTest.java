package org.liveaudio.listener.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.liveaudio.api.testing.LongAssertions.assertWithin;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.NtpTime;
import org.liveaudio.api.net.TimeResponse;
import org.liveaudio.listener.rtcp.WallClock;

class PlayoutSyncTest {
    private static final long MS = 1_000_000;
    private static final long STREAM = 0x1234_5678L;
    private static final long LISTENER = 0xCAFE_BABEL;
    /** The listener's epoch time at nanoTime 0; the sender's clock is {@link #SENDER_AHEAD} ahead of it. */
    private static final long EPOCH_AT_ZERO = 1_700_000_000_000L * MS;
    private static final long SENDER_AHEAD = 50 * MS;
    private static final long DELAY_MICROS = 30_000;
    private static final InetSocketAddress SENDER_AT = new InetSocketAddress("127.0.0.1", 40_000);

    private final WallClock wall = new WallClock(EPOCH_AT_ZERO, 0);
    private final PlayoutSync sync = new PlayoutSync(wall, 48_000);

    /** The sender's NTP time at listener nanoTime {@code nanoTime}. */
    private static long senderNtp(long nanoTime) {
        return NtpTime.fromEpochNanos(EPOCH_AT_ZERO + SENDER_AHEAD + nanoTime);
    }

    /** A response to a request sent at nanoTime {@code sentAt}, 100 us each way; timestamp 48000 at 1000 ms. */
    private void answer(long stream, long sentAt) {
        TimeResponse response = new TimeResponse(stream, LISTENER,
                NtpTime.fromEpochNanos(wall.epochNanosAt(sentAt)), senderNtp(sentAt + 100_000),
                senderNtp(sentAt + 120_000), senderNtp(1_000 * MS), 48_000, DELAY_MICROS);
        sync.timeResponse(response, SENDER_AT, sentAt + 220_000);
    }

    @Test
    void aFrameIsDueAtItsTimeOnTheSendersClockPlusTheDelayOnThisClock() {
        sync.lock(STREAM);
        assertNull(sync.plan());

        answer(STREAM, 500 * MS);

        PlayoutPlan plan = sync.plan();
        assertNotNull(plan);
        assertEquals(SENDER_AT, sync.answeredFrom());
        assertEquals(1, sync.answers());
        assertWithin(SENDER_AHEAD, sync.offsetNanos(), 1, "offset, to the NTP format's quarter nanosecond");
        assertWithin(200_000, sync.roundTripNanos(), 1, "round trip less the sender's 20 us");
        assertWithin(1_030 * MS, plan.deadline(48_000), 1, "deadline of the timeline's frame");
        assertWithin(1_035 * MS, plan.deadline(48_240), 1, "deadline 240 units (5 ms) later");
        assertWithin(EPOCH_AT_ZERO + SENDER_AHEAD + 7 * MS, sync.senderEpochNanosAt(7 * MS), 1, "sender's clock at 7 ms");
    }

    @Test
    void timestampsWrapAroundOnTheLine() {
        sync.lock(STREAM);
        TimeResponse response = new TimeResponse(STREAM, LISTENER, NtpTime.fromEpochNanos(EPOCH_AT_ZERO),
                senderNtp(0), senderNtp(0), senderNtp(1_000 * MS), 0xFFFF_FF10L, DELAY_MICROS);
        sync.timeResponse(response, SENDER_AT, 0);

        assertWithin(1_035 * MS, sync.plan().deadline(0x0000_0000L), 1, "deadline 240 units on, past the wrap");
    }

    @Test
    void aNewStreamNeedsItsOwnAnswerAndAnAnswerAboutAnotherIsIgnored() {
        sync.lock(STREAM);
        answer(STREAM, 500 * MS);
        sync.lock(STREAM + 1);
        assertNull(sync.plan());

        answer(STREAM, 600 * MS);
        assertNull(sync.plan());
        answer(STREAM + 1, 700 * MS);
        assertEquals(STREAM + 1, sync.plan().ssrc());
    }

    @Test
    void aSenderReportMovesTheLineButAnotherSendersDoesNot() {
        sync.lock(STREAM);
        answer(STREAM, 500 * MS);

        sync.senderReport(STREAM, senderNtp(2_000 * MS), 96_480);
        assertWithin(2_030 * MS, sync.plan().deadline(96_480), 1, "deadline on the report's line, 10 ms off the old");
        sync.senderReport(STREAM + 1, senderNtp(9_000 * MS), 96_000);
        assertWithin(2_030 * MS, sync.plan().deadline(96_480), 1, "deadline after another sender's report");
    }

    @Test
    void aClockChangedByTheTestAidVoidsTheOffset() {
        sync.lock(STREAM);
        answer(STREAM, 500 * MS);

        sync.useClock(wall.shiftedBy(10 * MS));

        assertNull(sync.plan());
        assertEquals(0, sync.offsetNanos());
    }

    @Test
    void aStreamOfSsrcZeroIsAStreamLikeAnyOther() {
        sync.lock(0);
        sync.senderReport(STREAM, senderNtp(2_000 * MS), 96_000);
        assertEquals(PlayoutSync.NO_TIME, sync.senderEpochNanos(STREAM, 96_000), "another sender's report");

        answer(0, 500 * MS);

        assertNotNull(sync.plan());
    }

    @Test
    void anotherClockRateRescalesTheKnownLine() {
        sync.useClockRate(96_000);
        sync.lock(STREAM);
        assertNull(sync.plan(), "no line to rescale yet");
        sync.useClockRate(48_000);
        answer(STREAM, 500 * MS);

        sync.useClockRate(96_000);

        assertWithin(1_030 * MS, sync.plan().deadline(48_000), 1, "the line's own frame stays");
        assertWithin(2_030 * MS, sync.plan().deadline(48_000 + 96_000), 1, "96000 units are a second now");
    }
}
