package org.liveaudio.control.sender;

import java.io.IOException;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.api.audio.AudioSource;
import org.liveaudio.api.audio.SourceSettings;

/**
 * The stream's open {@link AudioInput} and where it stands. The position outlives the input, so that the
 * source reopens where it stopped when its service is replaced, the stream is reconfigured or the bundle
 * restarts; only a different source (another type or file) starts from the beginning.
 */
final class SourceFeed {
    private AudioSource service;
    private AudioInput input;
    private String key;
    private SourceSettings settings;
    private AudioFormat format;
    private long position;

    boolean isOpen() {
        return input != null;
    }

    boolean isOpenFor(AudioSource service, String key, SourceSettings settings, AudioFormat format) {
        return input != null && this.service == service && key.equals(this.key) && settings.equals(this.settings)
                && format.equals(this.format);
    }

    /** Makes the next {@link #open} of what {@code key} names start at {@code position} (in {@code format}). */
    void resumeAt(String key, long position, AudioFormat format) {
        close();
        this.key = key;
        this.position = position;
        this.format = format;
    }

    /**
     * Opens {@code service} where the stream stands: at the same position for the same source, its time
     * kept when the sample rate changes, at the beginning for a different source.
     */
    void open(AudioSource service, String key, SourceSettings settings, AudioFormat format) throws IOException {
        close();
        // The same key comes only from an earlier open or resumeAt, both of which set the format.
        long start = !key.equals(this.key) ? 0 : position * format.sampleRate() / this.format.sampleRate();
        this.key = key;
        this.settings = settings;
        this.format = format;
        this.position = start;
        input = service.open(settings, format, start);
        this.service = service;
    }

    /**
     * Fills {@code pcm} as {@link AudioInput#read} does; only while {@link #isOpen()}. The stream sends silence as
     * it sends sound, but does not send frames ahead that a live source could not fill.
     *
     * @return how many of the samples came from the source rather than silence
     */
    int read(short[] pcm, int samples) {
        return input.read(pcm, samples);
    }

    /** What the position belongs to ({@link SenderSettings#sourceKey()}), or {@code null} before any. */
    String key() {
        return key;
    }

    long position() {
        return input == null ? position : input.position();
    }

    /** What plays now, or {@code null} when nothing is open. */
    String description() {
        return input == null ? null : input.description();
    }

    /**
     * What the open input says plays now ({@link AudioInput#title()}), empty when nothing is open or the source
     * names nothing. Foreign code, asked outside the frame path: a failure costs the title, not the stream.
     */
    String title() {
        if (input == null) {
            return "";
        }
        try {
            String title = input.title();
            return title == null ? "" : title;
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Whether the open input came from {@code candidate}. */
    boolean readsFrom(Object candidate) {
        return input != null && service == candidate;
    }

    /** Closes the input if it came from {@code departing}, a service about to go away. */
    void release(Object departing) {
        if (readsFrom(departing)) {
            close();
        }
    }

    void close() {
        AudioInput closing = input;
        if (closing == null) {
            return;
        }
        input = null;
        service = null;
        try {
            position = closing.position();
            closing.close();
        } catch (RuntimeException e) {
            // A source whose bundle is stopping may fail here; the stream reopens from the last good position.
        }
    }
}
