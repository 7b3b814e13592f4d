package org.liveaudio.listener.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DriftControllerTest {
    private static final int RATE = 48_000;
    private static final int FRAME = 240;
    private static final int FRAMES_PER_SECOND = RATE / FRAME;

    /**
     * A queue fed one frame per period at the controller's ratio and drained at the sink's own rate, with
     * the depth known exactly: the controller alone, without resampling or device periods.
     */
    private static final class Queue {
        final DriftController controller = new DriftController(RATE);
        final double sinkPpm;
        double depth;

        Queue(double initialDepth, double sinkPpm) {
            this.depth = initialDepth;
            this.sinkPpm = sinkPpm;
        }

        void run(int frames) {
            for (int i = 0; i < frames; i++) {
                depth += FRAME * controller.ratio() - FRAME * (1 + sinkPpm / 1e6);
                controller.update(Math.round(depth), FRAME);
            }
        }
    }

    @Test
    void learnsTheDepthPlayoutSettledAt() {
        Queue queue = new Queue(960, 0);

        queue.run(FRAMES_PER_SECOND);

        assertEquals(960, queue.controller.targetSamples(), 0.5);
        assertEquals(1.0, queue.controller.ratio());
    }

    @Test
    void aDepthStepSettlesBackToTheTarget() {
        Queue queue = new Queue(960, 0);
        queue.run(FRAMES_PER_SECOND);
        queue.depth += 200;

        queue.run(120 * FRAMES_PER_SECOND);

        assertEquals(960, queue.depth, 2);
        assertEquals(1.0, queue.controller.ratio(), 2e-6);
    }

    @Test
    void aConstantDriftIsEstimatedAndTheDepthHeld() {
        for (double ppm : new double[] {200, -200, 37}) {
            Queue queue = new Queue(960, ppm);
            double worst = 0;
            for (int second = 0; second < 300; second++) {
                queue.run(FRAMES_PER_SECOND);
                worst = Math.max(worst, Math.abs(queue.depth - 960));
            }

            assertEquals(ppm, queue.controller.sinkDriftPpm(), 0.5, "estimate for " + ppm + " ppm");
            assertTrue(worst < FRAME, ppm + " ppm moved the depth by " + worst);
        }
    }

    @Test
    void theRatioStaysWithinTheClampWhateverTheSinkDoes() {
        Queue queue = new Queue(960, 5_000);

        for (int second = 0; second < 120; second++) {
            queue.run(FRAMES_PER_SECOND);
            double deviation = Math.abs(queue.controller.ratio() - 1);
            assertTrue(deviation <= DriftController.MAX_DEVIATION + 1e-12, "ratio " + queue.controller.ratio());
        }
        assertEquals(1 + DriftController.MAX_DEVIATION, queue.controller.ratio(), 1e-12);
    }

    @Test
    void aDepthFarOffAfterAnInterruptionBecomesTheNewTargetKeepingTheEstimate() {
        Queue queue = new Queue(960, 200);
        queue.run(300 * FRAMES_PER_SECOND);
        // A sink that stalled for 100 ms while playout went on.
        queue.depth += RATE / 10;

        queue.run(FRAMES_PER_SECOND);

        assertEquals(960 + RATE / 10, queue.controller.targetSamples(), 5);
        assertEquals(200, queue.controller.sinkDriftPpm(), 1);
    }
}
