package org.liveaudio.source.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.liveaudio.source.decode.AudioFiles;
import org.liveaudio.source.decode.DecodedFile;
import org.liveaudio.source.pcm.FormatConversion;
import org.liveaudio.source.pcm.UnsupportedConversionException;

/** Opens an audio file decoded and converted to the stream format, or says in words why it cannot. */
final class StreamFormatConversion {
    private StreamFormatConversion() {
    }

    static DecodedFile open(Path file, AudioFormat target) throws UnplayableFileException, IOException {
        if (!Files.isRegularFile(file)) {
            throw new UnplayableFileException(Files.exists(file) ? "not a file" : "does not exist");
        }
        if (!Files.isReadable(file)) {
            throw new UnplayableFileException("not readable");
        }
        DecodedFile decoded;
        try {
            decoded = AudioFiles.open(file);
        } catch (UnsupportedAudioFileException e) {
            throw new UnplayableFileException(e.getMessage());
        }
        AudioInputStream source = decoded.pcm();
        try {
            return new DecodedFile(FormatConversion.convert(source, target), decoded.title());
        } catch (UnsupportedConversionException e) {
            source.close();
            throw new UnplayableFileException(e.getMessage());
        }
    }
}
