package org.liveaudio.api.net;

/**
 * A listener asks a sender for its clock: the first half of an NTP-style time exchange (RFC 5905 section 8,
 * on the wire an RTCP APP packet named {@code LATS}, subtype 0). The answer, a {@link TimeResponse}, lets the
 * listener place the sender's clock against its own despite running on another machine.
 *
 * @param ssrc the listener's own SSRC
 * @param senderSsrc the stream whose sender should answer
 * @param transmitNtp the listener's clock (64-bit NTP format) as the request left
 */
public record TimeRequest(long ssrc, long senderSsrc, long transmitNtp) {
}
