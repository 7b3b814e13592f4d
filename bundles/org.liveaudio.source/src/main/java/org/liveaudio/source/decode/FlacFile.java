package org.liveaudio.source.decode;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.jflac.sound.spi.FlacAudioFileReader;
import org.jflac.sound.spi.FlacFormatConversionProvider;

/** FLAC through jflac's Java Sound providers (see {@link AudioFiles} for why directly); tags from its metadata. */
final class FlacFile {
    private static final byte[] MAGIC = {'f', 'L', 'a', 'C'};
    private static final int VORBIS_COMMENT = 4;

    private FlacFile() {
    }

    static DecodedFile open(Path file) throws UnsupportedAudioFileException, IOException {
        String title = title(file);
        AudioInputStream flac;
        try {
            flac = new FlacAudioFileReader().getAudioInputStream(file.toFile());
        } catch (UnsupportedAudioFileException e) {
            throw new UnsupportedAudioFileException("not a FLAC file");
        }
        try {
            return new DecodedFile(new FlacFormatConversionProvider()
                    .getAudioInputStream(AudioFiles.pcm16(flac.getFormat()), flac), title);
        } catch (IllegalArgumentException e) {
            flac.close();
            throw new UnsupportedAudioFileException("FLAC that jflac cannot decode: " + e.getMessage());
        }
    }

    /** Walks the metadata blocks that follow the magic to the VORBIS_COMMENT block, if there is one. */
    private static String title(Path file) throws UnsupportedAudioFileException, IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            byte[] magic = new byte[MAGIC.length];
            if (in.read(magic) != magic.length || !Arrays.equals(magic, MAGIC)) {
                throw new UnsupportedAudioFileException("not a FLAC file");
            }
            boolean last = false;
            while (!last) {
                int header = in.readInt();
                last = header < 0;
                int type = (header >>> 24) & 0x7F;
                int length = header & 0xFF_FFFF;
                if (type == VORBIS_COMMENT) {
                    byte[] block = in.readNBytes(length);
                    return VorbisComments.title(block, 0, block.length, file);
                }
                in.skipNBytes(length);
            }
            return Titles.fileName(file);
        } catch (EOFException e) {
            throw new UnsupportedAudioFileException("a truncated FLAC file: it ends within its metadata");
        }
    }
}
