package org.liveaudio.api.audio;

import java.io.IOException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of audio sink (speaker, WAV file, null), registered as a service with its {@link #TYPE}
 * property. Each listener opens its own {@link AudioOutput}.
 */
@ConsumerType
public interface AudioSink {
    /** Service property naming the type, as used in a listener's {@code sink} setting. */
    String TYPE = "liveaudio.sink.type";

    String type();

    /** @throws IOException when the sink cannot play at all (no sound card, unwritable file) */
    AudioOutput open(SinkSettings settings, AudioFormat format) throws IOException;
}
