package org.liveaudio.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Whether a listener's recording holds the source sample for sample: the check of every lossless round trip. */
final class RecordingMatch {
    private static final int MATCH_PROBE_SAMPLES = 64;

    private RecordingMatch() {
    }

    /** The recording is silence, then every source value in order, then anything (the stream has ended). */
    static void assertContainsAfterSilence(String listener, short[] source, short[] recorded, int channels,
            int maxLeadingSilence) {
        int start = startOf(source, recorded, channels, maxLeadingSilence);
        if (start < 0) {
            fail(listener + ": the source's first " + MATCH_PROBE_SAMPLES + " samples are not in the recording ("
                    + recorded.length / channels + " samples) after at most " + maxLeadingSilence
                    + " samples of silence");
        }
        assertTrue(listener + ": recording ends " + (start + source.length - recorded.length) / channels
                + " samples before the source does", start + source.length <= recorded.length);
        int mismatches = 0;
        int firstMismatch = -1;
        for (int i = 0; i < source.length; i++) {
            if (recorded[start + i] != source[i]) {
                mismatches++;
                if (firstMismatch < 0) {
                    firstMismatch = i;
                }
            }
        }
        if (mismatches > 0) {
            fail(listener + ": " + mismatches + " of " + source.length + " values differ from the source; first at"
                    + " sample " + firstMismatch / channels + " (channel " + firstMismatch % channels + "): "
                    + recorded[start + firstMismatch] + " instead of " + source[firstMismatch]);
        }
    }

    /** Index of the value where the source starts in the recording, with only zeros before it; -1 if none. */
    private static int startOf(short[] source, short[] recorded, int channels, int maxLeadingSilence) {
        int probe = MATCH_PROBE_SAMPLES * channels;
        for (int start = 0; start <= maxLeadingSilence * channels && start + probe <= recorded.length;
                start += channels) {
            if (matches(source, recorded, start, probe)) {
                return start;
            }
            for (int channel = 0; channel < channels; channel++) {
                if (recorded[start + channel] != 0) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static boolean matches(short[] source, short[] recorded, int start, int length) {
        for (int i = 0; i < length; i++) {
            if (recorded[start + i] != source[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The recording is silence, then the source from some point within its first {@code maxSkipped} samples to its
     * end, every value in order: what a listener that joined late, or started by its own clock from the newest frames
     * of its prebuffer, plays of a lossless stream.
     */
    static void assertPlaysTheRestOf(String listener, short[] source, short[] recorded, int channels, int maxSkipped) {
        int probe = MATCH_PROBE_SAMPLES * channels;
        int first = 0;
        while (first < recorded.length && recorded[first] == 0) {
            first++;
        }
        first -= first % channels;
        int from = -1;
        for (int offset = 0; offset <= maxSkipped * channels && offset + probe <= source.length
                && first + probe <= recorded.length; offset += channels) {
            if (matches(source, offset, recorded, first, probe)) {
                from = offset;
                break;
            }
        }
        if (from < 0) {
            fail(listener + ": the recording's first sound is none of the source's first " + maxSkipped + " samples");
        }
        int length = source.length - from;
        assertTrue(listener + ": recording ends " + (first + length - recorded.length) / channels
                + " samples before the source does", first + length <= recorded.length);
        for (int i = 0; i < length; i++) {
            if (recorded[first + i] != source[from + i]) {
                fail(listener + ": from source sample " + from / channels + " on, sample " + (from + i) / channels
                        + " (channel " + i % channels + ") is " + recorded[first + i] + " instead of "
                        + source[from + i]);
            }
        }
    }

    private static boolean matches(short[] source, int sourceOffset, short[] recorded, int recordedOffset,
            int length) {
        for (int i = 0; i < length; i++) {
            if (recorded[recordedOffset + i] != source[sourceOffset + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The recording, from its first sound on, is a stretch of the source played in a loop, every value in order:
     * what a player that tuned in at any moment records of a looped lossless stream.
     */
    static void assertStretchOfLoop(String player, short[] source, short[] recorded, int channels) {
        int first = 0;
        while (first < recorded.length && recorded[first] == 0) {
            first++;
        }
        first -= first % channels;
        int probe = MATCH_PROBE_SAMPLES * channels;
        assertTrue(player + ": the recording holds " + (recorded.length - first) / channels + " samples of sound",
                recorded.length - first >= probe);
        int from = -1;
        for (int offset = 0; offset < source.length && from < 0; offset += channels) {
            boolean match = true;
            for (int i = 0; i < probe && match; i++) {
                match = recorded[first + i] == source[(offset + i) % source.length];
            }
            from = match ? offset : -1;
        }
        if (from < 0) {
            fail(player + ": the recording's first sound is nowhere in the source");
        }
        for (int i = 0; first + i < recorded.length; i++) {
            short expected = source[(from + i) % source.length];
            if (recorded[first + i] != expected) {
                fail(player + ": " + (i / channels) + " samples into its sound the recording has "
                        + recorded[first + i] + " where the source has " + expected);
            }
        }
    }
}
