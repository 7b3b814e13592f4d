package org.liveaudio.source.file;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Reads a {@link FileInput} as the clock thread does, keeping only what came from the files. Stereo. */
final class FileInputReading {
    static final int FRAME = 240;
    /** Only a bound so that a broken read-ahead fails the test instead of hanging it. */
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private FileInputReading() {
    }

    /** Everything the files give until the list ends, without the silence read() pads with meanwhile. */
    static short[] readToEnd(FileInput input) {
        return readContent(input, Integer.MAX_VALUE / 2);
    }

    /** The first {@code samples} samples that come from the files (fewer if the list ends first). */
    static short[] readContent(FileInput input, int samples) {
        short[] frame = new short[FRAME * 2];
        short[] content = new short[1 << 16];
        int values = 0;
        long deadline = System.nanoTime() + GIVE_UP_NANOS;
        while (values < samples * 2) {
            boolean drained = input.drained();
            int got = input.read(frame, Math.min(FRAME, samples - values / 2));
            if (values + got * 2 > content.length) {
                content = Arrays.copyOf(content, content.length * 2);
            }
            System.arraycopy(frame, 0, content, values, got * 2);
            values += got * 2;
            if (got == 0) {
                if (drained) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    fail("the read-ahead delivered nothing for " + TimeUnit.NANOSECONDS.toSeconds(GIVE_UP_NANOS) + " s");
                }
                Thread.onSpinWait();
            }
        }
        return Arrays.copyOf(content, values);
    }
}
