package org.liveaudio.api.testing;

import java.util.Map;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioDecoder;
import org.liveaudio.api.audio.AudioEncoder;
import org.liveaudio.api.audio.AudioFormat;

/**
 * Answers as the Opus codec does about formats, and encodes a packet into its first sample and its sample count, so
 * that a test can tell which audio went into which page (the Icecast relay's, the browser stream's). It only encodes.
 */
public final class FakeOpusCodec implements AudioCodec {
    private volatile Map<String, ?> lastConfiguration;

    /** The configuration of the last encoder made. */
    public Map<String, ?> lastConfiguration() {
        return lastConfiguration;
    }

    @Override
    public String name() {
        return "opus";
    }

    @Override
    public int clockRate(AudioFormat format) {
        return 48_000;
    }

    @Override
    public boolean supports(AudioFormat format, int samplesPerFrame) {
        return format.sampleRate() == 48_000 && format.channels() <= 2 && samplesPerFrame == 960;
    }

    @Override
    public String supportedFormats() {
        return "48000 Hz mono or stereo";
    }

    @Override
    public int defaultFrameMicros() {
        return 20_000;
    }

    @Override
    public long nominalBitsPerSecond(AudioFormat format) {
        return 128_000;
    }

    @Override
    public int maxPayloadBytes(AudioFormat format, int samplesPerFrame) {
        return 1275;
    }

    @Override
    public int samplesIn(AudioFormat format, byte[] payload, int offset, int length) {
        return 960;
    }

    @Override
    public String sdpFormatParameters(AudioFormat format, Map<String, ?> configuration) {
        return "";
    }

    @Override
    public AudioEncoder newEncoder(AudioFormat format, int samplesPerFrame, Map<String, ?> configuration)
            throws InvalidSettingException {
        lastConfiguration = configuration;
        return (pcm, samples, out, offset) -> {
            out[offset] = (byte) (pcm[0] >> 8);
            out[offset + 1] = (byte) pcm[0];
            out[offset + 2] = (byte) (samples >> 8);
            out[offset + 3] = (byte) samples;
            return 4;
        };
    }

    @Override
    public AudioDecoder newDecoder(AudioFormat format, int samplesPerFrame) {
        throw new UnsupportedOperationException("a fake that only encodes");
    }
}
