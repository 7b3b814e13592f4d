package org.liveaudio.codec.l16;

import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.codec.pcm.LinearPcmCodec;
import org.osgi.service.component.annotations.Component;

/** L16 (RFC 3551 section 4.5.11): uncompressed signed 16-bit big-endian PCM. */
@Component(service = AudioCodec.class, property = AudioCodec.NAME + "=" + L16Codec.ENCODING_NAME)
public final class L16Codec extends LinearPcmCodec {
    static final String ENCODING_NAME = "L16";
    /** Short enough for a tight playout delay, long enough that 48 kHz stereo fits one packet (960 bytes). */
    static final int DEFAULT_FRAME_MICROS = 5_000;

    public L16Codec() {
        super(ENCODING_NAME, Short.BYTES, DEFAULT_FRAME_MICROS);
    }
}
