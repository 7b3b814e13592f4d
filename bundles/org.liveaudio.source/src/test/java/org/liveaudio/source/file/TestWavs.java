package org.liveaudio.source.file;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntBinaryOperator;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes WAV files for the tests through javax.sound, so the files are what common tools write. */
final class TestWavs {
    private TestWavs() {
    }

    /**
     * Writes {@code samples} samples; {@code value.applyAsInt(sample, channel)} gives each value as a signed
     * number in the file's sample size.
     */
    static Path write(Path file, AudioFormat format, int samples, IntBinaryOperator value) throws IOException {
        int bytesPerValue = format.getSampleSizeInBits() / 8;
        byte[] data = new byte[samples * format.getFrameSize()];
        int at = 0;
        for (int s = 0; s < samples; s++) {
            for (int c = 0; c < format.getChannels(); c++) {
                int v = value.applyAsInt(s, c);
                if (format.getEncoding() == AudioFormat.Encoding.PCM_UNSIGNED) {
                    v += 1 << (format.getSampleSizeInBits() - 1);
                }
                for (int b = 0; b < bytesPerValue; b++) {
                    data[at++] = (byte) (v >> (8 * b));
                }
            }
        }
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(data), format, samples),
                AudioFileFormat.Type.WAVE, file.toFile());
        return file;
    }

    static Path constant(Path file, int samples, int value) throws IOException {
        return write(file, new AudioFormat(48_000, 16, 2, true, false), samples, (s, c) -> value);
    }

    static AudioFormat pcm(float rate, int bits, int channels) {
        return new AudioFormat(rate, bits, channels, bits > 8, false);
    }
}
