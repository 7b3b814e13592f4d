package org.liveaudio.source.decode;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * WAV through the JDK's own reader, which {@code AudioSystem} finds inside OSGi too (it is part of the JDK). The
 * title comes from a {@code LIST/INFO} chunk ({@code IART}, {@code INAM}), which the JDK's reader ignores.
 */
final class WavFile {
    private static final String NOT_WAV = "not a WAV file";

    private WavFile() {
    }

    static DecodedFile open(Path file) throws UnsupportedAudioFileException, IOException {
        String title = title(file);
        try {
            AudioInputStream pcm = AudioSystem.getAudioInputStream(file.toFile());
            return new DecodedFile(pcm, title);
        } catch (UnsupportedAudioFileException e) {
            throw new UnsupportedAudioFileException(NOT_WAV);
        }
    }

    /** Walks the RIFF chunks for INFO tags; checks on the way that the file is a RIFF WAVE at all. */
    private static String title(Path file) throws UnsupportedAudioFileException, IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() < 12 || !id(in).equals("RIFF")) {
                throw new UnsupportedAudioFileException(NOT_WAV);
            }
            in.skipBytes(4);
            if (!id(in).equals("WAVE")) {
                throw new UnsupportedAudioFileException(NOT_WAV);
            }
            String artist = null;
            String title = null;
            while (in.getFilePointer() + 8 <= in.length()) {
                String chunk = id(in);
                long size = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
                long next = in.getFilePointer() + size + (size & 1);
                if (chunk.equals("LIST") && size >= 4 && id(in).equals("INFO")) {
                    while (in.getFilePointer() + 8 <= Math.min(next, in.length())) {
                        String tag = id(in);
                        int length = Integer.reverseBytes(in.readInt());
                        long after = in.getFilePointer() + length + (length & 1);
                        if (length < 0 || after > in.length()) {
                            break;
                        }
                        if (tag.equals("IART")) {
                            artist = text(in, length);
                        } else if (tag.equals("INAM")) {
                            title = text(in, length);
                        }
                        in.seek(after);
                    }
                }
                in.seek(next);
            }
            return Titles.of(artist, title, file);
        }
    }

    private static String id(RandomAccessFile in) throws IOException {
        byte[] id = new byte[4];
        in.readFully(id);
        return new String(id, StandardCharsets.US_ASCII);
    }

    /** A zero-terminated INFO string. */
    private static String text(RandomAccessFile in, int length) throws IOException {
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        int end = 0;
        while (end < length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
