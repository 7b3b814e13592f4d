package org.liveaudio.codec.l16;

import java.util.Map;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioDecoder;
import org.liveaudio.api.audio.AudioEncoder;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.codec.PayloadLimit;
import org.osgi.service.component.annotations.Component;

/**
 * L16 (RFC 3551 section 4.5.11): uncompressed signed 16-bit big-endian PCM, channels interleaved, the RTP
 * clock running at the sample rate. Lossless, so what a listener records equals what the sender read.
 */
@Component(service = AudioCodec.class, property = AudioCodec.NAME + "=" + L16Codec.ENCODING_NAME)
public final class L16Codec implements AudioCodec {
    static final String ENCODING_NAME = "L16";

    static final int MAX_PAYLOAD_BYTES = PayloadLimit.UNFRAGMENTED_BYTES;

    /** Short enough for a tight playout delay, long enough that 48 kHz stereo fits one packet (960 bytes). */
    static final int DEFAULT_FRAME_MICROS = 5_000;

    @Override
    public String name() {
        return ENCODING_NAME;
    }

    @Override
    public int clockRate(AudioFormat format) {
        return format.sampleRate();
    }

    @Override
    public boolean supports(AudioFormat format, int samplesPerFrame) {
        return format != null && samplesPerFrame > 0
                && (long) samplesPerFrame * format.bytesPerSample() <= MAX_PAYLOAD_BYTES;
    }

    @Override
    public String supportedFormats() {
        return "any rate and channel count whose frame fits one unfragmented packet: samples per frame x "
                + "channels x 2 bytes <= " + MAX_PAYLOAD_BYTES + " (48 kHz stereo: frames up to 7.5 ms)";
    }

    @Override
    public int defaultFrameMicros() {
        return DEFAULT_FRAME_MICROS;
    }

    @Override
    public long nominalBitsPerSecond(AudioFormat format) {
        return (long) format.sampleRate() * format.channels() * Short.SIZE;
    }

    @Override
    public int maxPayloadBytes(AudioFormat format, int samplesPerFrame) {
        return samplesPerFrame * format.bytesPerSample();
    }

    @Override
    public int samplesIn(AudioFormat format, byte[] payload, int offset, int length) {
        int bytesPerSample = format.bytesPerSample();
        return length > 0 && length % bytesPerSample == 0 ? length / bytesPerSample : -1;
    }

    @Override
    public String sdpFormatParameters(AudioFormat format, Map<String, ?> configuration) {
        return "";
    }

    /** L16 has no settings of its own: the configuration is left to other components. */
    @Override
    public AudioEncoder newEncoder(AudioFormat format, int samplesPerFrame, Map<String, ?> configuration) {
        requireSupported(format, samplesPerFrame);
        return new L16Encoder(format.channels());
    }

    @Override
    public AudioDecoder newDecoder(AudioFormat format, int samplesPerFrame) {
        requireSupported(format, samplesPerFrame);
        return new L16Decoder(format.channels(), samplesPerFrame);
    }

    private void requireSupported(AudioFormat format, int samplesPerFrame) {
        if (!supports(format, samplesPerFrame)) {
            throw new IllegalArgumentException("L16 cannot carry " + samplesPerFrame + " samples of " + format
                    + " per packet; allowed: " + supportedFormats());
        }
    }
}
