package org.liveaudio.source.decode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.UnsupportedAudioFileException;
import javazoom.spi.mpeg.sampled.convert.MpegFormatConversionProvider;
import javazoom.spi.mpeg.sampled.file.MpegAudioFileReader;

/** MP3 through mp3spi (JLayer) (see {@link AudioFiles} for why directly); its ID3 tags are mp3spi's properties. */
final class Mp3File {
    private Mp3File() {
    }

    static DecodedFile open(Path file) throws UnsupportedAudioFileException, IOException {
        MpegAudioFileReader reader = new MpegAudioFileReader();
        Map<String, Object> tags;
        AudioInputStream mp3;
        try {
            tags = reader.getAudioFileFormat(file.toFile()).properties();
            mp3 = reader.getAudioInputStream(file.toFile());
        } catch (UnsupportedAudioFileException e) {
            throw new UnsupportedAudioFileException("not an MP3 file");
        }
        String title = Titles.of(text(tags.get("author")), text(tags.get("title")), file);
        try {
            return new DecodedFile(new MpegFormatConversionProvider()
                    .getAudioInputStream(AudioFiles.pcm16(mp3.getFormat()), mp3), title);
        } catch (IllegalArgumentException e) {
            mp3.close();
            throw new UnsupportedAudioFileException("MP3 that mp3spi cannot decode: " + e.getMessage());
        }
    }

    private static String text(Object tag) {
        return tag == null ? null : tag.toString();
    }
}
