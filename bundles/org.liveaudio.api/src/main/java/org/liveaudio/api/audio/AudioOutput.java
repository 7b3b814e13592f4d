package org.liveaudio.api.audio;

import java.io.IOException;
import org.osgi.annotation.versioning.ConsumerType;

/** An open sink, written one frame at a time by a listener's playout thread. */
@ConsumerType
public interface AudioOutput extends AutoCloseable {
    /** Where the audio goes, for a status line (e.g. {@code "wav /tmp/l1.wav"}). */
    String description();

    /** Writes {@code samples} interleaved samples from {@code pcm}; may block for the device. */
    void write(short[] pcm, int samples) throws IOException;

    long samplesWritten();

    /**
     * Samples written but not yet played, for a device that plays on its own clock: the listener steers
     * this depth to keep it steady, resampling to follow the device's clock. A sink that takes audio as
     * fast as it comes (a file, nothing) needs no such compensation and answers -1.
     */
    default long queuedSamples() {
        return -1;
    }

    /**
     * Whether the instant each frame is handed over changes what is heard: true (the default) for a device that a
     * listener fills in step with the other rooms, or a probe that measures that instant, so the playout thread
     * waits for it to within microseconds at the price of a short spin before every frame. A sink for which the
     * instant changes nothing (a file, nothing) answers false, and gets each frame after a plain park, which
     * wakes some tens of microseconds late.
     */
    default boolean handOverInstantMatters() {
        return true;
    }

    /** Flushes and releases the sink; a file sink finalizes its header here. */
    @Override
    void close() throws IOException;
}
