package org.liveaudio.listener.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.RepairReport;
import org.liveaudio.api.net.ReportBlock;

class SequenceStatisticsTest {
    private final SequenceStatistics statistics = new SequenceStatistics();
    private long received;

    /** A packet as the reception hands it over: the count read before this packet is counted. */
    private void packet(int sequence) {
        statistics.update(sequence, received);
        received++;
    }

    private ReportBlock block() {
        return statistics.nextBlock(1, received, 0, 0, 0);
    }

    @Test
    void aJumpIsARestartOnlyOnceTheNextPacketConfirmsIt() {
        statistics.restart(10, received);
        received++;
        packet(11);
        packet(30_000);
        assertEquals(11, statistics.extendedHighest(), "one packet far off is not followed");

        packet(30_001);

        assertEquals(30_001, statistics.extendedHighest());
        assertEquals(new ReportBlock(1, 0, 0, 30_001, 0, 0, 0), block(), "counting starts at the confirming packet");
    }

    @Test
    void lateAndDuplicatePacketsLeaveTheHighestAlone() {
        statistics.restart(500, received);
        received++;
        packet(502);
        packet(501);
        packet(502);

        assertEquals(502, statistics.extendedHighest());
        assertEquals(-1, block().cumulativeLost(), "a duplicate makes up for nothing lost: -1, as RFC 3550 A.3 has it");
    }

    @Test
    void fractionIsLostOverExpectedInTheIntervalIn256ths() {
        statistics.restart(0, received);
        received++;
        block();
        packet(10);

        assertEquals(230, block().fractionLost(), "9 of 10 lost: 230/256");
    }

    @Test
    void fractionStaysWithinEightBitsWhenNothingCounted() {
        statistics.restart(0, received);
        received++;
        block();
        statistics.update(4, received);

        assertEquals(255, block().fractionLost(), "4 of 4 lost would be 256/256");
    }

    @Test
    void ofTheLossBeforeRepairWhatFecRebuiltIsRepairedAndTheRestStaysLost() {
        statistics.restart(65_530, received);
        received++;
        packet(65_531);
        packet(2); // 65532..65535, 0 and 1 missing: six lost, across the wrap
        assertEquals(6, block().cumulativeLost(), "the receiver report's loss is before repair");

        assertEquals(new RepairReport(1, 65_530, 3, 2, 4), statistics.repairs(1, received, 4),
                "four rebuilt in time: repaired; two not: unrepaired; the range from the base to one past the highest");
        assertEquals(new RepairReport(1, 65_530, 3, 0, 6), statistics.repairs(1, received, 9),
                "a packet rebuilt and then received late counts once: repaired never exceeds the loss");
        assertEquals(new RepairReport(1, 65_530, 3, 6, 0), statistics.repairs(1, received, 0));
    }
}
