package org.liveaudio.api.audio;

/**
 * The shape of PCM audio inside the system: signed 16-bit samples, channels interleaved.
 *
 * <p>Words used throughout: a <em>sample</em> is one instant across all channels (what javax.sound calls a
 * frame); a <em>value</em> is one channel's 16-bit number within it; a <em>frame</em> is the block of samples
 * that travels in one RTP packet.
 */
public record AudioFormat(int sampleRate, int channels) {
    public static final int MIN_SAMPLE_RATE = 8_000;
    public static final int MAX_SAMPLE_RATE = 192_000;
    public static final int MIN_CHANNELS = 1;
    public static final int MAX_CHANNELS = 8;

    public AudioFormat {
        if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException(
                    "sample rate " + sampleRate + " outside " + MIN_SAMPLE_RATE + ".." + MAX_SAMPLE_RATE);
        }
        if (channels < MIN_CHANNELS || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("channels " + channels + " outside " + MIN_CHANNELS + ".."
                    + MAX_CHANNELS);
        }
    }

    /** Bytes of one sample as 16-bit PCM. */
    public int bytesPerSample() {
        return channels * Short.BYTES;
    }

    /**
     * Samples in a frame of the given length, or -1 when that length does not hold a whole number of
     * samples at this rate (a frame must, so that RTP timestamps advance by an integer).
     */
    public int samplesPerFrame(int frameMicros) {
        long scaled = (long) sampleRate * frameMicros;
        return frameMicros > 0 && scaled % 1_000_000 == 0 ? (int) (scaled / 1_000_000) : -1;
    }

    @Override
    public String toString() {
        return sampleRate + " Hz " + (channels == 1 ? "mono" : channels == 2 ? "stereo" : channels + " ch")
                + " 16-bit";
    }
}
