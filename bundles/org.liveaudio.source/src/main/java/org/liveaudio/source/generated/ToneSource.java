package org.liveaudio.source.generated;

import java.io.IOException;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.api.audio.AudioSource;
import org.liveaudio.api.audio.SourceSettings;
import org.osgi.service.component.annotations.Component;

/** A test tone at the frequency of the sender's {@code toneHz} setting. */
@Component(service = AudioSource.class, property = AudioSource.TYPE + "=" + ToneSource.TYPE)
public final class ToneSource implements AudioSource {
    static final String TYPE = "tone";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public AudioInput open(SourceSettings settings, AudioFormat format, long startSample) throws IOException {
        double hz = settings.toneHz();
        if (!(hz > 0 && hz < format.sampleRate() / 2.0)) {
            throw new IOException("tone " + hz + " Hz cannot be played at " + format.sampleRate()
                    + " Hz; allowed: above 0 and below " + format.sampleRate() / 2 + " Hz");
        }
        return new ToneInput(hz, format, startSample);
    }
}
