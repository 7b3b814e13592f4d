package org.liveaudio.listener.rtcp;

import org.liveaudio.api.net.RepairReport;
import org.liveaudio.api.net.ReportBlock;

/**
 * The locked stream's sequence numbers as RFC 3550 appendix A.1 follows them (extended highest sequence
 * number, base, and a jump taken as a restart once the next packet confirms it), and the loss that
 * appendix A.3 derives for a receiver report: expected = extended highest - base + 1, lost = expected -
 * received, the fraction over the interval since the previous report.
 *
 * <p>Received packets are not counted here: the caller passes the listener's own count (the one
 * {@code listener:stats} shows), read before the packet at hand is counted, so both agree. Not thread-safe:
 * the reception lock guards it.
 */
public final class SequenceStatistics {
    private static final int SEQUENCE_MOD = 1 << 16;
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    private static final long MAX_CUMULATIVE_LOST = 0x7F_FFFF;
    private static final long MIN_CUMULATIVE_LOST = -0x80_0000;
    private static final int NONE = -1;

    private int base;
    private int max;
    private long cycles;
    private int badSequence = NONE;
    private long receivedAtBase;
    private long expectedPrior;
    private long receivedPrior;

    /** Starts counting at {@code sequence}, the first packet of a newly locked stream. */
    public void restart(int sequence, long receivedBefore) {
        base = sequence;
        max = sequence;
        cycles = 0;
        badSequence = NONE;
        receivedAtBase = receivedBefore;
        expectedPrior = 0;
        receivedPrior = 0;
    }

    /** Follows one more packet of the locked stream. */
    public void update(int sequence, long receivedBefore) {
        int delta = (sequence - max) & (SEQUENCE_MOD - 1);
        if (delta < MAX_DROPOUT) {
            if (sequence < max) {
                cycles += SEQUENCE_MOD;
            }
            max = sequence;
        } else if (delta <= SEQUENCE_MOD - MAX_MISORDER) {
            if (sequence == badSequence) {
                restart(sequence, receivedBefore);
            } else {
                badSequence = (sequence + 1) & (SEQUENCE_MOD - 1);
            }
        }
    }

    public long extendedHighest() {
        return cycles + max;
    }

    /**
     * The report block on the stream, given the listener's received count now; starts the next report
     * interval.
     */
    public ReportBlock nextBlock(long ssrc, long receivedNow, long jitter, long lastSenderReport,
            long delaySinceLastSenderReport) {
        long received = receivedNow - receivedAtBase;
        long expected = extendedHighest() - base + 1;
        long expectedInterval = expected - expectedPrior;
        long lostInterval = expectedInterval - (received - receivedPrior);
        expectedPrior = expected;
        receivedPrior = received;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0
                : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        long lost = Math.max(MIN_CUMULATIVE_LOST, Math.min(MAX_CUMULATIVE_LOST, expected - received));
        return new ReportBlock(ssrc, fraction, (int) lost, extendedHighest(), jitter, lastSenderReport,
                delaySinceLastSenderReport);
    }

    /**
     * The loss since the base as RFC 7509 counts it: of the packets never received, {@code recovered} (rebuilt
     * from repair packets in time to play, also since the base) are repaired, the rest stay lost.
     */
    public RepairReport repairs(long ssrc, long receivedNow, long recovered) {
        long lost = Math.max(0, extendedHighest() - base + 1 - (receivedNow - receivedAtBase));
        long repaired = Math.min(lost, Math.max(0, recovered));
        return new RepairReport(ssrc, base & 0xFFFF, (int) ((extendedHighest() + 1) & 0xFFFF), lost - repaired,
                repaired);
    }
}
