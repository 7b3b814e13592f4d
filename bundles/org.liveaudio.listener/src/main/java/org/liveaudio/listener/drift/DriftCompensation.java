package org.liveaudio.listener.drift;

import org.liveaudio.api.audio.AudioFormat;

/**
 * Plays a stream on a sink with a clock of its own: each frame is resampled at the ratio that keeps the
 * sink's queue steady, and the depth the sink reports after the write steers the next ratio. One per
 * attached sink and format, used on the playout thread only; allocates nothing per frame once its buffers
 * fit the longest frame seen.
 */
public final class DriftCompensation {
    /** Buffers are sized for frames up to this long from the start. */
    private static final int PREALLOCATED_FRAME_MILLIS = 20;

    private final int channels;
    private final AdaptiveResampler resampler;
    private final DriftController controller;
    private short[] resampled;

    public DriftCompensation(AudioFormat format) {
        int frameSamples = format.sampleRate() * PREALLOCATED_FRAME_MILLIS / 1000;
        this.channels = format.channels();
        this.resampler = new AdaptiveResampler(channels, frameSamples);
        this.controller = new DriftController(format.sampleRate());
        this.resampled = new short[AdaptiveResampler.maxOutputSamples(frameSamples) * channels];
    }

    /** Resamples a frame into {@link #resampled()}; returns its samples there. */
    public int resample(short[] pcm, int samples) {
        int values = AdaptiveResampler.maxOutputSamples(samples) * channels;
        if (resampled.length < values) {
            resampled = new short[values];
        }
        return resampler.process(pcm, samples, controller.ratio(), resampled);
    }

    /** The last frame resampled. */
    public short[] resampled() {
        return resampled;
    }

    /**
     * Takes the sink's queue depth after it was given a frame of {@code frameSamples} input samples; a sink
     * that cannot tell this time (-1) leaves the ratio as it was.
     */
    public void queued(long queuedSamples, int frameSamples) {
        if (queuedSamples >= 0) {
            controller.update(queuedSamples, frameSamples);
        }
    }

    /** The sink's clock error against the sender's, in ppm, as far as it is known yet. */
    public double sinkDriftPpm() {
        return controller.sinkDriftPpm();
    }
}
