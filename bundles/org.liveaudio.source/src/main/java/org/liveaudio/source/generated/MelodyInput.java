package org.liveaudio.source.generated;

import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;

final class MelodyInput implements AudioInput {
    private final Melody melody;
    private final int channels;
    private long position;

    MelodyInput(AudioFormat format, long startSample) {
        this.melody = new Melody(format.sampleRate());
        this.channels = format.channels();
        this.position = startSample;
    }

    @Override
    public String description() {
        return "melody";
    }

    @Override
    public int read(short[] pcm, int samples) {
        for (int i = 0; i < samples; i++) {
            melody.render(position + i, pcm, i * channels, channels);
        }
        position += samples;
        return samples;
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
