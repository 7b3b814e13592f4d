package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long PERIOD = 5_000_000;
    private static final long START = 1_000_000_000_000L;

    private final Pacer pacer = new Pacer();

    PacerTest() {
        pacer.restart(START, PERIOD);
    }

    @Test
    void deadlinesStayAbsoluteAfterAMillionFramesOfLateWakeUps() {
        Random wakeUpError = new Random(7);
        int frames = 1_000_000;
        for (int frame = 0; frame < frames; frame++) {
            long now = pacer.nextDeadline() + wakeUpError.nextInt((int) (PERIOD / 20));
            long slot = pacer.take(now);
            assertEquals(frame, slot);
            pacer.sent(slot, now);
        }
        assertEquals(START + frames * PERIOD, pacer.nextDeadline());
        assertEquals(0, pacer.framesLate());
        assertEquals(0, pacer.framesSkipped());
    }

    @Test
    void nothingIsDueBeforeTheDeadline() {
        assertEquals(0, pacer.take(START));
        assertEquals(-1, pacer.take(START + PERIOD - 1));
        assertEquals(1, pacer.take(START + PERIOD));
    }

    @Test
    void frameSentMoreThanATenthOfAPeriodLateIsCountedLateWithTheWorstLateness() {
        pacer.sent(pacer.take(START), START + PERIOD / 10);
        assertEquals(0, pacer.framesLate());

        pacer.sent(pacer.take(START + PERIOD), START + PERIOD + 600_000);
        pacer.sent(pacer.take(START + 2 * PERIOD), START + 2 * PERIOD + 550_000);

        assertEquals(2, pacer.framesLate());
        assertEquals(600_000, pacer.worstLatenessNanos());
    }

    @Test
    void aStallOfExactlyOneFrameMoreThanTheCatchUpSkipsThatOne() {
        pacer.take(START);
        long afterStall = START + 21 * PERIOD;

        assertEquals(2, pacer.take(afterStall), "slots 1..21 are due, 20 may go out");
        assertEquals(1, pacer.framesSkipped());
    }

    @Test
    void aGridWithoutPeriodIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Pacer().restart(START, 0));
    }

    @Test
    void afterALongStall100MsOfFramesGoOutAndTheRestAreSkipped() {
        pacer.take(START);
        long afterStall = START + 40 * PERIOD + PERIOD / 2;

        for (long slot = 21; slot <= 40; slot++) {
            assertEquals(slot, pacer.take(afterStall), "20 frames of 5 ms catch up 100 ms");
        }
        assertEquals(-1, pacer.take(afterStall));
        assertEquals(20, pacer.framesSkipped());
    }

    @Test
    void longFramesStillCatchUpThree() {
        pacer.restart(START, 20 * PERIOD);
        pacer.take(START);
        long afterStall = START + 10 * 20 * PERIOD;

        assertEquals(8, pacer.take(afterStall));
        assertEquals(9, pacer.take(afterStall));
        assertEquals(10, pacer.take(afterStall));
        assertEquals(-1, pacer.take(afterStall));
        assertEquals(7, pacer.framesSkipped());
    }

    @Test
    void aStallShorterThan100MsCatchesUpWithoutSkipping() {
        pacer.take(START);
        long afterStall = START + 7 * PERIOD;

        for (long slot = 1; slot <= 7; slot++) {
            assertEquals(slot, pacer.take(afterStall));
        }
        assertEquals(-1, pacer.take(afterStall));
        assertEquals(0, pacer.framesSkipped());
    }

    @Test
    void idleSlotsPassWithoutCountingAsSkipped() {
        pacer.take(START);
        pacer.idle(START + 40 * PERIOD + 1);

        assertEquals(41, pacer.take(START + 41 * PERIOD));
        assertEquals(0, pacer.framesSkipped());
    }

    @Test
    void skippedSlotsAdvanceTheTimestampButNotTheSequence() {
        RtpSession session = new RtpSession(0x1234, 100, 5_000, 240);
        long first = pacer.take(START);
        long afterStall = pacer.take(START + 40 * PERIOD);

        assertEquals(5_000, session.timestamp(first));
        assertEquals(100, session.takeSequence());
        assertEquals(5_000 + afterStall * 240, session.timestamp(afterStall));
        assertEquals(5_000 + 21 * 240, session.timestamp(afterStall), "the oldest 20 of 40 due slots skipped");
        assertEquals(101, session.takeSequence());
    }

    @Test
    void restartKeepsTheCountersButStartsANewGrid() {
        pacer.take(START);
        pacer.take(START + 10 * PERIOD);
        long skipped = pacer.framesSkipped();

        pacer.restart(START + 11 * PERIOD, 2 * PERIOD);

        assertEquals(START + 11 * PERIOD, pacer.nextDeadline());
        assertEquals(START + 13 * PERIOD, pacer.deadline(1));
        assertEquals(skipped, pacer.framesSkipped());
    }
}
