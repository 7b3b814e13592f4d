package org.liveaudio.source.generated;

import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;

/** A sine on every channel whose phase is a function of the absolute sample index. */
final class ToneInput implements AudioInput {
    /** -12 dBFS: clearly audible, and leaves room when it is mixed or resampled downstream. */
    static final double AMPLITUDE = Math.pow(10, -12 / 20.0) * Short.MAX_VALUE;

    private final double hz;
    private final String description;
    private final int sampleRate;
    private final int channels;
    private long position;

    ToneInput(double hz, AudioFormat format, long startSample) {
        this.hz = hz;
        this.description = "tone " + (hz == Math.rint(hz) ? Long.toString((long) hz) : Double.toString(hz)) + " Hz";
        this.sampleRate = format.sampleRate();
        this.channels = format.channels();
        this.position = startSample;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int read(short[] pcm, int samples) {
        for (int i = 0; i < samples; i++) {
            short value = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * cycles(position + i)));
            int at = i * channels;
            for (int c = 0; c < channels; c++) {
                pcm[at + c] = value;
            }
        }
        position += samples;
        return samples;
    }

    /**
     * The fraction of a cycle at {@code sample}, split at whole seconds so that hours into the stream the
     * phase keeps its precision.
     */
    private double cycles(long sample) {
        double wholeSeconds = hz * (sample / sampleRate);
        double cycles = wholeSeconds - Math.floor(wholeSeconds) + hz * (sample % sampleRate) / sampleRate;
        return cycles - Math.floor(cycles);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {
        // nothing is held
    }
}
