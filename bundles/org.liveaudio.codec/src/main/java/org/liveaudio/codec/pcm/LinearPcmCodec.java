package org.liveaudio.codec.pcm;

import java.util.Map;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioDecoder;
import org.liveaudio.api.audio.AudioEncoder;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.codec.PayloadLimit;

/**
 * Uncompressed signed big-endian PCM, channels interleaved, the RTP clock running at the sample rate (L16:
 * RFC 3551 4.5.11; L24: RFC 3190 4): what differs between the two is the width of a value. Lossless at 16 bits,
 * so what a listener records equals what the sender read.
 */
public abstract class LinearPcmCodec implements AudioCodec {
    static final int MAX_PAYLOAD_BYTES = PayloadLimit.UNFRAGMENTED_BYTES;

    private final String name;
    private final int bytesPerValue;
    private final int defaultFrameMicros;

    /**
     * @param bytesPerValue 2 for L16, 3 for L24
     * @param defaultFrameMicros the frame a sender takes when its configuration names none
     */
    protected LinearPcmCodec(String name, int bytesPerValue, int defaultFrameMicros) {
        this.name = name;
        this.bytesPerValue = bytesPerValue;
        this.defaultFrameMicros = defaultFrameMicros;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int clockRate(AudioFormat format) {
        return format.sampleRate();
    }

    @Override
    public boolean supports(AudioFormat format, int samplesPerFrame) {
        return format != null && samplesPerFrame > 0
                && (long) samplesPerFrame * bytesPerSample(format) <= MAX_PAYLOAD_BYTES;
    }

    @Override
    public String supportedFormats() {
        int stereoSamples = MAX_PAYLOAD_BYTES / (2 * bytesPerValue);
        return "any rate and channel count whose frame fits one unfragmented packet: samples per frame x "
                + "channels x " + bytesPerValue + " bytes <= " + MAX_PAYLOAD_BYTES + " (48 kHz stereo: up to "
                + stereoSamples + " samples a frame)";
    }

    @Override
    public int defaultFrameMicros() {
        return defaultFrameMicros;
    }

    @Override
    public long nominalBitsPerSecond(AudioFormat format) {
        return (long) format.sampleRate() * format.channels() * bytesPerValue * Byte.SIZE;
    }

    @Override
    public int maxPayloadBytes(AudioFormat format, int samplesPerFrame) {
        return samplesPerFrame * bytesPerSample(format);
    }

    @Override
    public int samplesIn(AudioFormat format, byte[] payload, int offset, int length) {
        int bytesPerSample = bytesPerSample(format);
        return length > 0 && length % bytesPerSample == 0 ? length / bytesPerSample : -1;
    }

    @Override
    public String sdpFormatParameters(AudioFormat format, Map<String, ?> configuration) {
        return "";
    }

    /** Linear PCM has no settings of its own: the configuration is left to other components. */
    @Override
    public AudioEncoder newEncoder(AudioFormat format, int samplesPerFrame, Map<String, ?> configuration) {
        requireSupported(format, samplesPerFrame);
        return new LinearPcmEncoder(format.channels(), bytesPerValue);
    }

    @Override
    public AudioDecoder newDecoder(AudioFormat format, int samplesPerFrame) {
        requireSupported(format, samplesPerFrame);
        return new LinearPcmDecoder(format.channels(), samplesPerFrame, bytesPerValue);
    }

    private int bytesPerSample(AudioFormat format) {
        return format.channels() * bytesPerValue;
    }

    private void requireSupported(AudioFormat format, int samplesPerFrame) {
        if (!supports(format, samplesPerFrame)) {
            throw new IllegalArgumentException(name + " cannot carry " + samplesPerFrame + " samples of " + format
                    + " per packet; allowed: " + supportedFormats());
        }
    }
}
