package org.liveaudio.source.generated;

import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.api.audio.AudioSource;
import org.liveaudio.api.audio.SourceSettings;
import org.osgi.service.component.annotations.Component;

/** The built-in default source: a short stereo tune that loops, needing no file and no device. */
@Component(service = AudioSource.class, property = AudioSource.TYPE + "=" + MelodySource.TYPE)
public final class MelodySource implements AudioSource {
    static final String TYPE = "melody";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public AudioInput open(SourceSettings settings, AudioFormat format, long startSample) {
        return new MelodyInput(format, startSample);
    }
}
