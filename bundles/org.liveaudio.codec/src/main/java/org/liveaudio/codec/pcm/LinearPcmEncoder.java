package org.liveaudio.codec.pcm;

import org.liveaudio.api.audio.AudioEncoder;

/**
 * Writes interleaved 16-bit values in network byte order, as RFC 3551 (L16) and RFC 3190 (L24) require; as L24,
 * each value is the upper 16 bits of a 24-bit one whose low byte is zero.
 */
public final class LinearPcmEncoder implements AudioEncoder {
    private final int channels;
    private final int bytesPerValue;

    /** @param bytesPerValue 2 for L16, 3 for L24 */
    public LinearPcmEncoder(int channels, int bytesPerValue) {
        this.channels = channels;
        this.bytesPerValue = bytesPerValue;
    }

    @Override
    public int encode(short[] pcm, int samples, byte[] out, int offset) {
        int values = samples * channels;
        int at = offset;
        for (int i = 0; i < values; i++) {
            short value = pcm[i];
            out[at] = (byte) (value >> 8);
            out[at + 1] = (byte) value;
            for (int pad = 2; pad < bytesPerValue; pad++) {
                out[at + pad] = 0;
            }
            at += bytesPerValue;
        }
        return values * bytesPerValue;
    }
}
