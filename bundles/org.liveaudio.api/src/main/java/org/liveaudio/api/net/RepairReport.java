package org.liveaudio.api.net;

/**
 * How much of one source's loss a listener repaired (packet FEC): an RTCP XR Post-Repair Loss Count Metrics block
 * (RFC 7509), sent with the receiver report whose blocks give the loss before repair. Counts run since the listener
 * locked onto the source, like the receiver report's cumulative loss.
 *
 * @param ssrc the source this block is about
 * @param beginSequence the first sequence number the counts cover
 * @param endSequence one past the last sequence number they cover (both modulo 2^16)
 * @param unrepairedLoss packets lost and not rebuilt
 * @param repairedLoss packets lost and rebuilt from repair packets
 */
public record RepairReport(long ssrc, int beginSequence, int endSequence, long unrepairedLoss, long repairedLoss) {
}
