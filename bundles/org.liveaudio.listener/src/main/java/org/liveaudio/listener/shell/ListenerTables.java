package org.liveaudio.listener.shell;

import java.util.List;
import java.util.Locale;
import org.liveaudio.api.stream.ListenerStats;

/** What {@code listener:stats} and {@code listener:list} print. */
final class ListenerTables {
    static final String NONE = "no listeners (add config/org.liveaudio.listener-NAME.cfg)";

    private ListenerTables() {
    }

    static String stats(List<ListenerStats> listeners) {
        if (listeners.isEmpty()) {
            return NONE;
        }
        TextTable table = new TextTable("name", ">received", ">lost", ">late", ">dup", ">reord", ">malformed",
                ">jitter ms", ">buffered", ">underruns", ">concealed", ">played", "sink");
        for (ListenerStats stats : listeners) {
            table.row(stats.name(), stats.received(), stats.lost(), stats.late(), stats.duplicates(),
                    stats.reordered(), stats.malformed(), String.format(Locale.ROOT, "%.2f", stats.jitterMillis()),
                    stats.bufferedFrames(), stats.underruns(), stats.concealedFrames(), stats.framesPlayed(),
                    stats.sink());
        }
        return table.toString();
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
}
