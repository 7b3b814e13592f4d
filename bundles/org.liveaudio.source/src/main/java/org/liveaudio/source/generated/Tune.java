package org.liveaudio.source.generated;

/**
 * The score of the built-in tune: eight bars in D major at 96 beats per minute, the I–V–vi–IV progression
 * (D, A, Bm, G) played twice under a melody, counted in eighth notes ("steps").
 */
final class Tune {
    static final double SECONDS_PER_STEP = 60.0 / 96 / 2;
    static final int STEPS_PER_BAR = 8;
    static final int BARS = 8;
    static final int STEPS = STEPS_PER_BAR * BARS;
    static final int BASS_STEPS = STEPS_PER_BAR / 2;

    /** MIDI note of each bar's chord root, in the octave the arpeggio starts from. */
    private static final int[] CHORD_ROOT = {50, 45, 47, 43};
    /** Semitones from root to third: major, major, minor, major. */
    private static final int[] CHORD_THIRD = {4, 4, 3, 4};

    /** Melody as (MIDI note, length in steps) pairs; note 0 is a rest. Each bar adds up to 8 steps. */
    private static final int[] MELODY = {
        69, 2, 74, 2, 78, 3, 76, 1, //  D
        76, 4, 73, 2, 69, 2, //        A
        71, 2, 74, 2, 78, 2, 76, 1, 74, 1, // Bm
        74, 4, 71, 2, 0, 2, //         G
        78, 2, 81, 2, 81, 1, 79, 1, 78, 2, // D
        76, 2, 73, 1, 76, 1, 81, 4, // A
        78, 2, 74, 2, 71, 2, 73, 1, 74, 1, // Bm
        71, 2, 76, 2, 74, 4, //        G
    };

    /** For every step, the index of the melody note sounding then. */
    private static final int[] MELODY_NOTE_AT_STEP = new int[STEPS];
    /** For every step, the step at which that melody note began. */
    private static final int[] MELODY_START_AT_STEP = new int[STEPS];

    private static final double[] FREQUENCY = new double[128];

    static {
        for (int note = 0; note < FREQUENCY.length; note++) {
            FREQUENCY[note] = 440.0 * Math.pow(2, (note - 69) / 12.0);
        }
        int step = 0;
        for (int note = 0; note < MELODY.length / 2; note++) {
            int length = MELODY[2 * note + 1];
            for (int i = 0; i < length; i++) {
                MELODY_NOTE_AT_STEP[step + i] = note;
                MELODY_START_AT_STEP[step + i] = step;
            }
            step += length;
        }
        if (step != STEPS) {
            throw new ExceptionInInitializerError("the melody lasts " + step + " steps, not " + STEPS);
        }
    }

    private Tune() {
    }

    /** Arpeggio note at a step: root, fifth, octave, tenth, twelfth, tenth, octave, fifth. */
    static int arpeggioNote(int step) {
        int chord = chordAt(step);
        int third = CHORD_THIRD[chord] + 12;
        int root = CHORD_ROOT[chord];
        return switch (step % STEPS_PER_BAR) {
            case 0 -> root;
            case 1, 7 -> root + 7;
            case 2, 6 -> root + 12;
            case 3, 5 -> root + third;
            default -> root + 19;
        };
    }

    /** Bass in half notes: the root an octave down, then the fifth above it. */
    static int bassNote(int step) {
        int root = CHORD_ROOT[chordAt(step)] - 12;
        return step % STEPS_PER_BAR < BASS_STEPS ? root : root + 7;
    }

    static int melodyNote(int step) {
        return MELODY[2 * MELODY_NOTE_AT_STEP[step]];
    }

    static int melodyStart(int step) {
        return MELODY_START_AT_STEP[step];
    }

    static int melodyLength(int step) {
        return MELODY[2 * MELODY_NOTE_AT_STEP[step] + 1];
    }

    static double frequency(int midiNote) {
        return FREQUENCY[midiNote];
    }

    private static int chordAt(int step) {
        return (step / STEPS_PER_BAR) % CHORD_ROOT.length;
    }
}
