package org.liveaudio.api.stream;

import org.osgi.annotation.versioning.ProviderType;

/** One listener: a receiver, jitter buffer and sink, configured by its own factory configuration. */
@ProviderType
public interface ListenerControl {
    /** Service property carrying the listener's name. */
    String NAME = "liveaudio.listener.name";

    String name();

    ListenerStats stats();

    /**
     * What the sender this listener plays says is playing now (its RTCP SDES NOTE, e.g. "Artist - Title"); empty
     * before it said anything, when it names nothing, or when its reports have fallen silent.
     */
    String nowPlaying();

    /** One-way latency since the listener started, {@link LatencyStats#NONE} before a sender report came. */
    LatencyStats latency();

    /** How it keeps in step with the sender; {@link SyncStats#NONE} before it has a stream. */
    SyncStats sync();
}
