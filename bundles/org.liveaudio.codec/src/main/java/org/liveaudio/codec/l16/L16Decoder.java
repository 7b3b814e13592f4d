package org.liveaudio.codec.l16;

import java.util.Arrays;
import org.liveaudio.api.audio.AudioDecoder;

/** Reads network-order L16 payloads; a payload that is not a whole number of samples is malformed. */
final class L16Decoder implements AudioDecoder {
    private final int channels;
    private final int bytesPerSample;

    L16Decoder(int channels) {
        this.channels = channels;
        this.bytesPerSample = channels * Short.BYTES;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm) {
        if (offset < 0 || length < 0 || offset > payload.length - length || length % bytesPerSample != 0
                || length / Short.BYTES > pcm.length) {
            return -1;
        }
        int values = length / Short.BYTES;
        int at = offset;
        for (int i = 0; i < values; i++) {
            pcm[i] = (short) ((payload[at] << 8) | (payload[at + 1] & 0xFF));
            at += 2;
        }
        return length / bytesPerSample;
    }

    /** Silence: the simplest concealment that never makes a lost frame louder than the audio around it. */
    @Override
    public void conceal(short[] pcm, int samples) {
        Arrays.fill(pcm, 0, Math.min(pcm.length, samples * channels), (short) 0);
    }
}
