package org.liveaudio.source.decode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * An Ogg file, told apart by its first packet: Vorbis through JOrbis, Opus through Concentus. Both decoders take
 * packets, not files: {@link OggPackets} takes them out of the pages. Both keep their tags in the second packet,
 * a Vorbis comment block.
 */
final class OggFile {
    private static final byte[] CAPTURE = "OggS".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] VORBIS_HEAD = "\u0001vorbis".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] OPUS_HEAD = "OpusHead".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] OPUS_TAGS = "OpusTags".getBytes(StandardCharsets.ISO_8859_1);
    private static final int OPUS_HEAD_LENGTH = 19;

    private OggFile() {
    }

    static DecodedFile open(Path file) throws UnsupportedAudioFileException, IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        boolean handedOver = false;
        try {
            in.mark(CAPTURE.length);
            if (!Arrays.equals(in.readNBytes(CAPTURE.length), CAPTURE)) {
                throw new UnsupportedAudioFileException("not an Ogg file");
            }
            in.reset();
            OggPackets packets = new OggPackets(in);
            if (!packets.next()) {
                throw new UnsupportedAudioFileException("an empty Ogg file");
            }
            DecodedFile decoded;
            if (packets.startsWith(VORBIS_HEAD)) {
                decoded = vorbis(packets, in, file);
            } else if (packets.startsWith(OPUS_HEAD)) {
                decoded = opus(packets, in, file);
            } else {
                throw new UnsupportedAudioFileException("an Ogg file of neither Vorbis nor Opus");
            }
            handedOver = true;
            return decoded;
        } finally {
            if (!handedOver) {
                in.close();
            }
        }
    }

    /** @param in closed by the returned stream */
    private static DecodedFile vorbis(OggPackets packets, InputStream in, Path file)
            throws UnsupportedAudioFileException, IOException {
        VorbisPcmStream pcm = VorbisPcmStream.open(packets, in, file);
        AudioFormat format = new AudioFormat(pcm.rate(), Short.SIZE, pcm.channels(), true, false);
        return new DecodedFile(new AudioInputStream(pcm, format, AudioSystem.NOT_SPECIFIED), pcm.title());
    }

    /** @param in closed by the returned stream */
    private static DecodedFile opus(OggPackets packets, InputStream in, Path file)
            throws UnsupportedAudioFileException, IOException {
        byte[] head = packets.packet();
        if (packets.length() < OPUS_HEAD_LENGTH) {
            throw new UnsupportedAudioFileException("a damaged Ogg Opus header");
        }
        int channels = head[9] & 0xFF;
        int preSkip = (head[10] & 0xFF) | (head[11] & 0xFF) << 8;
        int gain = (short) ((head[16] & 0xFF) | (head[17] & 0xFF) << 8);
        int mapping = head[18] & 0xFF;
        if (mapping != 0 || channels < 1 || channels > 2) {
            throw new UnsupportedAudioFileException(
                    "Ogg Opus with " + channels + " channels (mapping family " + mapping + "); mono and stereo play");
        }
        String title = tags(packets, OPUS_TAGS, file);
        InputStream pcm = new OpusPcmStream(packets, in, channels, preSkip, gain);
        AudioFormat format = new AudioFormat(OpusPcmStream.RATE, Short.SIZE, channels, true, false);
        return new DecodedFile(new AudioInputStream(pcm, format, AudioSystem.NOT_SPECIFIED), title);
    }

    private static String tags(OggPackets packets, byte[] magic, Path file) throws IOException {
        if (!packets.next() || !packets.startsWith(magic)) {
            throw new IOException("damaged Ogg file: no comment header after the identification header");
        }
        return VorbisComments.title(packets.packet(), magic.length, packets.length() - magic.length, file);
    }
}
