package org.liveaudio.listener.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InterarrivalJitterTest {
    private static final int CLOCK = 48_000;
    private static final long MS = 1_000_000L;

    @Test
    void constantTransitGivesNoJitter() {
        InterarrivalJitter jitter = new InterarrivalJitter(CLOCK);
        long start = 987_654_321_000L;
        for (int i = 0; i < 100; i++) {
            jitter.update(start + 7 * MS + i * 5 * MS, 1_000 + i * 240L);
        }
        assertEquals(0.0, jitter.millis(), 1e-9);
    }

    @Test
    void transitVariationGivesTheRfc3550RunningMean() {
        InterarrivalJitter jitter = new InterarrivalJitter(CLOCK);
        // 5 ms frames (240 units) arriving at 0, 5, 11 and 15 ms.
        jitter.update(0, 0);
        jitter.update(5 * MS, 240);
        assertEquals(0.0, jitter.timestampUnits(), 1e-9);
        jitter.update(11 * MS, 480);
        // D = 288 - 240 = 48 units; J = 0 + (48 - 0) / 16 = 3
        assertEquals(3.0, jitter.timestampUnits(), 1e-9);
        jitter.update(15 * MS, 720);
        // D = 192 - 240 = -48; J = 3 + (48 - 3) / 16 = 5.8125 units = 5.8125 / 48 ms
        assertEquals(5.8125, jitter.timestampUnits(), 1e-9);
        assertEquals(5.8125 / 48, jitter.millis(), 1e-12);
    }

    @Test
    void timestampWrapIsSeamless() {
        InterarrivalJitter jitter = new InterarrivalJitter(CLOCK);
        long timestamp = 0xFFFF_FFFFL - 239;
        for (int i = 0; i < 4; i++) {
            jitter.update(i * 5 * MS, (timestamp + i * 240L) & 0xFFFF_FFFFL);
        }
        assertEquals(0.0, jitter.millis(), 1e-9);
    }

    @Test
    void pauseWithTimestampJumpingByThePausedTimeIsNoJitter() {
        InterarrivalJitter jitter = new InterarrivalJitter(CLOCK);
        jitter.update(0, 0);
        jitter.update(5 * MS, 240);
        jitter.update(2_005 * MS, 240 + 2_000 * 48);
        assertEquals(0.0, jitter.millis(), 1e-9);
    }
}
