package org.liveaudio.api.net;

import java.util.List;

/**
 * An RTCP receiver report (RFC 3550, section 6.4.2) from a participant that does not send, with what the same
 * compound packet says of its repairs (RFC 7509), if anything.
 */
public record ReceiverReport(long ssrc, List<ReportBlock> blocks, List<RepairReport> repairs) {
    public ReceiverReport {
        blocks = List.copyOf(blocks);
        repairs = List.copyOf(repairs);
    }

    /** A report that says nothing of repairs. */
    public ReceiverReport(long ssrc, List<ReportBlock> blocks) {
        this(ssrc, blocks, List.of());
    }
}
