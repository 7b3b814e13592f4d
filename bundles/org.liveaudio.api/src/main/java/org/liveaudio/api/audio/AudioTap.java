package org.liveaudio.api.audio;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sees every frame a sender streams, as PCM before it is encoded: registered as a service, it is bound by the
 * sender while it runs and called on the sender's clock thread, once per frame sent (silence included, nothing
 * while paused). The clock thread paces every listener, so {@link #frame} copies what it needs and returns: it
 * must not block, allocate in steady state, or throw.
 */
@ConsumerType
public interface AudioTap {
    /**
     * @param pcm interleaved samples of one frame, valid only during the call
     * @param samples samples per channel in {@code pcm}
     * @param format the stream's format
     */
    void frame(short[] pcm, int samples, AudioFormat format);

    /** One line on what the tap does with the frames and how that goes, for {@code stream:status}. */
    String status();
}
