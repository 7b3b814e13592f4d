package org.liveaudio.api.audio;

import java.io.IOException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of audio source (generated melody, tone, file, line-in), registered as a service with its
 * {@link #TYPE} property. The sender opens one {@link AudioInput} from it at a time.
 */
@ConsumerType
public interface AudioSource {
    /** Service property naming the type, as used in the sender's {@code source} setting. */
    String TYPE = "liveaudio.source.type";

    String type();

    /**
     * Opens the source in the given format, positioned at {@code startSample} so that a stream that
     * re-binds its source (for example when this bundle is updated) continues where it was.
     *
     * @throws IOException when the source cannot deliver at all (no capture device, no playable file)
     */
    AudioInput open(SourceSettings settings, AudioFormat format, long startSample) throws IOException;
}
