package org.liveaudio.listener.shell;

import java.util.List;
import java.util.Locale;
import org.liveaudio.api.stream.LatencyStats;
import org.liveaudio.api.stream.SyncStats;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.listener.sap.AnnouncedStream;

/**
 * What {@code listener:stats}, {@code listener:list}, {@code listener:latency}, {@code listener:sync} and
 * {@code listener:now} print.
 */
final class ListenerTables {
    static final String NONE = "no listeners (add config/org.liveaudio.listener-NAME.cfg)";
    static final String NO_SENDER_REPORT = "no sender report yet";

    /** One listener's way of keeping in step, under its name. */
    record NamedSync(String name, SyncStats sync) {
    }

    /** One listener's latency, under its name. */
    record NamedLatency(String name, LatencyStats latency) {
    }

    /** What one listener's sender says is playing, under the listener's name; empty when it names nothing. */
    record NamedNowPlaying(String name, String nowPlaying) {
    }

    private ListenerTables() {
    }

    /**
     * {@code listener:streams}: one row per stream heard by SAP, the newest first.
     *
     * @param interfaces where the browser listens, for the line that says nothing is heard
     */
    static String streams(List<AnnouncedStream> streams, List<String> interfaces, long nowNanos) {
        if (streams.isEmpty()) {
            return interfaces.isEmpty() ? "no SAP announcements: no listener to listen for them (the browser listens "
                    + "on the interfaces of the configured listeners, and of a sender relaying a stream by name)"
                    : "no SAP announcements heard on " + String.join(", ", interfaces);
        }
        TextTable table = new TextTable("name", "origin", "group:port", "format", ">PT", ">age s");
        for (AnnouncedStream stream : streams) {
            table.row(stream.name(), stream.session().origin().address(),
                    stream.session().group().getHostAddress() + ":" + stream.session().port(),
                    stream.session().format(), stream.session().payloadType(),
                    (nowNanos - stream.lastHeardNanos()) / 1_000_000_000L);
        }
        return table.toString();
    }

    static String stats(List<ListenerStats> listeners) {
        if (listeners.isEmpty()) {
            return NONE;
        }
        TextTable table = new TextTable("name", ">received", ">lost", ">fec rebuilt", ">codec fec", ">late", ">dup",
                ">reord", ">malformed", ">unauth", ">replayed", ">jitter ms", ">buffered", ">underruns", ">concealed",
                ">played", "sink");
        for (ListenerStats stats : listeners) {
            table.row(stats.name(), stats.received(), stats.lost(), stats.fecRecovered(), stats.codecFecRecovered(),
                    stats.late(), stats.duplicates(), stats.reordered(), stats.malformed(), stats.unauthenticated(),
                    stats.replayed(), String.format(Locale.ROOT, "%.2f", stats.jitterMillis()),
                    stats.bufferedFrames(), stats.underruns(), stats.concealedFrames(), stats.framesPlayed(),
                    stats.sink());
        }
        return table.toString();
    }

    static String latency(List<NamedLatency> listeners) {
        if (listeners.isEmpty()) {
            return NONE;
        }
        TextTable table = new TextTable("name", ">samples", ">recv p50 ms", ">recv p99 ms", ">recv max ms",
                ">play p50 ms", ">play p99 ms", ">play max ms");
        for (NamedLatency named : listeners) {
            LatencyStats latency = named.latency();
            if (latency.samples() == 0) {
                table.row(named.name(), NO_SENDER_REPORT);
            } else {
                table.row(named.name(), latency.samples(), millis(latency.receiveP50Millis()),
                        millis(latency.receiveP99Millis()), millis(latency.receiveMaxMillis()),
                        millis(latency.playoutP50Millis()), millis(latency.playoutP99Millis()),
                        millis(latency.playoutMaxMillis()));
            }
        }
        return table.toString();
    }

    static String sync(List<NamedSync> listeners) {
        if (listeners.isEmpty()) {
            return NONE;
        }
        TextTable table = new TextTable("name", "plays by", ">delay ms", ">clock offset ms", ">round trip ms",
                ">sink drift ppm");
        for (NamedSync named : listeners) {
            SyncStats sync = named.sync();
            table.row(named.name(), sync.inStep() ? "sender's clock" : "own clock", orDash(sync.playoutDelayMillis()),
                    millis(sync.clockOffsetMillis()), orDash(sync.roundTripMillis()),
                    Double.isNaN(sync.sinkDriftPpm()) ? "-" : String.format(Locale.ROOT, "%+.1f", sync.sinkDriftPpm()));
        }
        return table.toString();
    }

    private static String orDash(double millis) {
        return Double.isNaN(millis) ? "-" : millis(millis);
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String list(List<ListenerStats> listeners) {
        if (listeners.isEmpty()) {
            return NONE;
        }
        TextTable table = new TextTable("name", "endpoint", "ssrc", "sink");
        for (ListenerStats stats : listeners) {
            table.row(stats.name(), stats.endpoint(),
                    stats.ssrc() < 0 ? "-" : String.format("0x%08x", stats.ssrc()), stats.sink());
        }
        return table.toString();
    }

    static String now(List<NamedNowPlaying> listeners) {
        if (listeners.isEmpty()) {
            return NONE;
        }
        TextTable table = new TextTable("name", "now playing");
        for (NamedNowPlaying named : listeners) {
            table.row(named.name(), named.nowPlaying().isEmpty() ? "-" : named.nowPlaying());
        }
        return table.toString();
    }
}
