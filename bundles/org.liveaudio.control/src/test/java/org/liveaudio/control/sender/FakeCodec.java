package org.liveaudio.control.sender;

import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioDecoder;
import org.liveaudio.api.audio.AudioFormat;

/** L16 as RFC 3551 has it, limited like the real one to what fits an unfragmented packet. */
final class FakeCodec implements AudioCodec {
    static final int MAX_PAYLOAD_BYTES = 1460;
    volatile String formatParameters = "";

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
    public int maxPayloadBytes(AudioFormat format, int samplesPerFrame) {
        return samplesPerFrame * format.bytesPerSample();
    }

    @Override
    public String sdpFormatParameters(AudioFormat format) {
        return formatParameters;
    }

    @Override
    public org.liveaudio.api.audio.AudioEncoder newEncoder(AudioFormat format, int samplesPerFrame) {
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
        throw new UnsupportedOperationException("the sender never decodes");
    }
}
