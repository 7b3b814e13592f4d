package org.liveaudio.control.shell;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamStatus;

/** How the sender's status and statistics read in the shell: one line each, fields separated by {@code |}. */
final class StreamText {
    private static final String NONE = "-";

    private StreamText() {
    }

    /**
     * {@code playing | melody | L16/48000/2 5 ms | 239.255.0.1:5004 on lo ttl 1 | ssrc 0x1a2b3c4d | up 0:01:23
     * | sdp /path/liveaudio.sdp}, then {@code | problem: ...} when there is one.
     */
    static String status(StreamStatus status) {
        StringBuilder line = new StringBuilder(status.state());
        line.append(" | ").append(orNone(status.source()));
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
     * skipped 0 | pauses 1 | send errors 0}.
     */
    static String stats(SenderStats stats) {
        return String.format(Locale.ROOT, "sent %d packets, %d bytes | %.1f kbit/s, %d packets/s | late %d "
                + "(worst %.2f ms) | skipped %d | pauses %d | send errors %d", stats.packetsSent(), stats.bytesSent(),
                stats.bitsPerSecond() / 1000.0, packetsPerSecond(stats), stats.framesLate(),
                stats.worstLatenessMicros() / 1000.0, stats.framesSkipped(), stats.pauses(), stats.sendErrors());
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
