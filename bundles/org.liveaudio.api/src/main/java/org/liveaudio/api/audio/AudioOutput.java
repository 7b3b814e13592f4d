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

    /** Flushes and releases the sink; a file sink finalizes its header here. */
    @Override
    void close() throws IOException;
}
