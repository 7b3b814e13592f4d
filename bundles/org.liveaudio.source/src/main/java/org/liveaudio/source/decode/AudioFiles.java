package org.liveaudio.source.decode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioFormat.Encoding;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Opens the audio files the {@code file} source plays, choosing the decoder by the file's extension.
 *
 * <p>The FLAC and MP3 decoders are Java Sound service providers, but {@code AudioSystem} finds providers through
 * the thread's context class loader, which inside OSGi cannot see this bundle's embedded copies. So their readers
 * and converters are instantiated directly; Ogg files are decoded packet by packet (JOrbis, Concentus). Only WAV
 * goes through {@code AudioSystem}, whose reader is the JDK's own.
 */
public final class AudioFiles {
    /** The extensions, in lower case, of the files a folder is played for. */
    public static final Set<String> EXTENSIONS = Set.of("wav", "flac", "mp3", "ogg", "oga", "opus");

    private AudioFiles() {
    }

    public static boolean isAudioFile(Path file) {
        return EXTENSIONS.contains(extension(file));
    }

    /** @throws UnsupportedAudioFileException when the file is not what its extension says, in words */
    public static DecodedFile open(Path file) throws UnsupportedAudioFileException, IOException {
        return switch (extension(file)) {
            case "wav" -> WavFile.open(file);
            case "flac" -> FlacFile.open(file);
            case "mp3" -> Mp3File.open(file);
            case "ogg", "oga", "opus" -> OggFile.open(file);
            default -> throw new UnsupportedAudioFileException(
                    "not a supported audio file (.wav, .flac, .mp3, .ogg, .oga, .opus)");
        };
    }

    /** Signed 16-bit little-endian PCM at the rate and channels of a decoder's input. */
    static AudioFormat pcm16(AudioFormat encoded) {
        int channels = encoded.getChannels();
        float rate = encoded.getSampleRate();
        return new AudioFormat(Encoding.PCM_SIGNED, rate, Short.SIZE, channels, channels * Short.BYTES, rate, false);
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
