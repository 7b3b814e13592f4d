package org.liveaudio.itests;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line of {@code soak.csv}: the JVM and the stream at one moment of a soak run. The listener counters are
 * summed over all listeners (and over the instances of each, across bundle swaps) since the run's first sample.
 *
 * @param minute when, in minutes since the first sample
 * @param heapUsedMb heap in use right after full collections, MiB
 * @param threads live threads of the JVM
 * @param listeners listeners registered at that moment
 * @param lateAroundGc of {@code late}, those counted around the forced collections of the samples so far: the
 *     sampling's own cost, not the stream's
 * @param packetsSent RTP packets the sender sent since the first sample
 * @param senderSkippedFrames frames the sender dropped after a stall of its clock thread, since the first sample
 */
record SoakSample(double minute, double heapUsedMb, double heapCommittedMb, int threads, int loadedClasses,
        int listeners, long received, long lost, long late, long lateAroundGc, long concealed, long packetsSent,
        long senderSkippedFrames) {

    static final List<String> COLUMNS = List.of("minute", "heap_used_mb_after_gc", "heap_committed_mb", "threads",
            "loaded_classes", "listeners", "received", "lost", "late", "late_around_gc", "concealed", "packets_sent",
            "sender_skipped_frames");

    List<String> values() {
        return List.of(decimal(minute, 2), decimal(heapUsedMb, 2), decimal(heapCommittedMb, 1),
                String.valueOf(threads), String.valueOf(loadedClasses), String.valueOf(listeners),
                String.valueOf(received), String.valueOf(lost), String.valueOf(late), String.valueOf(lateAroundGc),
                String.valueOf(concealed),
                String.valueOf(packetsSent), String.valueOf(senderSkippedFrames));
    }

    static SoakSample of(Map<String, String> byColumn) {
        return new SoakSample(Double.parseDouble(byColumn.get("minute")),
                Double.parseDouble(byColumn.get("heap_used_mb_after_gc")),
                Double.parseDouble(byColumn.get("heap_committed_mb")), Integer.parseInt(byColumn.get("threads")),
                Integer.parseInt(byColumn.get("loaded_classes")), Integer.parseInt(byColumn.get("listeners")),
                Long.parseLong(byColumn.get("received")), Long.parseLong(byColumn.get("lost")),
                Long.parseLong(byColumn.get("late")), Long.parseLong(byColumn.get("late_around_gc")),
                Long.parseLong(byColumn.get("concealed")),
                Long.parseLong(byColumn.get("packets_sent")), Long.parseLong(byColumn.get("sender_skipped_frames")));
    }

    private static String decimal(double value, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", value);
    }
}
