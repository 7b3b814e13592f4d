package org.liveaudio.listener.drift;

import org.liveaudio.api.audio.AudioOutput;

/**
 * A sound card whose clock runs {@code ppm} fast or slow against the sender's, in simulated time: by sender
 * time t (counted in samples since its start) it has played floor(t * (1 + ppm / 1e6)) samples, in whole device
 * periods, as a card reports them. It starts playing once it holds a start-up fill, and counts underruns.
 * It keeps no audio, only counts: an hour of it fits in a few fields.
 */
final class SimulatedClockSink implements AudioOutput {
    private final long clockMillionths;
    private final int periodSamples;
    private final int startSamples;
    private long written;
    private long now;
    private long startedAt = -1;
    int smallestWrite = Integer.MAX_VALUE;
    int largestWrite;
    long underruns;

    /**
     * @param ppm how fast the card's clock runs against the sender's
     * @param periodSamples the card plays and reports in blocks of this many samples
     * @param startSamples the card starts playing once it holds this many
     */
    SimulatedClockSink(int ppm, int periodSamples, int startSamples) {
        this.clockMillionths = 1_000_000L + ppm;
        this.periodSamples = periodSamples;
        this.startSamples = startSamples;
    }

    /** Moves simulated time to {@code senderSamples} samples of the sender's clock since the start. */
    void advanceTo(long senderSamples) {
        now = senderSamples;
        if (played() > written) {
            underruns++;
        }
    }

    private long played() {
        if (startedAt < 0) {
            return 0;
        }
        long periods = (now - startedAt) * clockMillionths / (1_000_000L * periodSamples);
        return periods * periodSamples;
    }

    @Override
    public String description() {
        return "simulated card " + (clockMillionths - 1_000_000L) + " ppm";
    }

    @Override
    public void write(short[] pcm, int samples) {
        smallestWrite = Math.min(smallestWrite, samples);
        largestWrite = Math.max(largestWrite, samples);
        written += samples;
        if (startedAt < 0 && written >= startSamples) {
            startedAt = now;
        }
    }

    @Override
    public long samplesWritten() {
        return written;
    }

    @Override
    public long queuedSamples() {
        return Math.max(0, written - played());
    }

    @Override
    public void close() {
    }
}
