package org.liveaudio.listener.engine;

import java.util.Arrays;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioDecoder;
import org.liveaudio.api.audio.AudioEncoder;
import org.liveaudio.api.audio.AudioFormat;

/** L16 as RFC 3551 has it: signed 16-bit big-endian, channels interleaved. */
public final class FakeL16Codec implements AudioCodec {
    /** The payload of {@code pcm}, interleaved values. */
    public static byte[] encode(short[] pcm) {
        byte[] bytes = new byte[2 * pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            bytes[2 * i] = (byte) (pcm[i] >> 8);
            bytes[2 * i + 1] = (byte) pcm[i];
        }
        return bytes;
    }

    @Override
    public String name() {
        return "L16";
    }

    @Override
    public int clockRate(AudioFormat format) {
        return format.sampleRate();
    }

    @Override
    public boolean supports(AudioFormat format, int samplesPerFrame) {
        return true;
    }

    @Override
    public String supportedFormats() {
        return "any";
    }

    @Override
    public int maxPayloadBytes(AudioFormat format, int samplesPerFrame) {
        return samplesPerFrame * format.bytesPerSample();
    }

    @Override
    public String sdpFormatParameters(AudioFormat format) {
        return "";
    }

    @Override
    public AudioEncoder newEncoder(AudioFormat format, int samplesPerFrame) {
        return (pcm, samples, out, offset) -> {
            int values = samples * format.channels();
            for (int i = 0; i < values; i++) {
                out[offset + 2 * i] = (byte) (pcm[i] >> 8);
                out[offset + 2 * i + 1] = (byte) pcm[i];
            }
            return values * 2;
        };
    }

    @Override
    public AudioDecoder newDecoder(AudioFormat format, int samplesPerFrame) {
        return new AudioDecoder() {
            @Override
            public int decode(byte[] payload, int offset, int length, short[] pcm) {
                for (int i = 0; i < length / 2; i++) {
                    pcm[i] = (short) ((payload[offset + 2 * i] << 8) | (payload[offset + 2 * i + 1] & 0xFF));
                }
                return length / format.bytesPerSample();
            }

            @Override
            public void conceal(short[] pcm, int samples) {
                Arrays.fill(pcm, 0, samples * format.channels(), (short) 0);
            }
        };
    }
}
