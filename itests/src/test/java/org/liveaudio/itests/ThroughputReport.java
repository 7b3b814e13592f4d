package org.liveaudio.itests;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The throughput runs as text: a Markdown table of the figures and the largest listener count served in full. */
final class ThroughputReport {
    static final String FILE_NAME = "throughput.md";

    private ThroughputReport() {
    }

    static String text(List<ThroughputRow> rows) {
        return table(rows) + "\n" + largestCompleteRun(rows) + "\n";
    }

    /**
     * The largest N at which every listener still got every packet (that run and every run with fewer listeners
     * lost nothing), and the largest at which, besides, every listener's rate was the real-time rate within
     * {@link ThroughputRun#RATE_TOLERANCE}.
     */
    static String largestCompleteRun(List<ThroughputRow> rows) {
        List<ThroughputRow> ascending = rows.stream().sorted(Comparator.comparingInt(ThroughputRow::listeners))
                .collect(Collectors.toList());
        String counts = ascending.stream().map(row -> String.valueOf(row.listeners()))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "Largest N at which every listener got every packet: %s; and at the "
                + "real-time rate within %.0f %%: %s (runs with N = %s)",
                largest(ascending, ThroughputRow::everyPacket),
                ThroughputRun.RATE_TOLERANCE * 100,
                largest(ascending, row -> row.everyPacket() && row.atRealTime(ThroughputRun.RATE_TOLERANCE)),
                counts);
    }

    private static String largest(List<ThroughputRow> ascending, Predicate<ThroughputRow> served) {
        int largest = 0;
        for (ThroughputRow row : ascending) {
            if (!served.test(row)) {
                break;
            }
            largest = row.listeners();
        }
        return largest == 0 ? "none" : String.valueOf(largest);
    }

    static String table(List<ThroughputRow> rows) {
        StringBuilder text = new StringBuilder();
        text.append("| listeners | window (s) | packets sent | packets/s per listener (min / max) "
                + "| kB/s per listener (mean) | lost | late | duplicate | reordered | jitter mean / max (ms) "
                + "| sender CPU (ms per s of audio) | JVM CPU (ms per s of audio) "
                + "| of which listeners' receive / playout threads | sender frames late / skipped "
                + "| every packet | latency to arrival p50 / p99 / max (ms) | latency to the sink p50 / p99 / max (ms) |\n");
        text.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---:|---:|\n");
        for (ThroughputRow row : rows) {
            text.append(String.format(Locale.ROOT,
                    "| %d | %.2f | %d | %.2f / %.2f | %.1f | %d | %d | %d | %d | %.3f / %.3f | %.1f | %.1f "
                    + "| %.1f / %.1f | %d / %d | %s | %s | %s |%n",
                    row.listeners(), row.seconds(), row.sentPackets(), row.minPacketsPerSecond(),
                    row.maxPacketsPerSecond(), row.meanBytesPerSecond() / 1000, row.lost(), row.late(),
                    row.duplicates(), row.reordered(), row.meanJitterMillis(), row.maxJitterMillis(),
                    row.senderCpuMillisPerSecond(), row.jvmCpuMillisPerSecond(), row.receiveCpuMillisPerSecond(),
                    row.playoutCpuMillisPerSecond(), row.senderLateFrames(), row.senderSkippedFrames(),
                    row.everyPacket() ? "yes" : "no",
                    latency(row, row.receiveP50Millis(), row.receiveP99Millis(), row.receiveMaxMillis()),
                    latency(row, row.playoutP50Millis(), row.playoutP99Millis(), row.playoutMaxMillis())));
        }
        return text.toString();
    }

    private static String latency(ThroughputRow row, double p50, double p99, double max) {
        return row.latencyListeners() == 0 ? "no sender report in the window"
                : String.format(Locale.ROOT, "%.2f / %.2f / %.2f", p50, p99, max);
    }
}
