package org.liveaudio.control.shell;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.liveaudio.api.stream.ListenerReport;
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamStatus;

/**
 * How the sender's status and statistics read in the shell: one line each, fields separated by {@code |}; its
 * listeners as a table.
 */
final class StreamText {
    private static final String NONE = "-";
    static final String NO_LISTENERS = "no listeners heard from yet (they report every ~5 s)";
    private static final String[] LISTENER_COLUMNS = {"ssrc", "cname", "address", "loss %", "cum lost",
        "after FEC", "jitter ms", "rtt ms", "last seen s"};
    /** Which columns are text, aligned left; the numbers align right. */
    private static final boolean[] LEFT = {true, true, true, false, false, false, false, false, false};

    private StreamText() {
    }

    /**
     * {@code playing | melody | L16/48000/2 5 ms | 239.255.0.1:5004 on lo ttl 1 | ssrc 0x1a2b3c4d | up 0:01:23
     * | sdp /path/liveaudio.sdp}, with {@code | title "Artist - Song"} after the source when there is a title,
     * quoted since a title may hold the separator, then {@code | problem: ...} when there is one.
     */
    static String status(StreamStatus status) {
        StringBuilder line = new StringBuilder(status.state());
        line.append(" | ").append(orNone(status.source()));
        if (!status.title().isEmpty()) {
            line.append(" | title \"").append(status.title()).append('"');
        }
        line.append(" | ").append(status.codec().isEmpty() ? NONE
                : status.codec() + " " + millis(status.frameMicros()) + " ms");
        line.append(" | ").append(status.endpoint().isEmpty() ? NONE : status.endpoint() + " ttl " + status.ttl());
        line.append(" | ssrc ").append(status.ssrc() < 0 ? NONE : String.format("0x%08x", status.ssrc()));
        line.append(" | up ").append(uptime(status.uptime()));
        line.append(" | sdp ").append(status.sdpFile() == null ? NONE : status.sdpFile().toString());
        if (!status.problem().isEmpty()) {
            line.append(" | problem: ").append(status.problem());
        }
        return line.toString();
    }

    /**
     * {@code sent 1200 packets, 1166400 bytes | 1555.2 kbit/s, 200 packets/s | late 0 (worst 0.12 ms) |
     * skipped 0 | pauses 1 | send errors 0 | listeners 3}.
     */
    static String stats(SenderStats stats, int listeners) {
        return String.format(Locale.ROOT, "sent %d packets, %d bytes | %.1f kbit/s, %d packets/s | late %d "
                + "(worst %.2f ms) | skipped %d | pauses %d | send errors %d | listeners %d", stats.packetsSent(),
                stats.bytesSent(), stats.bitsPerSecond() / 1000.0, packetsPerSecond(stats), stats.framesLate(),
                stats.worstLatenessMicros() / 1000.0, stats.framesSkipped(), stats.pauses(), stats.sendErrors(),
                listeners);
    }

    /**
     * A header and a row per listener, columns two spaces apart:
     * <pre>
     * ssrc        cname                  address          loss %  cum lost  after FEC  jitter ms  rtt ms  last seen s
     * 0x0000beef  liveaudio-listener@h1  10.0.0.7:40002      1.2         7          1       0.05    0.31          2.0
     * </pre>
     * {@code cum lost} is the loss before repair, {@code after FEC} what packet FEC left of it ({@code -} from a
     * listener that does not say, such as another tool's). The round-trip time reads {@code -} until the
     * listener has echoed a sender report.
     */
    static String listeners(List<ListenerReport> listeners) {
        if (listeners.isEmpty()) {
            return NO_LISTENERS;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(LISTENER_COLUMNS);
        for (ListenerReport listener : listeners) {
            rows.add(new String[] {String.format("0x%08x", listener.ssrc()), orNone(listener.cname()),
                orNone(listener.address()), String.format(Locale.ROOT, "%.1f", listener.fractionLost() * 100),
                Long.toString(listener.cumulativeLost()),
                listener.lostAfterRepair() < 0 ? NONE : Long.toString(listener.lostAfterRepair()),
                String.format(Locale.ROOT, "%.2f", listener.jitterMillis()),
                listener.roundTripMillis() < 0 ? NONE
                        : String.format(Locale.ROOT, "%.2f", listener.roundTripMillis()),
                String.format(Locale.ROOT, "%.1f", listener.lastSeen().toMillis() / 1000.0)});
        }
        return table(rows);
    }

    private static String table(List<String[]> rows) {
        int[] widths = new int[LEFT.length];
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            if (table.length() > 0) {
                table.append('\n');
            }
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.length; column++) {
                if (column > 0) {
                    line.append("  ");
                }
                String padding = " ".repeat(widths[column] - row[column].length());
                line.append(LEFT[column] ? row[column] + padding : padding + row[column]);
            }
            table.append(line.toString().stripTrailing());
        }
        return table.toString();
    }

    /**
     * The packets of the last second, from its bitrate and the mean packet size. {@link SenderStats} carries no
     * packet rate; for L16, whose packets are all one size, this is exact.
     */
    static long packetsPerSecond(SenderStats stats) {
        if (stats.packetsSent() == 0 || stats.bytesSent() == 0) {
            return 0;
        }
        double meanPacketBits = stats.bytesSent() * 8.0 / stats.packetsSent();
        return Math.round(stats.bitsPerSecond() / meanPacketBits);
    }

    static String millis(int micros) {
        return BigDecimal.valueOf(micros, 3).stripTrailingZeros().toPlainString();
    }

    /** {@code 0:01:23}; hours grow past 24. */
    static String uptime(Duration uptime) {
        long seconds = uptime.getSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    private static String orNone(String text) {
        return text.isEmpty() ? NONE : text;
    }
}
