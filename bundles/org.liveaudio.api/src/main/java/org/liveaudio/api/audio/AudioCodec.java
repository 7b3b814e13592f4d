package org.liveaudio.api.audio;

import java.util.Map;
import java.util.Set;
import org.liveaudio.api.InvalidSettingException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A payload format for RTP (L16, Opus), registered as a service with its {@link #NAME} property. Everything a
 * sender or listener needs to know of a format comes from here: its clock, how many samples a payload holds,
 * its encoder's settings, its SDP lines and its concealment. Encoders and decoders are per stream and not
 * thread-safe; the codec itself is.
 */
@ConsumerType
public interface AudioCodec {
    /** Service property: the encoding name, as in the SDP {@code a=rtpmap} line. */
    String NAME = "liveaudio.codec.name";

    String name();

    /**
     * The RTP timestamp clock rate for this format (the sample rate for L16, always 48000 for Opus). A codec
     * that decodes to a rate other than its clock rate must refuse such formats in {@link #supports}: a listener
     * counts samples and clock ticks alike.
     */
    int clockRate(AudioFormat format);

    boolean supports(AudioFormat format, int samplesPerFrame);

    /** What {@link #supports} accepts, in words, for an error message. */
    String supportedFormats();

    /** The frame length a sender uses when its configuration names none, in microseconds. */
    int defaultFrameMicros();

    /** The payload bits per second a stream of this format carries with default settings, for RTCP's share. */
    long nominalBitsPerSecond(AudioFormat format);

    /** Upper bound of an encoded frame's payload, to size buffers once. */
    int maxPayloadBytes(AudioFormat format, int samplesPerFrame);

    /**
     * How many samples a payload decodes to, read from the payload alone (its length for L16, its table of
     * contents for Opus), or -1 when it cannot be one of this format's. Thread-safe and allocation-free: a
     * listener's receive thread calls it for every packet.
     */
    int samplesIn(AudioFormat format, byte[] payload, int offset, int length);

    /**
     * The {@code a=fmtp} parameters of the SDP, or an empty string when there are none.
     *
     * @param configuration the sender's configuration, which {@link #newEncoder} accepted
     */
    String sdpFormatParameters(AudioFormat format, Map<String, ?> configuration);

    /**
     * An encoder set up by this codec's own keys of the sender's configuration (Opus: {@code bitrate},
     * {@code complexity}, ...); keys it does not know are left to others.
     *
     * @throws InvalidSettingException naming the first of its keys whose value it cannot use
     */
    AudioEncoder newEncoder(AudioFormat format, int samplesPerFrame, Map<String, ?> configuration)
            throws InvalidSettingException;

    AudioDecoder newDecoder(AudioFormat format, int samplesPerFrame);

    /** The keys of a sender's configuration that {@link #newEncoder} reads, so that a sender can tell a typo. */
    default Set<String> settingKeys() {
        return Set.of();
    }
}
