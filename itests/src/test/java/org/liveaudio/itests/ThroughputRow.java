package org.liveaudio.itests;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one throughput run (one sender, N listeners), as one line of {@code throughput.csv}. Rates are
 * per listener over the measured window; counts are totals over all listeners; CPU is per second of audio sent
 * in the window, so 1000 ms/s is one core busy.
 *
 * @param realTimePacketsPerSecond what the stream's format calls for: one packet per frame period
 * @param realTimeBytesPerSecond the same in RTP bytes (header and payload), as the sender counted them
 * @param receiveCpuMillisPerSecond all listeners' receive threads together
 * @param playoutCpuMillisPerSecond all listeners' playout threads together
 * @param senderSkippedFrames frames the sender dropped unsent in the window, after a stall of its clock thread
 *     longer than it may catch up on: the stream then carries less than real time
 * @param senderWorstLateMicros the latest the sender sent any frame since it started (before this run too)
 * @param everyPacket whether every listener received every packet sent in the window, once, none lost or late
 */
record ThroughputRow(int listeners, double seconds, long sentPackets, double realTimePacketsPerSecond,
        double realTimeBytesPerSecond, double minPacketsPerSecond, double meanPacketsPerSecond,
        double maxPacketsPerSecond, double minBytesPerSecond, double meanBytesPerSecond, double maxBytesPerSecond,
        long lost, long late, long duplicates, long reordered, double meanJitterMillis, double maxJitterMillis,
        double senderCpuMillisPerSecond, double jvmCpuMillisPerSecond, double receiveCpuMillisPerSecond,
        double playoutCpuMillisPerSecond, long senderLateFrames, long senderSkippedFrames,
        long senderWorstLateMicros, boolean everyPacket, long latencyListeners, double receiveP50Millis,
        double receiveP99Millis, double receiveMaxMillis, double playoutP50Millis, double playoutP99Millis,
        double playoutMaxMillis) {

    static final List<String> COLUMNS = List.of("listeners", "seconds", "sent_packets", "realtime_packets_per_s",
            "realtime_bytes_per_s", "min_packets_per_s", "mean_packets_per_s", "max_packets_per_s",
            "min_bytes_per_s", "mean_bytes_per_s", "max_bytes_per_s", "lost", "late", "duplicates", "reordered",
            "jitter_mean_ms", "jitter_max_ms", "sender_cpu_ms_per_s", "jvm_cpu_ms_per_s", "receive_cpu_ms_per_s",
            "playout_cpu_ms_per_s", "sender_late_frames", "sender_skipped_frames",
            "sender_worst_late_us_so_far", "every_packet", "latency_listeners", "receive_latency_p50_ms",
            "receive_latency_p99_ms", "receive_latency_max_ms", "playout_latency_p50_ms", "playout_latency_p99_ms",
            "playout_latency_max_ms");

    /** Whether every listener's average rate was within {@code tolerance} (a fraction) of the real-time rate. */
    boolean atRealTime(double tolerance) {
        return Math.abs(minPacketsPerSecond / realTimePacketsPerSecond - 1) <= tolerance
                && Math.abs(maxPacketsPerSecond / realTimePacketsPerSecond - 1) <= tolerance;
    }

    /** The values in the order of {@link #COLUMNS}, formatted with a dot for decimals whatever the locale. */
    List<String> values() {
        return List.of(String.valueOf(listeners), decimal(seconds, 3), String.valueOf(sentPackets),
                decimal(realTimePacketsPerSecond, 3), decimal(realTimeBytesPerSecond, 1),
                decimal(minPacketsPerSecond, 3), decimal(meanPacketsPerSecond, 3), decimal(maxPacketsPerSecond, 3),
                decimal(minBytesPerSecond, 1), decimal(meanBytesPerSecond, 1), decimal(maxBytesPerSecond, 1),
                String.valueOf(lost), String.valueOf(late), String.valueOf(duplicates), String.valueOf(reordered),
                decimal(meanJitterMillis, 4), decimal(maxJitterMillis, 4), decimal(senderCpuMillisPerSecond, 2),
                decimal(jvmCpuMillisPerSecond, 2), decimal(receiveCpuMillisPerSecond, 2),
                decimal(playoutCpuMillisPerSecond, 2), String.valueOf(senderLateFrames),
                String.valueOf(senderSkippedFrames),
                String.valueOf(senderWorstLateMicros), String.valueOf(everyPacket), String.valueOf(latencyListeners),
                decimal(receiveP50Millis, 3), decimal(receiveP99Millis, 3), decimal(receiveMaxMillis, 3),
                decimal(playoutP50Millis, 3), decimal(playoutP99Millis, 3), decimal(playoutMaxMillis, 3));
    }

    /** The row whose values {@code byColumn} holds, keyed by the names of {@link #COLUMNS}. */
    static ThroughputRow of(Map<String, String> byColumn) {
        Fields f = new Fields(byColumn);
        return new ThroughputRow(f.integer("listeners"), f.decimal("seconds"), f.count("sent_packets"),
                f.decimal("realtime_packets_per_s"), f.decimal("realtime_bytes_per_s"),
                f.decimal("min_packets_per_s"), f.decimal("mean_packets_per_s"), f.decimal("max_packets_per_s"),
                f.decimal("min_bytes_per_s"), f.decimal("mean_bytes_per_s"), f.decimal("max_bytes_per_s"),
                f.count("lost"), f.count("late"), f.count("duplicates"), f.count("reordered"),
                f.decimal("jitter_mean_ms"), f.decimal("jitter_max_ms"), f.decimal("sender_cpu_ms_per_s"),
                f.decimal("jvm_cpu_ms_per_s"), f.decimal("receive_cpu_ms_per_s"), f.decimal("playout_cpu_ms_per_s"),
                f.count("sender_late_frames"), f.count("sender_skipped_frames"),
                f.count("sender_worst_late_us_so_far"), Boolean.parseBoolean(f.text("every_packet")),
                f.count("latency_listeners"), f.decimal("receive_latency_p50_ms"), f.decimal("receive_latency_p99_ms"),
                f.decimal("receive_latency_max_ms"), f.decimal("playout_latency_p50_ms"),
                f.decimal("playout_latency_p99_ms"), f.decimal("playout_latency_max_ms"));
    }

    private static String decimal(double value, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", value);
    }

    private record Fields(Map<String, String> byColumn) {
        String text(String column) {
            String value = byColumn.get(column);
            if (value == null) {
                throw new IllegalArgumentException("no column " + column + " in " + byColumn.keySet());
            }
            return value;
        }

        int integer(String column) {
            return Integer.parseInt(text(column));
        }

        long count(String column) {
            return Long.parseLong(text(column));
        }

        double decimal(String column) {
            return Double.parseDouble(text(column));
        }
    }
}
