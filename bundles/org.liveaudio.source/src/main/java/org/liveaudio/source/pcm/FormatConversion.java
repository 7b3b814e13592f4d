package org.liveaudio.source.pcm;

import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioFormat.Encoding;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Converts PCM to the stream format, letting javax.sound do the work: its AudioFloatFormatConverter changes
 * sample size, encoding, channel count and rate (resampling) in one step for any PCM input. Compressed encodings
 * (a-law, mu-law) are first decoded to PCM. These converters are the JDK's own, which {@code AudioSystem} finds
 * inside OSGi too. Audio already in the stream format passes through untouched, so its samples stay bit-exact.
 */
public final class FormatConversion {
    private FormatConversion() {
    }

    /** Converts directly where javax.sound can, otherwise one property at a time. */
    public static AudioInputStream convert(AudioInputStream source, AudioFormat target)
            throws UnsupportedConversionException {
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
        throw new UnsupportedConversionException("cannot convert " + from + " to " + target);
    }

    private static AudioFormat pcm16(float sampleRate, int channels) {
        return new AudioFormat(Encoding.PCM_SIGNED, sampleRate, Short.SIZE, channels, channels * Short.BYTES,
                sampleRate, false);
    }
}
