package org.liveaudio.common.sap;

/** A datagram on a SAP port that is not an announcement we can read; the message says why. */
public final class MalformedSapException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedSapException(String message) {
        super(message);
    }
}
