package org.liveaudio.listener.engine;

/**
 * One kind of service a listener uses (the transport with its receiver and RTCP channel, the codec, the sink),
 * held in the same shape: the services of that kind come and go in a {@code ServiceChoice}, and
 * {@link #reconcile} makes what the holder has open match the best of them and the listener's settings, closing
 * what went away and opening what came, with one log line per change of state. The listener's lock serializes
 * every call.
 */
interface Dependency {
    void reconcile(ListenerSettings settings);

    /** Releases what the holder has open, for the listener's stop. */
    void close();
}
