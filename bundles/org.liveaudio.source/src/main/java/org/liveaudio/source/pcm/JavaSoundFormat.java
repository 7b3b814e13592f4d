package org.liveaudio.source.pcm;

import org.liveaudio.api.audio.AudioFormat;

/** The stream format as javax.sound names it, in the byte order {@link SampleRing} reads. */
public final class JavaSoundFormat {
    private JavaSoundFormat() {
    }

    public static javax.sound.sampled.AudioFormat of(AudioFormat format) {
        return new javax.sound.sampled.AudioFormat(format.sampleRate(), Short.SIZE, format.channels(), true, false);
    }
}
