package org.liveaudio.listener.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.liveaudio.listener.rtcp.WallClock;

class PlayoutPlanTest {
    private static final long MS = 1_000_000L;
    private static final long X = 1_795_536_000_000_000_000L;
    private static final WallClock WALL = new WallClock(X, 0);
    private static final Timeline LINE = new Timeline(1, X, 0, 48_000);
    private static final long DELAY = 32_500_000L;

    @Test
    void aFrameIsDueAtItsTimePlusTheDelayLessTheOffset() {
        PlayoutPlan plan = new PlayoutPlan(LINE, DELAY, new ClockOffset(50 * MS, 0, 0), WALL);

        assertEquals(1_000 * MS + DELAY - 50 * MS, plan.deadline(48_000));
    }

    @Test
    void anOffsetThatMovesIsTakenAtTheDeadline() {
        ClockOffset gaining = new ClockOffset(50 * MS, 100e-6, 0);
        PlayoutPlan plan = new PlayoutPlan(LINE, DELAY, gaining, WALL);

        long deadline = plan.deadline(48_000 * 3_600);
        long missed = WALL.epochNanosAt(deadline) + gaining.at(deadline) - (X + 3_600_000 * MS + DELAY);
        assertEquals(0, missed, 5,
                "an hour on, the offset has grown by 360 ms; the deadline is where it meets the frame's time");
    }
}
