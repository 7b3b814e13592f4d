package org.liveaudio.web.json;

import java.util.List;
import java.util.Map;
import org.liveaudio.api.stream.LatencyStats;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerReport;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamStatus;
import org.liveaudio.api.stream.SyncStats;
import org.liveaudio.web.listen.BrowserStream.Listening;

/**
 * The JSON shapes of the console's API, made from the stream's own types: plain numbers and strings, durations in
 * seconds, SSRCs in hex as the shell shows them, and {@code null} for a figure not known yet (JSON has no NaN).
 */
public final class Views {
    private Views() {
    }

    /** @param listening the stream for browsers and players, or {@code null} where none is served */
    public record Status(String state, String source, String title, String codec, int frameMicros, String endpoint,
            int ttl, String ssrc, long uptimeSeconds, String sdpFile, String problem, Listening listening) {
    }

    /** @param atMillis when it was read, on a monotonic clock: rates are differences of two readings over time */
    public record Stats(long packetsSent, long bytesSent, long bitsPerSecond, long framesLate,
            long worstLatenessMicros, long framesSkipped, long pauses, long sendErrors, long atMillis) {
    }

    /** @param lostAfterRepair null for a listener that does not say (another tool's) */
    public record HeardListener(String ssrc, String cname, String address, double fractionLost, long cumulativeLost,
            Long lostAfterRepair, double jitterMillis, Double roundTripMillis, double lastSeenSeconds) {
    }

    public record Sync(boolean inStep, Double playoutDelayMillis, double clockOffsetMillis, Double roundTripMillis,
            Double sinkDriftPpm) {
    }

    public record Latency(long samples, double receiveP50Millis, double receiveP99Millis, double receiveMaxMillis,
            double playoutP50Millis, double playoutP99Millis, double playoutMaxMillis) {
    }

    /** A listener running in this framework. */
    public record Receiver(String name, String endpoint, String ssrc, String codec, double jitterMillis,
            int bufferedFrames, String sink, Map<String, Long> counters, String nowPlaying, Sync sync,
            Latency latency, long atMillis) {
    }

    public static Status status(StreamStatus status, Listening listening) {
        return new Status(status.state(), status.source(), status.title(), status.codec(), status.frameMicros(),
                status.endpoint(), status.ttl(), hex(status.ssrc()), status.uptime().toSeconds(),
                status.sdpFile() == null ? "" : status.sdpFile().toString(), status.problem(), listening);
    }

    public static Stats stats(SenderStats stats, long atMillis) {
        return new Stats(stats.packetsSent(), stats.bytesSent(), stats.bitsPerSecond(), stats.framesLate(),
                stats.worstLatenessMicros(), stats.framesSkipped(), stats.pauses(), stats.sendErrors(), atMillis);
    }

    public static List<HeardListener> heard(List<ListenerReport> reports) {
        return reports.stream().map(report -> new HeardListener(hex(report.ssrc()), report.cname(), report.address(),
                report.fractionLost(), report.cumulativeLost(),
                report.lostAfterRepair() < 0 ? null : report.lostAfterRepair(), report.jitterMillis(),
                report.roundTripMillis() < 0 ? null : report.roundTripMillis(),
                report.lastSeen().toMillis() / 1000.0)).toList();
    }

    public static Receiver receiver(ListenerControl listener, long atMillis) {
        ListenerStats stats = listener.stats();
        SyncStats sync = listener.sync();
        LatencyStats latency = listener.latency();
        return new Receiver(stats.name(), stats.endpoint(), stats.ssrc() < 0 ? null : hex(stats.ssrc()),
                stats.codec(), stats.jitterMillis(), stats.bufferedFrames(), stats.sink(), stats.counters(),
                listener.nowPlaying(),
                new Sync(sync.inStep(), known(sync.playoutDelayMillis()), sync.clockOffsetMillis(),
                        known(sync.roundTripMillis()), known(sync.sinkDriftPpm())),
                new Latency(latency.samples(), latency.receiveP50Millis(), latency.receiveP99Millis(),
                        latency.receiveMaxMillis(), latency.playoutP50Millis(), latency.playoutP99Millis(),
                        latency.playoutMaxMillis()),
                atMillis);
    }

    static String hex(long ssrc) {
        return String.format("%08x", ssrc & 0xffff_ffffL);
    }

    private static Double known(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
