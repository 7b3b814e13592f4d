package org.liveaudio.itests;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a recording repeats its source sample for sample: the longest stretch of the recording equal to the
 * source at one offset. A lossless path (L16, L24 on the wire, a WAV sink) must give back long stretches; one
 * changed bit ends a stretch. The source must not repeat itself (noise in the test signals sees to that).
 */
final class ExactRuns {
    /** Values that start a stretch: few enough to find it early, enough that noise does not repeat them. */
    private static final int KEY_VALUES = 4;

    /** @param recordingStart where the stretch starts in the recording, {@code sourceStart} in the source */
    record Run(int recordingStart, int sourceStart, int length) {
    }

    private ExactRuns() {
    }

    /** The longest stretch; its length is 0 when no {@value #KEY_VALUES} values in a row are the source's. */
    static Run longest(short[] source, short[] recording) {
        return runs(source, recording, 0).stream().max(Comparator.comparingInt(Run::length))
                .orElse(new Run(0, 0, 0));
    }

    /**
     * Every stretch at least {@code minLength} long, in recording order: where audio went missing (a late packet, a
     * stalled sender) one stretch ends and the next starts at another offset.
     */
    static List<Run> runs(short[] source, short[] recording, int minLength) {
        Map<Long, Integer> starts = new HashMap<>();
        for (int s = 0; s + KEY_VALUES <= source.length; s++) {
            starts.putIfAbsent(key(source, s), s);
        }
        List<Run> runs = new ArrayList<>();
        int r = 0;
        while (r + KEY_VALUES <= recording.length) {
            Integer s = starts.get(key(recording, r));
            if (s == null) {
                r++;
                continue;
            }
            int length = 0;
            while (r + length < recording.length && s + length < source.length
                    && recording[r + length] == source[s + length]) {
                length++;
            }
            if (length >= Math.max(1, minLength)) {
                runs.add(new Run(r, s, length));
            }
            r += Math.max(1, length);
        }
        return runs;
    }

    /**
     * Asserts that the recording repeats the source unchanged from where it picked up (the first moments may go to
     * joining the group) to the source's end, in one stretch.
     *
     * @param latestStart how far into the source, in values, the stretch may start at the latest
     */
    static void assertToTheEnd(String what, short[] source, short[] recording, int latestStart) {
        Run run = longest(source, recording);
        String found = what + ": the recording repeats the source sample for sample: " + run + " of "
                + source.length + " values";
        if (run.sourceStart() + run.length() != source.length || run.sourceStart() >= latestStart) {
            throw new AssertionError(found);
        }
    }

    private static long key(short[] values, int at) {
        long key = 0;
        for (int i = 0; i < KEY_VALUES; i++) {
            key = key << 16 | (values[at + i] & 0xFFFF);
        }
        return key;
    }
}
