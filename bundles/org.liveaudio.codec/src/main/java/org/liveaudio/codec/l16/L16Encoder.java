package org.liveaudio.codec.l16;

import org.liveaudio.api.audio.AudioEncoder;

/** Writes interleaved values in network byte order, as RFC 3551 requires of L16. */
final class L16Encoder implements AudioEncoder {
    private final int channels;

    L16Encoder(int channels) {
        this.channels = channels;
    }

    @Override
    public int encode(short[] pcm, int samples, byte[] out, int offset) {
        int values = samples * channels;
        int at = offset;
        for (int i = 0; i < values; i++) {
            short value = pcm[i];
            out[at++] = (byte) (value >> 8);
            out[at++] = (byte) value;
        }
        return values * Short.BYTES;
    }
}
