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

    /** Flushes and releases the sink; a file sink finalizes its header here. */
    @Override
    void close() throws IOException;
}
