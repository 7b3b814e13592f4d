package org.liveaudio.itests;

/**
 * What the soak run does to the stream every few minutes, in the order it does it: a pause, reconfigurations of
 * the sender and of the listeners, and swaps of the implementation bundles between them, so that whatever one of
 * them leaks has the whole run to add up.
 */
enum SoakStep {
    PAUSE(null),
    SWAP_CODEC("org.liveaudio.codec"),
    SENDER_PLAYOUT_DELAY(null),
    SWAP_SINK("org.liveaudio.sink"),
    LISTENER_BUFFER(null),
    SWAP_SOURCE("org.liveaudio.source"),
    RECORDING_MOVE(null),
    SWAP_TRANSPORT("org.liveaudio.transport");

    /** The bundle a swap updates or stops and starts; null for the other steps. */
    final String bundle;

    SoakStep(String bundle) {
        this.bundle = bundle;
    }

    /**
     * Whether packets may be lost on loopback in this step's window: a transport swap closes and reopens the
     * sockets, so a packet in flight meanwhile has no socket to land in. Its losses are counted apart.
     */
    boolean mayLose() {
        return this == SWAP_TRANSPORT;
    }
}
