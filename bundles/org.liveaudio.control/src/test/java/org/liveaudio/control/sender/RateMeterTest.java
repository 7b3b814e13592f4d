package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateMeterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aSteadyStreamMeasuresExactlyItsRate() {
        RateMeter meter = new RateMeter();
        long start = 77 * SECOND;
        for (int packet = 0; packet < 600; packet++) {
            meter.record(start + packet * 5_000_000L, 972);
        }
        long now = start + 3 * SECOND;

        assertEquals(200 * 972, meter.bytesPerSecond(now));
    }

    @Test
    void aStreamThatStoppedFadesToZeroWithinASecond() {
        RateMeter meter = new RateMeter();
        for (int packet = 0; packet < 400; packet++) {
            meter.record(packet * 5_000_000L, 972);
        }

        assertEquals(0, meter.bytesPerSecond(2 * SECOND + SECOND + 100_000_000L));
    }
}
