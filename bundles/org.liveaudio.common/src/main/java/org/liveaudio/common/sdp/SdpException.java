package org.liveaudio.common.sdp;

/** A session description that cannot be read or does not describe a stream we can play; the message says why. */
public final class SdpException extends Exception {
    private static final long serialVersionUID = 1L;

    public SdpException(String message) {
        super(message);
    }
}
