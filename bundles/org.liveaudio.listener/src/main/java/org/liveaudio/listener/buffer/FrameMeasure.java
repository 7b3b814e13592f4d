package org.liveaudio.listener.buffer;

import org.liveaudio.api.audio.AudioFormat;

/**
 * How many samples a payload carries. The jitter buffer learns the frame length from the packets
 * themselves, since the SDP does not fix it and a sender may change it.
 */
@FunctionalInterface
public interface FrameMeasure {
    /** @return the samples in a payload of {@code payloadBytes}, or -1 when no frame has that size */
    int samples(int payloadBytes);

    /** Uncompressed PCM (L16): every sample takes the same number of bytes. */
    static FrameMeasure linearPcm(AudioFormat format) {
        int bytesPerSample = format.bytesPerSample();
        return payloadBytes -> payloadBytes > 0 && payloadBytes % bytesPerSample == 0
                ? payloadBytes / bytesPerSample
                : -1;
    }
}
