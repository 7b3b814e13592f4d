package org.liveaudio.itests;

import java.time.Duration;
import java.util.List;

/** What a sender's {@code stream:listeners} says of its listeners' repairs, which their RTCP XR carries. */
final class RepairReports {
    static final String AFTER_FEC = "after FEC";

    private RepairReports() {
    }

    /**
     * Waits until {@code stream:listeners} shows {@code listeners} rows, each with a number after FEC: every
     * listener has sent a receiver report with its XR. Reports come every few seconds at random (RFC 3550), the
     * first maybe before a listener has a stream to report on.
     *
     * @return the table as it then was
     */
    static String await(DistributionProcess sender, int listeners, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String table = "";
        while (System.nanoTime() < deadline) {
            table = sender.output("stream:listeners", timeout);
            List<String> afterFec = ShellTable.column(table, AFTER_FEC);
            if (afterFec.size() == listeners && afterFec.stream().allMatch(cell -> cell.matches("\\d+"))) {
                return table;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not " + listeners + " listeners with their XR within " + timeout.toSeconds()
                + " s:\n" + table);
    }
}
