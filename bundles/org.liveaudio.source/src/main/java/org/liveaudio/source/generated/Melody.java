package org.liveaudio.source.generated;

/**
 * Synthesizes {@link Tune} as a pure function of the absolute sample index, so that a source reopened at
 * any sample continues exactly where the last one stopped.
 *
 * <p>Three voices: a plucked arpeggio (left of centre) whose notes ring on under the next one, a soft bass in
 * the middle, and the melody (right of centre). Every note's envelope starts and ends at zero, so note
 * boundaries never click, and the voices together peak near -7 dBFS.
 */
final class Melody {
    private static final double TWO_PI = 2 * Math.PI;

    private static final double ARPEGGIO_LEVEL = 0.22;
    private static final double BASS_LEVEL = 0.28;
    private static final double LEAD_LEVEL = 0.33;
    private static final double ARPEGGIO_LEFT = 0.80;
    private static final double ARPEGGIO_RIGHT = 0.45;
    private static final double BASS_PAN = 0.70;
    private static final double LEAD_LEFT = 0.50;
    private static final double LEAD_RIGHT = 0.80;

    private final double sampleRate;
    private final long samplesPerStep;
    private final long samplesPerCycle;
    private final double stepSeconds;

    Melody(int sampleRate) {
        this.sampleRate = sampleRate;
        this.samplesPerStep = Math.round(sampleRate * Tune.SECONDS_PER_STEP);
        this.samplesPerCycle = samplesPerStep * Tune.STEPS;
        this.stepSeconds = samplesPerStep / (double) sampleRate;
    }

    long samplesPerCycle() {
        return samplesPerCycle;
    }

    /**
     * Writes sample {@code sample} to {@code pcm[at .. at + channels)}: mono gets the mix of both sides,
     * more than two channels get left on even and right on odd channels.
     */
    void render(long sample, short[] pcm, int at, int channels) {
        long inCycle = Math.floorMod(sample, samplesPerCycle);
        int step = (int) (inCycle / samplesPerStep);
        double sinceStep = (inCycle - step * samplesPerStep) / sampleRate;

        double arpeggio = pluck(Tune.arpeggioNote(step), sinceStep);
        if (sample >= samplesPerStep) {
            // the previous arpeggio note still rings, except before the very first note of the stream
            arpeggio += pluck(Tune.arpeggioNote((step + Tune.STEPS - 1) % Tune.STEPS), sinceStep + stepSeconds);
        }
        double bass = bass(Tune.bassNote(step), sinceStep + (step % Tune.BASS_STEPS) * stepSeconds);
        int leadNote = Tune.melodyNote(step);
        double lead = leadNote == 0 ? 0
                : lead(leadNote, sinceStep + (step - Tune.melodyStart(step)) * stepSeconds,
                        Tune.melodyLength(step) * stepSeconds);

        double left = ARPEGGIO_LEFT * arpeggio + BASS_PAN * bass + LEAD_LEFT * lead;
        double right = ARPEGGIO_RIGHT * arpeggio + BASS_PAN * bass + LEAD_RIGHT * lead;
        if (channels == 1) {
            pcm[at] = toValue((left + right) / 2);
            return;
        }
        short l = toValue(left);
        short r = toValue(right);
        for (int c = 0; c < channels; c++) {
            pcm[at + c] = c % 2 == 0 ? l : r;
        }
    }

    /** A plucked string: quick attack, exponential decay, ringing for two steps. */
    private double pluck(int note, double age) {
        double length = 2 * stepSeconds;
        double envelope = rise(age, 0.004) * Math.exp(-age / 0.35) * rise(length - age, 0.03);
        return ARPEGGIO_LEVEL * envelope * harmonics(Tune.frequency(note) * age, 0.25, 0.08);
    }

    private double bass(int note, double age) {
        double length = Tune.BASS_STEPS * stepSeconds;
        double envelope = rise(age, 0.02) * Math.exp(-age / 1.2) * rise(length - age, 0.08);
        return BASS_LEVEL * envelope * harmonics(Tune.frequency(note) * age, 0.35, 0);
    }

    /** A soft flute-like voice that settles to a sustain level and breathes out before the next note. */
    private double lead(int note, double age, double length) {
        double sustain = 0.65 + 0.35 * Math.exp(-age / 0.4);
        double envelope = rise(age, 0.025) * sustain * rise(length - age, 0.05);
        return LEAD_LEVEL * envelope * harmonics(Tune.frequency(note) * age, 0.3, 0.12);
    }

    /** A fundamental with second and third harmonics, normalised to a peak of at most 1. */
    private static double harmonics(double cycles, double second, double third) {
        double phase = TWO_PI * (cycles - Math.floor(cycles));
        return (Math.sin(phase) + second * Math.sin(2 * phase) + third * Math.sin(3 * phase)) / (1 + second + third);
    }

    /** 0 at {@code time} 0, rising smoothly (raised cosine) to 1 at {@code span} and staying there. */
    private static double rise(double time, double span) {
        if (time <= 0) {
            return 0;
        }
        if (time >= span) {
            return 1;
        }
        double s = Math.sin(Math.PI / 2 * time / span);
        return s * s;
    }

    private static short toValue(double level) {
        long value = Math.round(level * Short.MAX_VALUE);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }
}
