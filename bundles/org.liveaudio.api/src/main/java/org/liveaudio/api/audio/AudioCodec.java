package org.liveaudio.api.audio;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A payload format for RTP (L16, Opus), registered as a service with its {@link #NAME} property.
 * Encoders and decoders are per stream and not thread-safe.
 */
@ConsumerType
public interface AudioCodec {
    /** Service property: the encoding name, as in the SDP {@code a=rtpmap} line. */
    String NAME = "liveaudio.codec.name";

    String name();

    /** The RTP timestamp clock rate for this format (the sample rate for L16, always 48000 for Opus). */
    int clockRate(AudioFormat format);

    boolean supports(AudioFormat format, int samplesPerFrame);

    /** What {@link #supports} accepts, in words, for an error message. */
    String supportedFormats();

    /** Upper bound of an encoded frame's payload, to size buffers once. */
    int maxPayloadBytes(AudioFormat format, int samplesPerFrame);

    /** The {@code a=fmtp} parameters of the SDP, or an empty string when there are none. */
    String sdpFormatParameters(AudioFormat format);

    AudioEncoder newEncoder(AudioFormat format, int samplesPerFrame);

    AudioDecoder newDecoder(AudioFormat format, int samplesPerFrame);
}
