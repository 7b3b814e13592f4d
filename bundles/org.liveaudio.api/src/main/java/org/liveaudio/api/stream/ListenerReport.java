package org.liveaudio.api.stream;

import java.time.Duration;

/**
 * A listener as the sender hears of it through RTCP receiver reports.
 *
 * @param address where its reports come from
 * @param fractionLost share of packets lost over the last report interval, 0..1
 * @param cumulativeLost packets lost since it began listening, before any repair
 * @param lostAfterRepair of those, the packets that packet FEC did not rebuild in time (RFC 7509's unrepaired
 *     loss); -1 while it has not said
 * @param jitterMillis its RFC 3550 interarrival jitter
 * @param roundTripMillis round-trip time from LSR/DLSR (RFC 3550, section 6.4.1), -1 before it has one
 * @param lastSeen how long ago its last report came
 */
public record ListenerReport(long ssrc, String cname, String address, double fractionLost, long cumulativeLost,
        long lostAfterRepair, double jitterMillis, double roundTripMillis, Duration lastSeen) {
    /** A listener that says nothing of repairs. */
    public ListenerReport(long ssrc, String cname, String address, double fractionLost, long cumulativeLost,
            double jitterMillis, double roundTripMillis, Duration lastSeen) {
        this(ssrc, cname, address, fractionLost, cumulativeLost, -1, jitterMillis, roundTripMillis, lastSeen);
    }
}
