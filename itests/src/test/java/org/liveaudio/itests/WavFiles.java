package org.liveaudio.itests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Writes and reads 16-bit PCM WAV files through javax.sound, as a user's audio tools would. */
final class WavFiles {
    private WavFiles() {
    }

    static void write(Path file, short[] values, int sampleRate, int channels) throws IOException {
        AudioFormat format = new AudioFormat(sampleRate, 16, channels, true, false);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(values);
        Files.createDirectories(file.getParent());
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format,
                values.length / channels)) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    /** The interleaved 16-bit values of a WAV file, which must be signed 16-bit PCM in the given layout. */
    static short[] read(Path file, int sampleRate, int channels) throws IOException, UnsupportedAudioFileException {
        try (AudioInputStream stream = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat format = stream.getFormat();
            if (format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || format.getSampleSizeInBits() != 16
                    || format.getChannels() != channels || format.getSampleRate() != sampleRate) {
                throw new UnsupportedAudioFileException(file + " is " + format + ", expected 16-bit signed PCM, "
                        + sampleRate + " Hz, " + channels + " channels");
            }
            byte[] bytes = stream.readAllBytes();
            short[] values = new short[bytes.length / 2];
            ByteOrder order = format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            ByteBuffer.wrap(bytes).order(order).asShortBuffer().get(values);
            return values;
        }
    }

    /**
     * Whether the writer has closed the file: its RIFF header then states the file's real length (a recording
     * still being written states a placeholder).
     */
    static boolean isFinalized(Path file) {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            if (channel.read(header, 0) < 8) {
                return false;
            }
            long riffLength = Integer.toUnsignedLong(header.getInt(4));
            return header.getInt(0) == 0x46464952 /* "RIFF" */ && riffLength + 8 == channel.size();
        } catch (IOException e) {
            return false;
        }
    }
}
