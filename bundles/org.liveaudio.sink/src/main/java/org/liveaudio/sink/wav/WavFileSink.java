package org.liveaudio.sink.wav;

import java.io.IOException;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.api.audio.AudioSink;
import org.liveaudio.api.audio.SinkSettings;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/** Records to a 16-bit PCM WAV file in the stream format. */
@Component(service = AudioSink.class, property = AudioSink.TYPE + "=" + WavFileSink.TYPE)
public final class WavFileSink implements AudioSink {
    static final String TYPE = "wav";

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public AudioOutput open(SinkSettings settings, AudioFormat format) throws IOException {
        if (settings.file() == null) {
            throw new IOException("the wav sink needs a file to record to");
        }
        return WavFileOutput.open(settings.file(), format, settings.append(), log);
    }
}
