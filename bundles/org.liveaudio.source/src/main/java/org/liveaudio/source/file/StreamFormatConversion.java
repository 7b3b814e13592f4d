package org.liveaudio.source.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioFormat.Encoding;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Opens an audio file as a stream in the stream format, letting javax.sound do the work: its
 * AudioFloatFormatConverter changes sample size, encoding, channel count and rate (resampling) in one step
 * for any PCM input. Compressed encodings (a-law, mu-law) are first decoded to PCM. A file already in the
 * stream format passes through untouched, so its samples stay bit-exact.
 */
final class StreamFormatConversion {
    private StreamFormatConversion() {
    }

    static AudioInputStream open(Path file, AudioFormat target) throws UnplayableFileException, IOException {
        if (!Files.isRegularFile(file)) {
            throw new UnplayableFileException(Files.exists(file) ? "not a file" : "does not exist");
        }
        if (!Files.isReadable(file)) {
            throw new UnplayableFileException("not readable");
        }
        AudioInputStream source;
        try {
            source = AudioSystem.getAudioInputStream(file.toFile());
        } catch (UnsupportedAudioFileException e) {
            throw new UnplayableFileException("not a WAV file");
        }
        try {
            return convert(source, target);
        } catch (UnplayableFileException e) {
            source.close();
            throw e;
        }
    }

    /** Converts directly where javax.sound can, otherwise one property at a time. */
    static AudioInputStream convert(AudioInputStream source, AudioFormat target) throws UnplayableFileException {
        AudioFormat from = source.getFormat();
        AudioInputStream current = source;
        for (AudioFormat step : List.of(pcm16(from.getSampleRate(), from.getChannels()),
                pcm16(from.getSampleRate(), target.getChannels()), target)) {
            if (current.getFormat().matches(target)) {
                return current;
            }
            if (AudioSystem.isConversionSupported(target, current.getFormat())) {
                return AudioSystem.getAudioInputStream(target, current);
            }
            if (!current.getFormat().matches(step) && AudioSystem.isConversionSupported(step, current.getFormat())) {
                current = AudioSystem.getAudioInputStream(step, current);
            }
        }
        if (current.getFormat().matches(target)) {
            return current;
        }
        throw new UnplayableFileException("cannot convert " + from + " to " + target);
    }

    private static AudioFormat pcm16(float sampleRate, int channels) {
        return new AudioFormat(Encoding.PCM_SIGNED, sampleRate, Short.SIZE, channels, channels * Short.BYTES,
                sampleRate, false);
    }
}
