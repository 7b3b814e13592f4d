package org.liveaudio.control.sender;

import java.util.Map;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioEncoder;
import org.liveaudio.api.audio.AudioFormat;

/**
 * An encoder with the buffers of one frame, allocated once so that encoding a frame allocates nothing. Tied
 * to the codec service that made it: when that service goes, so does this.
 */
final class FrameEncoding {
    final AudioCodec codec;
    final AudioFormat format;
    final int frameMicros;
    final Map<String, ?> configuration;
    final int samplesPerFrame;
    final int ticksPerFrame;
    final short[] pcm;
    final byte[] payload;
    private final AudioEncoder encoder;

    private FrameEncoding(AudioCodec codec, AudioFormat format, int frameMicros, Map<String, ?> configuration,
            int samplesPerFrame, int ticksPerFrame) throws InvalidSettingException {
        this.codec = codec;
        this.format = format;
        this.frameMicros = frameMicros;
        this.configuration = configuration;
        this.samplesPerFrame = samplesPerFrame;
        this.ticksPerFrame = ticksPerFrame;
        this.pcm = new short[samplesPerFrame * format.channels()];
        this.payload = new byte[codec.maxPayloadBytes(format, samplesPerFrame)];
        this.encoder = codec.newEncoder(format, samplesPerFrame, configuration);
    }

    /**
     * @param configuration the sender's, from which the codec reads its own keys
     * @return an encoding, or {@code null} when the codec cannot carry frames of this length in this format
     * @throws InvalidSettingException when the codec refuses one of its keys
     */
    static FrameEncoding create(AudioCodec codec, AudioFormat format, int frameMicros, Map<String, ?> configuration)
            throws InvalidSettingException {
        int samples = format.samplesPerFrame(frameMicros);
        int ticks = ticksPerFrame(codec, format, samples);
        return ticks < 0 ? null : new FrameEncoding(codec, format, frameMicros, configuration, samples, ticks);
    }

    /**
     * How far the RTP timestamp moves per frame (the codec's clock may differ from the sample rate, as Opus'
     * 48 kHz does), or -1 when the codec does not take such frames or they span no whole number of ticks.
     */
    static int ticksPerFrame(AudioCodec codec, AudioFormat format, int samplesPerFrame) {
        if (samplesPerFrame <= 0 || !codec.supports(format, samplesPerFrame)) {
            return -1;
        }
        long scaled = (long) samplesPerFrame * codec.clockRate(format);
        return scaled % format.sampleRate() == 0 ? (int) (scaled / format.sampleRate()) : -1;
    }

    boolean isFor(AudioCodec codec, AudioFormat format, int frameMicros, Map<String, ?> configuration) {
        return this.codec == codec && this.format.equals(format) && this.frameMicros == frameMicros
                && this.configuration.equals(configuration);
    }

    /** The SDP's {@code a=fmtp} parameters of this encoding. */
    String sdpFormatParameters() {
        return codec.sdpFormatParameters(format, configuration);
    }

    int clockRate() {
        return codec.clockRate(format);
    }

    /** Encodes what {@link #pcm} holds into {@link #payload}; returns the payload length. */
    int encode() {
        return encoder.encode(pcm, samplesPerFrame, payload, 0);
    }
}
