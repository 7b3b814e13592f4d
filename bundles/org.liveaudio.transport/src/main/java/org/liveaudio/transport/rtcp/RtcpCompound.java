package org.liveaudio.transport.rtcp;

import java.util.List;
import java.util.Map;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.api.net.TimeResponse;

/**
 * What one valid compound RTCP datagram said, in the order of its parts within each kind; parts of types this
 * transport does not use (XR, other applications' APP, ...) are left out.
 *
 * @param cnames the CNAME of each SDES chunk that had one, by SSRC
 * @param notes the NOTE (RFC 3550 6.5.7) of each SDES chunk that had one, by SSRC; empty notes included, for
 *     they say that the source names nothing any more
 */
public record RtcpCompound(List<SenderReport> senderReports, List<ReceiverReport> receiverReports,
        Map<Long, String> cnames, Map<Long, String> notes, List<Bye> byes, List<TimeRequest> timeRequests,
        List<TimeResponse> timeResponses) {
    public RtcpCompound {
        senderReports = List.copyOf(senderReports);
        receiverReports = List.copyOf(receiverReports);
        cnames = Map.copyOf(cnames);
        notes = Map.copyOf(notes);
        byes = List.copyOf(byes);
        timeRequests = List.copyOf(timeRequests);
        timeResponses = List.copyOf(timeResponses);
    }

    /** The canonical name the datagram gave for {@code ssrc}, empty when it gave none. */
    public String cname(long ssrc) {
        return cnames.getOrDefault(ssrc, "");
    }
}
