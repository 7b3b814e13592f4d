package org.liveaudio.api.audio;

import org.osgi.annotation.versioning.ConsumerType;

/** Turns RTP payloads back into PCM, and invents audio for frames that never came. */
@ConsumerType
public interface AudioDecoder {
    /**
     * Decodes one payload into {@code pcm}.
     *
     * @return the samples decoded, or -1 when the payload is malformed (nothing written)
     */
    int decode(byte[] payload, int offset, int length, short[] pcm);

    /** Fills {@code samples} samples of {@code pcm} in place of a lost frame. */
    void conceal(short[] pcm, int samples);
}
