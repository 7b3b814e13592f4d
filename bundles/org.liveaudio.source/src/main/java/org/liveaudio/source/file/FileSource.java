package org.liveaudio.source.file;

import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.api.audio.AudioSource;
import org.liveaudio.api.audio.SourceSettings;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * An audio file (WAV, FLAC, MP3, Ogg Vorbis, Ogg Opus), a playlist ({@code .m3u}, {@code .m3u8}, {@code .pls}) or
 * a folder of audio files played in name order. Opening never fails: a stream must go on, so a path with nothing
 * playable gives an input that plays silence, says why in its description and logs it once.
 */
@Component(service = AudioSource.class, property = AudioSource.TYPE + "=" + FileSource.TYPE)
public final class FileSource implements AudioSource {
    static final String TYPE = "file";

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public AudioInput open(SourceSettings settings, AudioFormat format, long startSample) {
        return FileInput.start(settings.file(), settings.loop(), format, startSample, log);
    }
}
