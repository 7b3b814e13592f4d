package org.liveaudio.api.net;

/**
 * One reception report block of an RTCP sender or receiver report (RFC 3550, section 6.4.1): how one
 * listener hears one source.
 *
 * @param ssrc the source this block is about
 * @param fractionLost packets lost since the previous report, as a fraction of 256 (0..255)
 * @param cumulativeLost packets lost since reception began (24-bit signed on the wire)
 * @param extendedHighestSequence cycles of the 16-bit sequence number shifted left 16, plus the highest one
 * @param jitter interarrival jitter in timestamp units
 * @param lastSenderReport the middle 32 bits of the NTP timestamp of the last sender report heard, 0 if none
 * @param delaySinceLastSenderReport time since that report, in units of 1/65536 s, 0 if none
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
        long jitter, long lastSenderReport, long delaySinceLastSenderReport) {
}
