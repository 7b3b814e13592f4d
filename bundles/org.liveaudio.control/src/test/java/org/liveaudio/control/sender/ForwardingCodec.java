package org.liveaudio.control.sender;

import java.util.Map;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioDecoder;
import org.liveaudio.api.audio.AudioEncoder;
import org.liveaudio.api.audio.AudioFormat;

/** A codec that answers as another does, for a test to change one answer. */
class ForwardingCodec implements AudioCodec {
    private final AudioCodec codec;

    ForwardingCodec(AudioCodec codec) {
        this.codec = codec;
    }

    @Override
    public String name() {
        return codec.name();
    }

    @Override
    public int clockRate(AudioFormat format) {
        return codec.clockRate(format);
    }

    @Override
    public boolean supports(AudioFormat format, int samplesPerFrame) {
        return codec.supports(format, samplesPerFrame);
    }

    @Override
    public String supportedFormats() {
        return codec.supportedFormats();
    }

    @Override
    public int defaultFrameMicros() {
        return codec.defaultFrameMicros();
    }

    @Override
    public long nominalBitsPerSecond(AudioFormat format) {
        return codec.nominalBitsPerSecond(format);
    }

    @Override
    public int maxPayloadBytes(AudioFormat format, int samplesPerFrame) {
        return codec.maxPayloadBytes(format, samplesPerFrame);
    }

    @Override
    public int samplesIn(AudioFormat format, byte[] payload, int offset, int length) {
        return codec.samplesIn(format, payload, offset, length);
    }

    @Override
    public String sdpFormatParameters(AudioFormat format, Map<String, ?> configuration) {
        return codec.sdpFormatParameters(format, configuration);
    }

    @Override
    public AudioEncoder newEncoder(AudioFormat format, int samplesPerFrame, Map<String, ?> configuration)
            throws InvalidSettingException {
        return codec.newEncoder(format, samplesPerFrame, configuration);
    }

    @Override
    public AudioDecoder newDecoder(AudioFormat format, int samplesPerFrame) {
        return codec.newDecoder(format, samplesPerFrame);
    }
}
