package org.liveaudio.listener.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;

class JitterBufferTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    /** 5 ms of 48 kHz stereo L16. */
    private static final int FRAME_BYTES = 960;
    private static final int FRAME_SAMPLES = 240;
    private static final long PERIOD_NANOS = 5_000_000L;

    private final StreamCounters counters = new StreamCounters();
    private final Frame frame = new Frame(0);
    private JitterBuffer buffer;
    private long now = 1_000_000_000L;

    private void create(int capacity, int targetMillis) {
        buffer = new JitterBuffer(capacity, targetMillis, STEREO.sampleRate(), FRAME_BYTES, counters);
    }

    /** A payload that says which sequence number it was sent with, to check what plays. */
    private boolean insert(int sequence) {
        return insert(sequence, FRAME_BYTES);
    }

    private boolean insert(int sequence, int payloadBytes) {
        byte[] payload = new byte[Math.max(payloadBytes, 2) + 3];
        payload[3] = (byte) (sequence >> 8);
        payload[4] = (byte) sequence;
        int samples = payloadBytes % STEREO.bytesPerSample() == 0 && payloadBytes > 0
                ? payloadBytes / STEREO.bytesPerSample() : -1;
        return buffer.insert(sequence, sequence * 240L, samples, payload, 3, payloadBytes, now, now);
    }

    private int playedSequence() {
        return ((frame.payload()[0] & 0xFF) << 8) | (frame.payload()[1] & 0xFF);
    }

    /** Polls once per period, advancing the clock, and notes what played: a sequence, or a step name. */
    private List<String> play(int periods) {
        List<String> played = new ArrayList<>();
        for (int i = 0; i < periods; i++) {
            PlayoutStep step = buffer.poll(now, frame);
            played.add(step == PlayoutStep.FRAME ? String.valueOf(playedSequence()) : step.name());
            now += PERIOD_NANOS;
        }
        return played;
    }

    @Test
    void trimmingToThePrebufferPassesOverTheOldestFramesAndKeepsItsDepth() {
        create(64, 0);
        for (int sequence = 100; sequence < 130; sequence++) {
            insert(sequence);
        }
        buffer.prebufferMillis(20);

        buffer.trimToPrebuffer();

        assertEquals(4, buffer.bufferedFrames(), "20 ms of 5 ms frames");
        assertEquals(26, counters.late(), "passed over as late: they were here");
        assertEquals(List.of("126", "127", "128", "129"), play(4));
    }

    @Test
    void playingByItsOwnClockTheBufferTrimsADepthThatStayedAboveThePrebufferForASecond() {
        create(64, 20);
        for (int sequence = 100; sequence < 109; sequence++) {
            insert(sequence);
        }
        // A burst of 9 frames (45 ms) came as playout began; from then on one frame comes per frame played.
        int next = 109;
        long start = now;
        while (now - start < JitterBuffer.LATENCY_WINDOW_NANOS) {
            buffer.boundLatency(now);
            buffer.poll(now, frame);
            insert(next++);
            now += PERIOD_NANOS;
        }
        assertEquals(9, buffer.bufferedFrames(), "nothing trimmed within the first second");

        buffer.boundLatency(now);

        assertEquals(4, buffer.bufferedFrames(), "back to the 20 ms prebuffer of 5 ms frames");
        assertEquals(5, counters.late(), "passed over as late");
        assertEquals(List.of(String.valueOf(next - 4)), play(1));
    }

    @Test
    void playingByItsOwnClockTheBufferKeepsOneFrameBeyondThePrebufferForJitter() {
        create(64, 20);
        for (int sequence = 100; sequence < 105; sequence++) {
            insert(sequence);
        }
        int next = 105;
        long start = now;
        while (now - start <= JitterBuffer.LATENCY_WINDOW_NANOS) {
            buffer.boundLatency(now);
            buffer.poll(now, frame);
            insert(next++);
            now += PERIOD_NANOS;
        }
        buffer.boundLatency(now);

        assertEquals(5, buffer.bufferedFrames(), "the 20 ms prebuffer and a frame more stay");
        assertEquals(0, counters.late());
    }

    @Test
    void trimmingCountsAMissingOldFrameAsLostAndNeverEmptiesTheBufferBelowOneFrame() {
        create(64, 0);
        insert(10);
        insert(12);
        insert(13);
        buffer.prebufferMillis(0);

        buffer.trimToPrebuffer();

        assertEquals(1, counters.lost(), "frame 11");
        assertEquals(2, counters.late(), "frames 10 and 12");
        assertEquals(List.of("13"), play(1));
    }

    @Test
    void inOrderPacketsPlayInSequence() {
        create(64, 0);
        insert(10);
        insert(11);
        insert(12);

        assertEquals(List.of("10", "11", "12"), play(3));
        assertEquals(3, counters.received());
        assertEquals(0, counters.lost() + counters.late() + counters.duplicates() + counters.reordered());
        assertEquals(0, buffer.bufferedFrames());
    }

    @Test
    void theHeadsTimestampIsItsOwnOrCountedBackFromTheNextFrameHere() {
        create(64, 0);
        assertEquals(JitterBuffer.NOT_PLAYING, buffer.headTimestamp());
        insert(10);
        assertEquals(10 * 240, buffer.headTimestamp());

        play(1);
        assertEquals(JitterBuffer.MISSING, buffer.headTimestamp());
        insert(14);
        assertEquals(11 * 240, buffer.headTimestamp(), "frame 11 is missing: 3 frames before frame 14");
    }

    @Test
    void droppingTheDueFrameCountsItLateIfHereLostIfMissingAndWaitsIfNothingCame() {
        create(64, 0);
        insert(10);
        buffer.dropDue();
        assertEquals(1, counters.late());
        assertEquals(JitterBuffer.MISSING, buffer.headTimestamp());

        buffer.dropDue();
        assertEquals(0, counters.lost(), "nothing later came: frame 11 stays due");
        insert(13);
        buffer.dropDue();
        buffer.dropDue();
        assertEquals(2, counters.lost());
        assertEquals(2, counters.passedOver(), "no period went to frames 11 and 12: the playout was elsewhere");
        assertEquals(0, counters.concealed());
        assertEquals(List.of("13"), play(1));
    }

    /**
     * In step with the sender, a lost frame's period comes before the next packet has: it is played as filler, then
     * the frame is passed over when the next one shows it lost. That filler was its concealment, not an underrun.
     */
    @Test
    void aLostFrameWhosePeriodWentToFillerCountsAsConcealedNotAsAnUnderrun() {
        create(64, 0);
        insert(10);
        assertEquals(List.of("10", "UNDERRUN", "UNDERRUN"), play(3));
        insert(13);
        buffer.dropDue();
        buffer.dropDue();
        assertEquals(List.of("13"), play(1));

        assertEquals(2, counters.lost());
        assertEquals(2, counters.concealed(), "every lost frame had its period");
        assertEquals(0, counters.underruns());
        assertEquals(0, counters.passedOver());
    }

    /** A frame that came after its period went to filler was late, and its period stays an underrun. */
    @Test
    void aLateFrameWhosePeriodWentToFillerLeavesTheUnderrun() {
        create(64, 0);
        insert(10);
        assertEquals(List.of("10", "UNDERRUN"), play(2));
        insert(11);
        insert(12);
        buffer.dropDue();
        assertEquals(List.of("12"), play(1));

        assertEquals(1, counters.late());
        assertEquals(1, counters.underruns());
        assertEquals(0, counters.lost());
        assertEquals(0, counters.concealed());
    }

    @Test
    void withoutAPrebufferTheFirstFramePlaysAtOnce() {
        create(64, 40);
        insert(10);
        assertEquals(JitterBuffer.NOT_PLAYING, buffer.headTimestamp());

        buffer.prebufferMillis(0);
        insert(11);
        assertEquals(10 * 240, buffer.headTimestamp());
    }

    @Test
    void reorderedPacketsPlayInSequence() {
        create(64, 20);
        insert(10);
        insert(12);
        insert(11);
        insert(13);

        assertEquals(List.of("10", "11", "12", "13"), play(4));
        assertEquals(1, counters.reordered());
        assertEquals(0, counters.lost());
    }

    @Test
    void aRebuiltPacketInTimePlaysAndCountsAsRecoveredNotAsReceivedOrReordered() {
        create(64, 20);
        insert(10);
        insert(12);
        insertRebuilt(11);
        insert(13);

        assertEquals(List.of("10", "11", "12", "13"), play(4));
        assertEquals(1, counters.fecRecovered());
        assertEquals(3, counters.received());
        assertEquals(0, counters.reordered());
        assertEquals(0, counters.lost());
    }

    @Test
    void aRebuiltPacketTooLateOrTwiceIsNoRecovery() {
        create(64, 0);
        insert(10);
        insert(12);
        assertEquals(List.of("10", "CONCEALED"), play(2));

        insertRebuilt(11);
        insertRebuilt(12);

        assertEquals(0, counters.fecRecovered());
        assertEquals(1, counters.late());
        assertEquals(1, counters.duplicates());
        assertEquals(2, counters.received());
        assertEquals(1, counters.lost());
    }

    private void insertRebuilt(int sequence) {
        byte[] payload = new byte[FRAME_BYTES];
        payload[0] = (byte) (sequence >> 8);
        payload[1] = (byte) sequence;
        buffer.insertRebuilt(sequence, sequence * 240L, FRAME_SAMPLES, payload, 0, FRAME_BYTES, now, now);
    }

    @Test
    void duplicatesAreDroppedAndCounted() {
        create(64, 20);
        insert(10);
        insert(11);
        insert(11);
        insert(10);
        insert(12);
        insert(13);

        assertEquals(List.of("10", "11", "12", "13"), play(4));
        assertEquals(2, counters.duplicates());
        assertEquals(6, counters.received());
    }

    @Test
    void gapIsCountedLostAndConcealedOnce() {
        create(64, 0);
        insert(10);
        insert(12);

        assertEquals(List.of("10", "CONCEALED", "12"), play(3));
        assertEquals(1, counters.lost());
        assertEquals(1, counters.concealed());

        insert(11);
        insert(13);
        assertEquals(List.of("13"), play(1));
        assertEquals(1, counters.lost());
        assertEquals(1, counters.concealed());
        assertEquals(1, counters.late());
    }

    @Test
    void aLostFrameCarriesThePayloadOfTheFrameAfterIt() {
        create(64, 0);
        insert(10);
        insert(12);

        assertEquals(List.of("10"), play(1));
        assertEquals(0, frame.nextLength());
        assertEquals(PlayoutStep.CONCEALED, buffer.poll(now, frame));
        assertEquals(FRAME_BYTES, frame.nextLength());
        assertEquals(12, ((frame.next()[0] & 0xFF) << 8) | (frame.next()[1] & 0xFF));
        assertEquals(PlayoutStep.FRAME, buffer.poll(now, frame));
        assertEquals(0, frame.nextLength());
    }

    @Test
    void aLostFrameWithNothingAfterItYetCarriesNoLookAhead() {
        create(64, 0);
        insert(10);
        insert(13);

        assertEquals(List.of("10", "CONCEALED"), play(2));
        assertEquals(0, frame.nextLength());
    }

    @Test
    void aFrameNoCodecMeasuredIsTakenAsLongAsTheLast() {
        create(64, 0);
        insert(10, 480);
        buffer.insert(11, 11 * 240L, JitterBuffer.AS_BEFORE, new byte[960], 0, 960, now, now);

        play(1);
        assertEquals(PlayoutStep.FRAME, buffer.poll(now, frame));
        assertEquals(120, frame.samples());
        assertEquals(0, counters.undecodable());
    }

    @Test
    void aFrameNoCodecMeasuredBeforeAnyWasIsUndecodable() {
        create(64, 0);

        buffer.insert(10, 2400, JitterBuffer.AS_BEFORE, new byte[960], 0, 960, now, now);

        assertEquals(1, counters.undecodable());
        assertEquals(0, counters.received());
    }

    @Test
    void latePacketIsCountedAndDropped() {
        create(64, 0);
        insert(10);
        insert(11);
        assertEquals(List.of("10", "11"), play(2));

        insert(10);

        assertEquals(1, counters.late());
        assertEquals(0, buffer.bufferedFrames());
        assertEquals(List.of("UNDERRUN"), play(1));
    }

    @Test
    void sequenceWrapsWithoutLoss() {
        create(64, 0);
        insert(65534);
        insert(65535);
        insert(1);
        insert(0);
        insert(2);

        assertEquals(List.of("65534", "65535", "0", "1", "2"), play(5));
        assertEquals(0, counters.lost());
        assertEquals(0, counters.late());
        assertEquals(1, counters.reordered());
    }

    @Test
    void playoutWaitsUntilTheTargetDepthIsBuffered() {
        create(64, 20);

        assertFalse(insert(10));
        assertFalse(insert(11));
        assertFalse(insert(12));
        assertEquals(List.of("WAITING"), play(1));
        assertTrue(insert(13), "4 frames of 5 ms make the 20 ms target");

        assertEquals(List.of("10"), play(1));
        assertEquals(3, buffer.bufferedFrames());
    }

    @Test
    void pauseIdlesThePlayoutAndResumesWithoutLoss() {
        create(64, 20);
        for (int sequence = 10; sequence < 14; sequence++) {
            insert(sequence);
            now += PERIOD_NANOS;
        }
        List<String> played = play(40);

        assertEquals(List.of("10", "11", "12", "13"), played.subList(0, 4));
        assertEquals("WAITING", played.get(played.size() - 1), "idle once the stream stopped for 120 ms");
        assertTrue(played.contains("UNDERRUN"), "silence while it could still be a late packet");
        assertEquals(List.of("WAITING", "WAITING", "WAITING"), play(3));
        assertEquals(0, counters.underruns(), "a dry spell that ends in idle was a pause, not an underrun");

        now += 3_000_000_000L;
        insert(14);
        insert(15);
        insert(16);
        assertEquals(List.of("WAITING"), play(1), "prebuffers again after a pause");
        insert(17);

        assertEquals(List.of("14", "15", "16", "17"), play(4));
        assertEquals(0, counters.lost());
        assertEquals(0, counters.concealed());
    }

    @Test
    void reorderingRightAfterAPauseIsNotLoss() {
        create(64, 10);
        insert(10);
        insert(11);
        play(2);
        now += 1_000_000_000L;
        assertEquals(List.of("WAITING"), play(1));

        insert(13);
        insert(12);

        assertEquals(List.of("12", "13"), play(2));
        assertEquals(0, counters.lost());
        assertEquals(1, counters.reordered());
    }

    @Test
    void gapAcrossAnIdlePeriodIsLostButNotConcealed() {
        create(64, 0);
        insert(10);
        play(1);
        now += 1_000_000_000L;
        play(1);

        insert(16);

        assertEquals(List.of("16"), play(1));
        assertEquals(5, counters.lost());
        assertEquals(0, counters.concealed());
    }

    @Test
    void underrunIsCountedWhileActiveAndDelaysInsteadOfLosing() {
        create(64, 0);
        insert(10);
        assertEquals(List.of("10", "UNDERRUN"), play(2));

        insert(11);

        assertEquals(List.of("11"), play(1));
        assertEquals(1, counters.underruns());
        assertEquals(0, counters.lost());
        assertEquals(0, counters.late());
    }

    @Test
    void frameLengthIsDerivedFromThePayloadAndFollowsAChange() {
        create(64, 0);
        insert(10);
        play(1);
        assertEquals(FRAME_SAMPLES, frame.samples());

        insert(11, 2 * FRAME_BYTES);
        insert(13, 2 * FRAME_BYTES);
        play(1);
        assertEquals(2 * FRAME_SAMPLES, frame.samples());
        assertEquals(2 * FRAME_SAMPLES, buffer.frameSamples());

        assertEquals(List.of("CONCEALED"), play(1));
        assertEquals(2 * FRAME_SAMPLES, frame.samples(), "concealment as long as the frames around it");
    }

    @Test
    void payloadTheCodecCannotReadIsUndecodable() {
        create(64, 0);

        insert(10, FRAME_BYTES + 1);
        insert(11, 0);

        assertEquals(2, counters.undecodable());
        assertEquals(0, counters.received());
        assertEquals(List.of("WAITING"), play(1));
    }

    @Test
    void overflowDropsTheOldestAsLate() {
        create(8, 0);
        insert(10);
        for (int sequence = 11; sequence <= 18; sequence++) {
            insert(sequence);
        }

        assertEquals(1, counters.late());
        assertEquals(List.of("11", "12"), play(2));
    }

    @Test
    void farSequenceJumpRestartsOnceTheNextPacketConfirmsIt() {
        create(64, 0);
        insert(10);
        play(1);

        insert(20_000);
        assertEquals(List.of("UNDERRUN"), play(1), "a lone far packet is not trusted");
        insert(20_001);

        assertEquals(List.of("20001"), play(1));
        assertEquals(0, counters.lost());
    }

    @Test
    void restartForgetsTheSequenceButKeepsTheCounts() {
        create(64, 0);
        insert(10);
        insert(12);
        play(2);

        buffer.restart();
        insert(40_000);

        assertEquals(List.of("40000"), play(1));
        assertEquals(1, counters.lost());
        assertEquals(3, counters.received());
    }

    @Test
    void capacityCoversTheTargetWithHeadroomAtShortFrames() {
        assertEquals(256, JitterBuffer.capacityFor(20));
        assertEquals(128, JitterBuffer.capacityFor(0));
        assertEquals(1024, JitterBuffer.capacityFor(2000));
    }

    @Test
    void insertSaysWhenThePrebufferCompletesAndAtNoOtherPacket() {
        create(64, 20);
        assertFalse(insert(10));
        assertFalse(insert(12));
        assertFalse(insert(12), "a duplicate while prebuffering");
        assertFalse(insert(11), "reordered while prebuffering");
        assertFalse(insert(10, 3), "undecodable");
        assertTrue(insert(13));

        assertFalse(insert(15), "playing already");
        assertFalse(insert(15), "a duplicate of the highest while playing");
        assertFalse(insert(14), "reordered while playing");
        play(1);
        assertFalse(insert(10), "late");

        assertEquals(2, counters.duplicates());
        assertEquals(2, counters.reordered());
        assertEquals(1, counters.late());
        assertEquals(5, buffer.bufferedFrames());
    }

    @Test
    void withoutAPrebufferTheFirstPacketCompletesIt() {
        create(64, 0);

        assertTrue(insert(10));
    }

    @Test
    void aFarJumpIsLateUntilTheNextPacketConfirmsItThenPlaysAlone() {
        create(64, 0);
        insert(10);
        insert(11);

        assertFalse(insert(5_010));
        assertTrue(insert(5_011), "the confirmed stream starts and, without a prebuffer, plays");

        assertEquals(1, counters.late());
        assertEquals(1, buffer.bufferedFrames(), "what the old sequence left is gone");
        assertEquals(List.of("5011", "UNDERRUN"), play(2));
    }

    @Test
    void aJumpIsConfirmedAcrossTheWrap() {
        create(64, 0);
        insert(30_000);

        assertFalse(insert(65_535));
        assertTrue(insert(0));
        assertEquals(List.of("0"), play(1));
    }

    /** Plays frame 10 from a buffer without prebuffer, then lets the stream go idle: frame 11 is due. */
    private void playTenThenIdle() {
        create(16, 0);
        insert(10);
        assertEquals(List.of("10"), play(1));
        now += JitterBuffer.IDLE_MARGIN_NANOS + 1;
        assertEquals(List.of("WAITING"), play(1));
    }

    @Test
    void afterIdleAnOlderPacketIsLateAndANewerOneResumes() {
        playTenThenIdle();

        assertFalse(insert(9));
        assertTrue(insert(20), "no prebuffer: resumes at once");

        assertEquals(1, counters.late());
        assertEquals(9, counters.lost(), "11 to 19 went missing while idle");
        assertEquals(List.of("20"), play(1));
    }

    @Test
    void afterIdleThePrebufferTakesNothingThatPlayedBefore() {
        playTenThenIdle();
        buffer.prebufferMillis(1_000);

        assertFalse(insert(20));
        assertFalse(insert(9), "before the idle period's floor");
        assertFalse(insert(15), "after it: reordered");

        assertEquals(1, counters.late());
        assertEquals(1, counters.reordered());
    }

    @Test
    void aPacketACapacityBehindTheHighestIsLateWhilePrebuffering() {
        create(16, 1_000);
        insert(100);

        insert(84);
        insert(85);

        assertEquals(1, counters.late());
        assertEquals(1, counters.reordered());
    }

    @Test
    void overflowCountsHeldFramesLateAndGapsLostEvenBeyondTheRing() {
        create(16, 1_000);
        insert(0);
        insert(2);

        insert(20);
        assertEquals(2, counters.late(), "0 and 2 pushed out");
        assertEquals(3, counters.lost(), "1, 3 and 4");
        assertEquals(1, buffer.bufferedFrames());

        insert(60);
        assertEquals(3, counters.late());
        assertEquals(3 + 15 + 24, counters.lost(), "5 to 44 but 20, the last 24 beyond the ring");
    }

    @Test
    void overflowWhilePrebufferingAfterIdleCountsTheIdleGapOnce() {
        playTenThenIdle();
        buffer.prebufferMillis(1_000);
        insert(20);

        assertTrue(insert(40), "a full ring ends the prebuffer");

        assertEquals(1, counters.late(), "20 pushed out");
        assertEquals(9 + 4, counters.lost(), "11 to 19 while idle, 21 to 24 pushed out, each once");
    }

    @Test
    void fillerCarriesNoPayloadAndTheSequenceItStandsFor() {
        create(64, 0);
        insert(10);
        insert(12);

        assertEquals(PlayoutStep.FRAME, buffer.poll(now, frame));
        assertEquals(now, frame.senderNanos());
        assertEquals(PlayoutStep.CONCEALED, buffer.poll(now, frame));
        assertEquals(0, frame.length());
        assertEquals(11, frame.sequence());
        assertEquals(FRAME_SAMPLES, frame.samples());
        buffer.poll(now, frame);
        assertEquals(PlayoutStep.UNDERRUN, buffer.poll(now, frame));
        assertEquals(0, frame.length());
        assertEquals(13, frame.sequence());
    }

    @Test
    void theStreamIsIdleOnlyOnceNothingCameForTheDepthPlusTheMargin() {
        create(64, 20);
        long arrived = now;
        for (int sequence = 10; sequence < 14; sequence++) {
            insert(sequence);
        }
        play(4);

        long idleAfter = 20_000_000L + JitterBuffer.IDLE_MARGIN_NANOS;
        assertEquals(PlayoutStep.UNDERRUN, buffer.poll(arrived + idleAfter, frame));
        assertEquals(PlayoutStep.WAITING, buffer.poll(arrived + idleAfter + 1, frame));
    }

    @Test
    void onlyThePlayingBufferHasAHead() {
        create(64, 20);
        insert(10);

        assertFalse(buffer.headArrived());
        buffer.dropDue();
        assertEquals(0, counters.late(), "nothing is due while prebuffering");
    }

    @Test
    void droppingAHeldFrameFreesItsSlot() {
        create(64, 0);
        insert(10);
        insert(11);

        buffer.dropDue();

        assertEquals(1, buffer.bufferedFrames());
        assertEquals(List.of("11"), play(1));
    }

    @Test
    void onlyAsManyDroppedFramesAsUnderrunsHadAPeriod() {
        create(64, 0);
        insert(10);
        assertEquals(List.of("10", "UNDERRUN"), play(2));
        insert(13);

        buffer.dropDue();
        buffer.dropDue();

        assertEquals(1, counters.concealed(), "11 had the underrun's period");
        assertEquals(1, counters.passedOver(), "12 had none");
        assertEquals(0, counters.underruns());
    }

    @Test
    void restartForgetsWhatIsBuffered() {
        create(64, 0);
        insert(10);
        insert(11);
        insert(12);

        buffer.restart();
        insert(11);

        assertEquals(1, buffer.bufferedFrames());
        assertEquals(List.of("11", "UNDERRUN"), play(2));
    }

    @Test
    void theRingIsAPowerOfTwoOfAtLeastTwoSlots() {
        create(2, 0);
        assertEquals(2, buffer.capacity());
        assertSame(counters, buffer.counters());

        for (int capacity : new int[] {1, 3, 0}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new JitterBuffer(capacity, 0, 48_000, FRAME_BYTES, counters), "capacity " + capacity);
        }
    }

    @Test
    void aSequenceExactlyTheDropoutAheadIsNoJump() {
        create(64, 0);
        insert(10);
        play(1);

        insert(3_010);

        assertEquals(0, counters.late());
        assertEquals(1, buffer.bufferedFrames());
    }

    @Test
    void aConfirmedJumpPrebuffersAgain() {
        create(64, 20);
        insert(10);

        assertFalse(insert(5_010));
        assertFalse(insert(5_011), "the restarted stream buffers its 20 ms first");
    }
}
