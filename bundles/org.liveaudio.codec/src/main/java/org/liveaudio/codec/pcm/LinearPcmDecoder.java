package org.liveaudio.codec.pcm;

import java.util.Arrays;
import org.liveaudio.api.audio.AudioDecoder;

/**
 * Reads network-order linear PCM payloads (L16, L24) into 16-bit values: of an L24 value the upper 16 bits, so
 * that 16-bit audio carried as L24 (its low byte zero, as GStreamer's and ffmpeg's converters pad it) comes back
 * unchanged. A payload that is not a whole number of samples is malformed.
 *
 * <p>A lost frame is concealed by repeating the last frame that arrived, faded: a hard cut to silence clicks,
 * while a short fading echo of the audio around the gap is barely heard. The repeat fades out over
 * {@link #FADE_FRAMES} lost frames in a row, after which a longer gap is silence.
 */
public final class LinearPcmDecoder implements AudioDecoder {
    static final int FADE_FRAMES = 2;

    private final int channels;
    private final int bytesPerValue;
    private final int bytesPerSample;
    private short[] last;
    private int lastSamples;
    private int concealedInARow;

    /** @param bytesPerValue 2 for L16, 3 for L24 */
    public LinearPcmDecoder(int channels, int samplesPerFrame, int bytesPerValue) {
        this.channels = channels;
        this.bytesPerValue = bytesPerValue;
        this.bytesPerSample = channels * bytesPerValue;
        this.last = new short[samplesPerFrame * channels];
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm) {
        if (offset < 0 || length < 0 || offset > payload.length - length || length % bytesPerSample != 0
                || length / bytesPerValue > pcm.length) {
            return -1;
        }
        int values = length / bytesPerValue;
        int at = offset;
        for (int i = 0; i < values; i++) {
            pcm[i] = (short) ((payload[at] << 8) | (payload[at + 1] & 0xFF));
            at += bytesPerValue;
        }
        remember(pcm, values);
        return length / bytesPerSample;
    }

    private void remember(short[] pcm, int values) {
        if (last.length < values) {
            last = new short[values];
        }
        System.arraycopy(pcm, 0, last, 0, values);
        lastSamples = values / channels;
        concealedInARow = 0;
    }

    @Override
    public void conceal(short[] pcm, int samples) {
        int values = Math.min(pcm.length, samples * channels);
        int fading = concealedInARow < FADE_FRAMES ? Math.min(values / channels, lastSamples) : 0;
        // Linear gain from where the previous concealed frame ended down towards zero at the fade's end.
        double fadeLength = (double) FADE_FRAMES * samples;
        double startGain = 1.0 - concealedInARow * samples / fadeLength;
        for (int sample = 0; sample < fading; sample++) {
            double gain = startGain - sample / fadeLength;
            for (int channel = 0; channel < channels; channel++) {
                int i = sample * channels + channel;
                pcm[i] = (short) Math.round(last[i] * gain);
            }
        }
        Arrays.fill(pcm, fading * channels, values, (short) 0);
        concealedInARow++;
    }
}
