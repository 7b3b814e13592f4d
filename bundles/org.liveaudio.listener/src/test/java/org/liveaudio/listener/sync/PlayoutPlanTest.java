package org.liveaudio.listener.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.liveaudio.api.testing.LongAssertions.assertWithin;

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
        // 50 ms at nanoTime 600 s, gaining 100 ppm: the offset at d is 50 ms + 100e-6 * (d - 600 s).
        ClockOffset gaining = new ClockOffset(50 * MS, 100e-6, 600_000 * MS);
        PlayoutPlan plan = new PlayoutPlan(LINE, DELAY, gaining, WALL);

        // An hour of samples on, the deadline d meets the frame's time: d + 50 ms + 100e-6 * (d - 600 s) = 3600 s
        // + 32.5 ms, so d * 1.0001 = 3 600 042 500 000 ns and d = 3 599 682 531 746.8 ns (the offset grew by 300 ms).
        // The plan refines its first guess (300 ms out) twice, each time by the rate: (100e-6)^2 * 300 ms = 3 ns.
        assertWithin(3_599_682_531_747L, plan.deadline(48_000 * 3_600), 5,
                "deadline where the offset that grew meets the frame's time");
    }
}
