package org.liveaudio.itests;

import java.util.List;
import java.util.Locale;
import org.liveaudio.api.stream.LatencyStats;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * One measured window: what the sender sent between {@code stream:play} and {@code stream:pause}, and what each
 * listener received of it once the packets in flight had arrived.
 *
 * @param seconds the window's length by the test's clock
 * @param sentPackets packets the sender sent in the window, exactly: read with the sender paused at both ends
 * @param senderCpuNanos CPU time of the sender's clock thread in the window, which reads, encodes and sends
 * @param jvmCpuNanos CPU time of the whole JVM in the window: sender, every listener's threads, the test itself
 * @param receiveCpuNanos CPU time of the listeners' receive threads in the window, all together
 * @param playoutCpuNanos CPU time of the listeners' playout threads in the window, all together
 * @param senderLateFrames frames the sender sent more than a tenth of a period after their deadline, in the window
 * @param senderSkippedFrames frames the sender dropped unsent after a stall of its clock, in the window
 * @param senderWorstLateMicros the latest any frame was sent since the sender started
 */
record ThroughputRun(int listeners, double seconds, long sentPackets, long sentBytes,
        double realTimePacketsPerSecond, long senderCpuNanos, long jvmCpuNanos, long receiveCpuNanos,
        long playoutCpuNanos, long senderLateFrames, long senderSkippedFrames,
        long senderWorstLateMicros, List<ListenerWindow> windows) {

    /** How far a listener's average rate may be from the real-time rate. */
    static final double RATE_TOLERANCE = 0.01;
    private static final int MAX_LISTENERS_DESCRIBED = 12;

    double bytesPerPacket() {
        return sentPackets == 0 ? 0 : (double) sentBytes / sentPackets;
    }

    /** Audio the window carried: one frame period per packet sent. */
    double audioSeconds() {
        return sentPackets / realTimePacketsPerSecond;
    }

    boolean everyPacket() {
        return windows.stream().allMatch(w -> w.gotEvery(sentPackets));
    }

    ThroughputRow row() {
        double audio = audioSeconds();
        return new ThroughputRow(listeners, seconds, sentPackets, realTimePacketsPerSecond,
                realTimePacketsPerSecond * bytesPerPacket(), min(ListenerWindow::packetsPerSecond),
                mean(ListenerWindow::packetsPerSecond), max(ListenerWindow::packetsPerSecond),
                min(ListenerWindow::bytesPerSecond), mean(ListenerWindow::bytesPerSecond),
                max(ListenerWindow::bytesPerSecond), sum(ListenerWindow::lost), sum(ListenerWindow::late),
                sum(ListenerWindow::duplicates), sum(ListenerWindow::reordered),
                mean(ListenerWindow::meanJitterMillis), max(ListenerWindow::maxJitterMillis),
                senderCpuNanos / 1e6 / audio, jvmCpuNanos / 1e6 / audio, receiveCpuNanos / 1e6 / audio,
                playoutCpuNanos / 1e6 / audio, senderLateFrames, senderSkippedFrames, senderWorstLateMicros,
                everyPacket(), measured().count(), latency(LatencyStats::receiveP50Millis, false),
                latency(LatencyStats::receiveP99Millis, true), latency(LatencyStats::receiveMaxMillis, true),
                latency(LatencyStats::playoutP50Millis, false), latency(LatencyStats::playoutP99Millis, true),
                latency(LatencyStats::playoutMaxMillis, true));
    }

    /** Listeners that had a sender report to measure latency against. */
    private java.util.stream.Stream<LatencyStats> measured() {
        return windows.stream().map(ListenerWindow::latency).filter(latency -> latency.samples() > 0);
    }

    /** Over the listeners that measured: the mean of a median, the largest of a tail; -1 when none measured. */
    private double latency(ToDoubleFunction<LatencyStats> figure, boolean largest) {
        java.util.stream.DoubleStream values = measured().mapToDouble(figure);
        return (largest ? values.max() : values.average()).orElse(-1);
    }

    /** One line for the log: what was sent, what arrived, at what cost. */
    String summary() {
        ThroughputRow row = row();
        return String.format(Locale.ROOT, "%d listeners, %.3f s: sent %d packets (%.2f/s); per listener %.2f..%.2f "
                + "packets/s, lost %d, late %d, duplicate %d, reordered %d, jitter mean %.3f max %.3f ms; CPU per s "
                + "of audio: sender %.1f ms, JVM %.1f ms (listeners' receive threads %.1f ms, playout threads %.1f "
                + "ms); sender late frames %d, skipped %d, worst lateness so far %d us; every packet: %s", listeners,
                seconds,
                sentPackets, sentPackets / seconds, row.minPacketsPerSecond(), row.maxPacketsPerSecond(), row.lost(),
                row.late(), row.duplicates(), row.reordered(), row.meanJitterMillis(), row.maxJitterMillis(),
                row.senderCpuMillisPerSecond(), row.jvmCpuMillisPerSecond(), row.receiveCpuMillisPerSecond(),
                row.playoutCpuMillisPerSecond(), senderLateFrames, senderSkippedFrames, senderWorstLateMicros,
                everyPacket());
    }

    /**
     * What went wrong, with the figures of the listeners concerned; empty when every listener received every
     * packet at the real-time rate.
     */
    String problems() {
        List<ListenerWindow> failed = windows.stream()
                .filter(w -> !w.gotEvery(sentPackets) || !w.atRate(realTimePacketsPerSecond, RATE_TOLERANCE))
                .collect(Collectors.toList());
        if (failed.isEmpty()) {
            return "";
        }
        String listed = failed.stream().limit(MAX_LISTENERS_DESCRIBED).map(w -> w.describe(sentPackets))
                .collect(Collectors.joining("\n    ", "\n    ", ""));
        String more = failed.size() > MAX_LISTENERS_DESCRIBED
                ? "\n    ... and " + (failed.size() - MAX_LISTENERS_DESCRIBED) + " more" : "";
        return String.format(Locale.ROOT, "%d listeners: %d of them missed packets or were off the real-time rate "
                + "of %.1f packets/s by more than %.0f %% (sender: %d packets in %.3f s, late frames %d, skipped "
                + "frames %d, worst lateness so far %d us):%s%s", listeners, failed.size(), realTimePacketsPerSecond,
                RATE_TOLERANCE * 100, sentPackets, seconds, senderLateFrames, senderSkippedFrames,
                senderWorstLateMicros, listed, more);
    }

    private double min(ToDoubleFunction<ListenerWindow> figure) {
        return windows.stream().mapToDouble(figure).min().orElse(0);
    }

    private double max(ToDoubleFunction<ListenerWindow> figure) {
        return windows.stream().mapToDouble(figure).max().orElse(0);
    }

    private double mean(ToDoubleFunction<ListenerWindow> figure) {
        return windows.stream().mapToDouble(figure).average().orElse(0);
    }

    private long sum(ToLongFunction<ListenerWindow> figure) {
        return windows.stream().mapToLong(figure).sum();
    }
}
