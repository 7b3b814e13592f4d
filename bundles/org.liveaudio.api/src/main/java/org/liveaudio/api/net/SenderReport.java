package org.liveaudio.api.net;

import java.util.List;

/**
 * An RTCP sender report (RFC 3550, section 6.4.1): the sender's wall clock at one RTP timestamp, which lets
 * a listener map any timestamp of the stream to the sender's time.
 *
 * @param ntpTimestamp wall-clock time in 64-bit NTP format (see {@link NtpTime})
 * @param rtpTimestamp the RTP timestamp of the same instant
 * @param packetCount RTP data packets sent since the session began
 * @param octetCount payload octets sent since the session began
 */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
        List<ReportBlock> blocks) {
    public SenderReport {
        blocks = List.copyOf(blocks);
    }
}
