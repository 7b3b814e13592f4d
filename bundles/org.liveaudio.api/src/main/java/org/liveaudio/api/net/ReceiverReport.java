package org.liveaudio.api.net;

import java.util.List;

/** An RTCP receiver report (RFC 3550, section 6.4.2) from a participant that does not send. */
public record ReceiverReport(long ssrc, List<ReportBlock> blocks) {
    public ReceiverReport {
        blocks = List.copyOf(blocks);
    }
}
