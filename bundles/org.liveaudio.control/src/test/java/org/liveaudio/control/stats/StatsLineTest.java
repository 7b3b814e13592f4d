package org.liveaudio.control.stats;

import java.util.Map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamStatus;

class StatsLineTest {
    private static final StreamStatus PLAYING = new StreamStatus("playing", "melody", "", "L16/48000/2", 5_000,
            "239.255.0.1:5004 on lo", 1, 1, Duration.ZERO, Path.of("/x.sdp"), "");
    private static final SenderStats SENT = new SenderStats(1200, 1_166_400, 1_555_200, 0, 10, 2, 0, 0);

    @Test
    void theLineShowsTheSenderAndEachListener() {
        ListenerStats one = new ListenerStats("l1", "239.255.0.1:5004 on lo", 1, "L16/48000/2 PT 96", 0.054, 4, "wav /tmp/l1.wav", Map.of(ListenerStats.RECEIVED, 1198L, ListenerStats.LOST, 1L, ListenerStats.LATE, 0L, ListenerStats.DUPLICATES, 0L, ListenerStats.REORDERED, 0L, ListenerStats.MALFORMED, 0L, ListenerStats.UNDERRUNS, 2L, ListenerStats.CONCEALED, 1L, ListenerStats.PLAYED, 1190L));
        ListenerStats two = new ListenerStats("l2", "239.255.0.1:5004 on lo", 1, "L16/48000/2 PT 96", 0.1, 5, "null", Map.of(ListenerStats.RECEIVED, 1197L, ListenerStats.LOST, 0L, ListenerStats.LATE, 3L, ListenerStats.DUPLICATES, 0L, ListenerStats.REORDERED, 0L, ListenerStats.MALFORMED, 0L, ListenerStats.UNDERRUNS, 0L, ListenerStats.CONCEALED, 0L, ListenerStats.PLAYED, 1189L));

        assertEquals("stream playing: 1200 packets, 1555.2 kbit/s, late 0, skipped 2, listeners 5"
                + " | l1: received 1198, lost 1, late 0, jitter 0.05 ms, buffered 4, underruns 2, played 1190"
                + " | l2: received 1197, lost 0, late 3, jitter 0.10 ms, buffered 5, underruns 0, played 1189",
                StatsLine.format(PLAYING, SENT, 5, List.of(one, two)));
    }

    @Test
    void withoutASenderTheLineSaysSo() {
        assertEquals("stream none", StatsLine.format(null, null, 0, List.of()));
    }
}
