package org.liveaudio.source.pipe;

import java.io.IOException;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.api.audio.AudioSource;
import org.liveaudio.api.audio.SourceSettings;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Raw PCM from a named pipe or a command's standard output, the way MPD's fifo output, librespot and
 * shairport-sync feed Snapcast. Silence while no writer is there; it plays again when one comes back.
 */
@Component(service = AudioSource.class, property = AudioSource.TYPE + "=" + PipeSource.TYPE)
public final class PipeSource implements AudioSource {
    static final String TYPE = "pipe";

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public AudioInput open(SourceSettings settings, AudioFormat format, long startSample) throws IOException {
        if (settings.pipe() == null) {
            throw new IOException("pipe: no named pipe or command configured");
        }
        return PipeInput.start(settings.pipe(), format, startSample, log);
    }
}
