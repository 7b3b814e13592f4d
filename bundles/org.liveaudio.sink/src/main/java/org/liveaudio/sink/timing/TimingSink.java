package org.liveaudio.sink.timing;

import java.io.IOException;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.api.audio.AudioSink;
import org.liveaudio.api.audio.SinkSettings;
import org.osgi.service.component.annotations.Component;

/**
 * A timing probe: plays nothing, and writes to its file, per frame, the instant the listener handed it over and a
 * fingerprint of its audio, so that the logs of two rooms (two listener processes on one machine's clock, or on
 * machines whose clocks agree) tell how far apart each frame was handed over.
 */
@Component(service = AudioSink.class, property = AudioSink.TYPE + "=" + TimingSink.TYPE)
public final class TimingSink implements AudioSink {
    static final String TYPE = "timing";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public AudioOutput open(SinkSettings settings, AudioFormat format) throws IOException {
        if (settings.file() == null) {
            throw new IOException("the timing sink needs a file to write its log to");
        }
        return TimingOutput.open(settings.file(), format, settings.append());
    }
}
