package org.liveaudio.itests;

/**
 * Stereo audio whose frames number themselves: every value of frame {@code k} (a frame of {@code frameSamples}
 * samples, the sender's) holds {@code k + 1} in the left channel, and the right channel counts the samples within
 * the frame. L16 carries values unchanged, so a sink can tell which frame it is handed from its first value.
 */
final class CountingSignal {
    static final int MAX_FRAMES = Short.MAX_VALUE;

    private CountingSignal() {
    }

    static short[] stereo(int frames, int frameSamples) {
        if (frames > MAX_FRAMES) {
            throw new IllegalArgumentException(frames + " frames; at most " + MAX_FRAMES + " can be numbered");
        }
        short[] values = new short[frames * frameSamples * 2];
        for (int frame = 0; frame < frames; frame++) {
            for (int sample = 0; sample < frameSamples; sample++) {
                int at = 2 * (frame * frameSamples + sample);
                values[at] = (short) (frame + 1);
                values[at + 1] = (short) sample;
            }
        }
        return values;
    }
}
