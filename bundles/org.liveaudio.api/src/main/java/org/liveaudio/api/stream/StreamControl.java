package org.liveaudio.api.stream;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The sender's stream, as the shell and tests drive it. */
@ProviderType
public interface StreamControl {
    /** Stops reading the source and sending, from the next frame on. Idempotent. */
    void pause();

    /** Resumes where the source stopped; the first packet carries the marker bit. Idempotent. */
    void play();

    StreamStatus status();

    /**
     * Names what plays now, for {@link StreamStatus#title()} and the listeners, in place of the title the source
     * gives, until cleared with an empty string.
     */
    void title(String title);

    SenderStats stats();

    /** The SDP (RFC 4566) describing the stream, as also written to {@link StreamStatus#sdpFile()}. */
    String sdp();

    /** The listeners heard from through RTCP receiver reports, those silent for 5 report intervals left out. */
    List<ListenerReport> listeners();
}
