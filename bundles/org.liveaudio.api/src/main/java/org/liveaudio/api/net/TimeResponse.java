package org.liveaudio.api.net;

/**
 * A sender's answer to a {@link TimeRequest} (on the wire an RTCP APP packet named {@code LATS}, subtype 1):
 * the three timestamps of an NTP-style exchange, the fourth being the listener's clock when the answer
 * arrives, plus what a listener needs to play in step with every other listener of the stream.
 * All times are 64-bit NTP format.
 *
 * @param ssrc the stream whose sender answers
 * @param requesterSsrc the listener that asked
 * @param originateNtp the request's {@link TimeRequest#transmitNtp()}, echoed
 * @param receiveNtp the sender's clock as the request arrived
 * @param transmitNtp the sender's clock as this answer left
 * @param mappingNtp with {@code mappingRtp}, one point of the line that maps every RTP timestamp of the stream
 *     to the sender's clock, as a sender report's NTP and RTP timestamps do (RFC 3550 section 6.4.1)
 * @param mappingRtp the RTP timestamp of {@code mappingNtp}
 * @param playoutDelayMicros how long after its time on the sender's clock every listener plays a frame
 */
public record TimeResponse(long ssrc, long requesterSsrc, long originateNtp, long receiveNtp, long transmitNtp,
        long mappingNtp, long mappingRtp, long playoutDelayMicros) {
}
