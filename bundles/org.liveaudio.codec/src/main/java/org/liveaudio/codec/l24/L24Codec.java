package org.liveaudio.codec.l24;

import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.codec.pcm.LinearPcmCodec;
import org.osgi.service.component.annotations.Component;

/**
 * L24 (RFC 3190 section 4): uncompressed signed 24-bit big-endian PCM, what AES67 devices, PipeWire's AES67
 * profile and GStreamer's {@code rtpL24pay} send. Our audio path is 16 bits wide: a listener keeps the upper 16
 * bits of each value, a sender pads its values with a zero byte.
 */
@Component(service = AudioCodec.class, property = AudioCodec.NAME + "=" + L24Codec.ENCODING_NAME)
public final class L24Codec extends LinearPcmCodec {
    static final String ENCODING_NAME = "L24";
    /** AES67's packet time. */
    static final int DEFAULT_FRAME_MICROS = 1_000;
    private static final int BYTES_PER_VALUE = 3;

    public L24Codec() {
        super(ENCODING_NAME, BYTES_PER_VALUE, DEFAULT_FRAME_MICROS);
    }
}
