package org.liveaudio.transport.rtcp;

/** A datagram refused by {@link RtcpReader}; without a stack trace, since the reason says it all. */
public final class MalformedRtcpException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Malformation reason;

    MalformedRtcpException(Malformation reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Malformation reason() {
        return reason;
    }
}
