package org.liveaudio.control.stats;

import java.util.List;
import java.util.Locale;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamStatus;

/**
 * The periodic stats line: {@code stream playing: 1200 packets, 1555.2 kbit/s, late 0, skipped 0, listeners 1 |
 * l1: received 1198, lost 0, late 0, jitter 0.05 ms, buffered 4, underruns 0, played 1190}. The sender's
 * listeners are those it hears from through RTCP, wherever they run; the named ones run in this framework.
 */
final class StatsLine {
    private StatsLine() {
    }

    /**
     * @param status {@code null} when no sender runs in this framework
     * @param heard how many listeners the sender hears from
     */
    static String format(StreamStatus status, SenderStats sender, int heard, List<ListenerStats> listeners) {
        StringBuilder line = new StringBuilder();
        if (status == null) {
            line.append("stream none");
        } else {
            line.append(String.format(Locale.ROOT, "stream %s: %d packets, %.1f kbit/s, late %d, skipped %d, "
                    + "listeners %d", status.state(), sender.packetsSent(), sender.bitsPerSecond() / 1000.0,
                    sender.framesLate(), sender.framesSkipped(), heard));
        }
        for (ListenerStats listener : listeners) {
            line.append(String.format(Locale.ROOT, " | %s: received %d, lost %d, late %d, jitter %.2f ms, buffered %d, "
                    + "underruns %d, played %d", listener.name(), listener.received(), listener.lost(), listener.late(),
                    listener.jitterMillis(), listener.bufferedFrames(), listener.underruns(), listener.framesPlayed()));
        }
        return line.toString();
    }
}
