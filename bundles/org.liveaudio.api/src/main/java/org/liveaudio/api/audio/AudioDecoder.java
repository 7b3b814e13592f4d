package org.liveaudio.api.audio;

import org.osgi.annotation.versioning.ConsumerType;

/** Turns RTP payloads back into PCM, and invents audio for frames that never came. */
@ConsumerType
public interface AudioDecoder {
    /** What {@link #recover} returns when the next payload carries nothing of the lost frame. */
    int NOT_RECOVERED = -1;

    /**
     * Decodes one payload into {@code pcm}.
     *
     * @return the samples decoded, or -1 when the payload is malformed (nothing written)
     */
    int decode(byte[] payload, int offset, int length, short[] pcm);

    /** Fills {@code samples} samples of {@code pcm} in place of a lost frame (the codec's own concealment). */
    void conceal(short[] pcm, int samples);

    /**
     * Rebuilds a lost frame of {@code samples} samples from the redundancy carried in the payload that follows
     * it (Opus' in-band FEC). The next payload is decoded again in its own turn.
     *
     * @return the samples rebuilt, or {@link #NOT_RECOVERED} when the payload carries none
     */
    default int recover(byte[] nextPayload, int offset, int length, short[] pcm, int samples) {
        return NOT_RECOVERED;
    }
}
