package org.liveaudio.listener.buffer;

/** What the playout does in one period. */
public enum PlayoutStep {
    /** A received frame: decode it and play it. */
    FRAME,
    /** A frame that never came while later ones did: counted lost, played as concealment. */
    CONCEALED,
    /** Nothing to play while the stream is active: counted, played as silence. */
    UNDERRUN,
    /** Prebuffering, idle (the sender paused or stopped) or never started: nothing goes to the sink. */
    WAITING
}
