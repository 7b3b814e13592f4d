package org.liveaudio.api.audio;

import org.osgi.annotation.versioning.ConsumerType;

/** An open source of PCM, read one frame at a time by the sender's clock thread. */
@ConsumerType
public interface AudioInput extends AutoCloseable {
    /** What is playing now, for a status line (e.g. {@code "file song.wav (2/5)"}). */
    String description();

    /**
     * What a listener is told is playing now ("Artist - Title" from a file's tags), or an empty string when the
     * source knows nothing better than its {@link #description()}. Called now and then, not per frame, and
     * from any thread while another reads: must be thread-safe and quick (a volatile read), never block.
     */
    default String title() {
        return "";
    }

    /**
     * Fills {@code pcm} with {@code samples} interleaved samples. Gaps that the source cannot fill (end of a
     * file without loop, an unreadable file) are filled with silence; never throws for bad content.
     * Allocates nothing in steady state.
     *
     * @return how many of the samples came from the source rather than silence
     */
    int read(short[] pcm, int samples);

    /** Samples delivered since the stream began, counting {@code startSample}. */
    long position();

    @Override
    void close();
}
