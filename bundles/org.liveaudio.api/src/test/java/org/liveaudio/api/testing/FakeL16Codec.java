package org.liveaudio.api.testing;

import java.util.Arrays;
import java.util.Map;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioDecoder;
import org.liveaudio.api.audio.AudioEncoder;
import org.liveaudio.api.audio.AudioFormat;

/**
 * L16 as RFC 3551 has it (signed 16-bit big-endian, channels interleaved), limited like the real one to what fits
 * an unfragmented packet, for the tests of the bundles that use a codec without depending on the codec bundle. A
 * lost frame is concealed as silence, so tests can tell concealment from audio.
 */
public class FakeL16Codec implements AudioCodec {
    public static final int MAX_PAYLOAD_BYTES = 1460;
    /** What {@link #sdpFormatParameters} answers, for tests of the SDP. */
    public volatile String formatParameters = "";

    /** The payload of {@code pcm}, interleaved values. */
    public static byte[] encode(short[] pcm) {
        byte[] bytes = new byte[2 * pcm.length];
        encode(pcm, pcm.length, bytes, 0);
        return bytes;
    }

    private static int encode(short[] pcm, int values, byte[] out, int offset) {
        for (int i = 0; i < values; i++) {
            out[offset + 2 * i] = (byte) (pcm[i] >> 8);
            out[offset + 2 * i + 1] = (byte) pcm[i];
        }
        return values * 2;
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
        return samplesPerFrame > 0 && samplesPerFrame * format.bytesPerSample() <= MAX_PAYLOAD_BYTES;
    }

    @Override
    public String supportedFormats() {
        return "frames of at most " + MAX_PAYLOAD_BYTES + " bytes";
    }

    @Override
    public int defaultFrameMicros() {
        return 5_000;
    }

    @Override
    public long nominalBitsPerSecond(AudioFormat format) {
        return (long) format.sampleRate() * format.bytesPerSample() * Byte.SIZE;
    }

    @Override
    public int maxPayloadBytes(AudioFormat format, int samplesPerFrame) {
        return samplesPerFrame * format.bytesPerSample();
    }

    @Override
    public int samplesIn(AudioFormat format, byte[] payload, int offset, int length) {
        return length > 0 && length % format.bytesPerSample() == 0 ? length / format.bytesPerSample() : -1;
    }

    @Override
    public String sdpFormatParameters(AudioFormat format, Map<String, ?> configuration) {
        return formatParameters;
    }

    @Override
    public AudioEncoder newEncoder(AudioFormat format, int samplesPerFrame, Map<String, ?> configuration) {
        return (pcm, samples, out, offset) -> encode(pcm, samples * format.channels(), out, offset);
    }

    @Override
    public AudioDecoder newDecoder(AudioFormat format, int samplesPerFrame) {
        return new AudioDecoder() {
            @Override
            public int decode(byte[] payload, int offset, int length, short[] pcm) {
                if (length % format.bytesPerSample() != 0 || length / 2 > pcm.length) {
                    return -1;
                }
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
