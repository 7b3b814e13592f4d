package org.liveaudio.itests;

import java.util.ArrayList;
import java.util.List;

/**
 * When a soak run of a given length samples the JVM and when it takes its {@link SoakStep}s. An hour samples
 * every minute and takes a step every two minutes, the first a minute in, so that samples and steps alternate.
 * A run shorter than ten minutes is scaled down so that it still has ten samples and takes every step once.
 * The last step interval is left quiet: the final sample then shows the JVM settled after the last step.
 *
 * @param lengthMillis the whole run, from the first sample to the last
 * @param samplePeriodMillis time between samples
 * @param steps the steps, in time order
 */
record SoakSchedule(long lengthMillis, long samplePeriodMillis, List<Step> steps) {
    private static final long MINUTE_MILLIS = 60_000;
    private static final long FULL_SAMPLE_PERIOD_MILLIS = MINUTE_MILLIS;
    private static final long FULL_STEP_SPACING_MILLIS = 2 * MINUTE_MILLIS;
    /** Below this length the periods shrink with the run. */
    private static final long SCALED_BELOW_MILLIS = 10 * MINUTE_MILLIS;
    private static final int SCALED_SAMPLES = 10;

    /**
     * One step at its time.
     *
     * @param round how often this kind of step was taken before: it chooses update or stop/start for a swap,
     *     and which way a reconfiguration goes
     */
    record Step(long atMillis, SoakStep kind, int round) {
    }

    static SoakSchedule of(double minutes) {
        long length = Math.round(minutes * MINUTE_MILLIS);
        if (length < SoakStep.values().length * 1_000L) {
            throw new IllegalArgumentException("a soak run of " + minutes + " minutes has no time for its steps");
        }
        boolean full = length >= SCALED_BELOW_MILLIS;
        long samplePeriod = full ? FULL_SAMPLE_PERIOD_MILLIS : length / SCALED_SAMPLES;
        // One spacing more than there are kinds: every kind once, and the quiet last interval.
        long spacing = Math.min(FULL_STEP_SPACING_MILLIS, length / (SoakStep.values().length + 1));
        int count = (int) (length / spacing) - 1;
        List<Step> steps = new ArrayList<>();
        int[] rounds = new int[SoakStep.values().length];
        for (int i = 0; i < count; i++) {
            SoakStep kind = SoakStep.values()[i % rounds.length];
            steps.add(new Step(i * spacing + spacing / 2, kind, rounds[kind.ordinal()]++));
        }
        return new SoakSchedule(length, samplePeriod, List.copyOf(steps));
    }

    double minutes() {
        return lengthMillis / (double) MINUTE_MILLIS;
    }
}
