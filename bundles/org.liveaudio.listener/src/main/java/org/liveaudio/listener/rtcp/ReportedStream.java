package org.liveaudio.listener.rtcp;

import org.liveaudio.api.net.RepairReport;
import org.liveaudio.api.net.ReportBlock;

/** The stream a listener reports on in its receiver reports: the one its reception is locked onto. */
public interface ReportedStream {
    /** The locked SSRC, or -1 before the first packet. */
    long lockedSsrc();

    /**
     * The report block on the locked stream, starting the next report interval; null before the first packet.
     *
     * @param lastReport the locked sender's latest sender report, or null; one of another SSRC is ignored
     */
    ReportBlock nextReportBlock(SenderTiming lastReport, long nowNanos);

    /**
     * What packet FEC made of the loss the last report block counts (RFC 7509): how much of it was rebuilt in time
     * and how much stays lost; null before the first packet.
     */
    default RepairReport repairReport() {
        return null;
    }

    /**
     * Whether a packet of stream {@code ssrc}, another than the locked one, would be locked onto at
     * {@code nowNanos}: then its sender's clock is worth measuring before its first packet comes.
     */
    boolean wouldLock(long ssrc, long nowNanos);

    /**
     * The sender {@code ssrc} said BYE: if it is the locked one, another stream may be taken at once.
     *
     * @return whether this released the locked stream (false for others, and for a repeated BYE)
     */
    boolean senderLeft(long ssrc, long nowNanos);
}
