package org.liveaudio.control.sender;

import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioSource;
import org.liveaudio.api.audio.AudioTap;
import org.liveaudio.api.net.StreamTransport;

/** The services a stream needs, as they are bound right now; any of them may be missing at any moment. */
interface StreamServices {
    /** The source registered with {@link AudioSource#TYPE} {@code type}, or {@code null}. */
    AudioSource source(String type);

    /** The codec registered with {@link AudioCodec#NAME} {@code name} (ignoring case), or {@code null}. */
    AudioCodec codec(String name);

    /** The transport, or {@code null}. */
    StreamTransport transport();

    /** The taps that see every frame sent; the same array until one comes or goes, never to be changed. */
    AudioTap[] taps();

    /** The source types there are, for a message about a missing one. */
    String sourceTypes();

    /** The codec names there are, for a message about a missing one. */
    String codecNames();
}
