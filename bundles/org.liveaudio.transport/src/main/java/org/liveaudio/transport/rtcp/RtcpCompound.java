package org.liveaudio.transport.rtcp;

import java.util.List;
import java.util.Map;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.SenderReport;

/**
 * What one valid compound RTCP datagram said, in the order of its parts within each kind; parts of types this
 * transport does not use (APP, XR, ...) are left out.
 *
 * @param cnames the CNAME of each SDES chunk that had one, by SSRC
 */
public record RtcpCompound(List<SenderReport> senderReports, List<ReceiverReport> receiverReports,
        Map<Long, String> cnames, List<Bye> byes) {
    public RtcpCompound {
        senderReports = List.copyOf(senderReports);
        receiverReports = List.copyOf(receiverReports);
        cnames = Map.copyOf(cnames);
        byes = List.copyOf(byes);
    }

    /** The canonical name the datagram gave for {@code ssrc}, empty when it gave none. */
    public String cname(long ssrc) {
        return cnames.getOrDefault(ssrc, "");
    }
}
