package org.liveaudio.api.audio;

import org.osgi.annotation.versioning.ConsumerType;

/** Turns one frame of PCM into one RTP payload. Allocates nothing per call. */
@ConsumerType
public interface AudioEncoder {
    /** @return the payload length written at {@code out[offset..]} */
    int encode(short[] pcm, int samples, byte[] out, int offset);
}
