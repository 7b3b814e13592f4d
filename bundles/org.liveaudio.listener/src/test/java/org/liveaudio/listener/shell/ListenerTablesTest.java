package org.liveaudio.listener.shell;

import java.util.Map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.stream.LatencyStats;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.api.stream.SyncStats;

class ListenerTablesTest {
    private static final ListenerStats DEMO = new ListenerStats("demo", "239.255.0.1:5004 on lo", 0xCAFEL, "L16/48000/2 PT 96", 0.0412, 4, "wav /work/recordings/demo.wav", Map.of(ListenerStats.RECEIVED, 12000L, ListenerStats.LOST, 3L, ListenerStats.FEC_RECOVERED, 7L, ListenerStats.CODEC_FEC_RECOVERED, 2L, ListenerStats.LATE, 1L, ListenerStats.REORDERED, 2L, ListenerStats.MALFORMED, 4L, ListenerStats.UNDERRUNS, 20L, ListenerStats.CONCEALED, 3L, ListenerStats.PLAYED, 11996L));
    private static final ListenerStats KITCHEN = new ListenerStats("kitchen", "239.255.0.1:5004 on lo", -1, "L16/48000/2 PT 96", 0.0, 0, "waiting for a wav sink", Map.of(ListenerStats.RECEIVED, 0L, ListenerStats.LOST, 0L, ListenerStats.LATE, 0L, ListenerStats.DUPLICATES, 0L, ListenerStats.REORDERED, 0L, ListenerStats.MALFORMED, 0L, ListenerStats.UNDERRUNS, 0L, ListenerStats.CONCEALED, 0L, ListenerStats.PLAYED, 0L));

    @Test
    void statsPrintsOneAlignedRowPerListener() {
        assertEquals(String.join("\n",
                "name     received  lost  fec rebuilt  codec fec  late  dup  reord  malformed"
                        + "  unauth  replayed  jitter ms  buffered  underruns  concealed  played  sink",
                "demo        12000     3            7          2     1    0      2          4"
                        + "       0         0       0.04         4         20          3   11996  wav /work/recordings/demo.wav",
                "kitchen         0     0            0          0     0    0      0          0"
                        + "       0         0       0.00         0          0          0       0  waiting for a wav sink"),
                ListenerTables.stats(List.of(DEMO, KITCHEN)));
    }

    @Test
    void listPrintsNameEndpointStreamAndSink() {
        assertEquals(String.join("\n",
                "name     endpoint                ssrc        sink",
                "demo     239.255.0.1:5004 on lo  0x0000cafe  wav /work/recordings/demo.wav",
                "kitchen  239.255.0.1:5004 on lo  -           waiting for a wav sink"),
                ListenerTables.list(List.of(DEMO, KITCHEN)));
    }

    @Test
    void aStreamOfSsrcZeroIsListedAsOne() {
        ListenerStats zero = new ListenerStats("zero", "239.255.0.1:5004 on lo", 0, "L16/48000/2 PT 96", 0.0, 0,
                "none", Map.of());

        assertEquals(String.join("\n",
                "name  endpoint                ssrc        sink",
                "zero  239.255.0.1:5004 on lo  0x00000000  none"), ListenerTables.list(List.of(zero)));
    }

    @Test
    void noListenersSaysHowToAddOne() {
        assertEquals("no listeners (add config/org.liveaudio.listener-NAME.cfg)", ListenerTables.stats(List.of()));
        assertEquals("no listeners (add config/org.liveaudio.listener-NAME.cfg)", ListenerTables.list(List.of()));
    }

    @Test
    void latencyPrintsPercentilesInMillisecondsOrSaysNoSenderReportYet() {
        assertEquals(String.join("\n",
                "name     samples  recv p50 ms  recv p99 ms  recv max ms  play p50 ms  play p99 ms  play max ms",
                "demo       12000        0.213        0.651        1.930       20.312       21.024       24.110",
                "kitchen  no sender report yet"),
                ListenerTables.latency(List.of(
                        new ListenerTables.NamedLatency("demo",
                                new LatencyStats(12000, 0.2131, 0.6509, 1.93, 20.3119, 21.024, 24.11)),
                        new ListenerTables.NamedLatency("kitchen", LatencyStats.NONE))));
        assertEquals(ListenerTables.NONE, ListenerTables.latency(List.of()));
    }

    @Test
    void syncPrintsTheClockTheDelayTheOffsetAndTheSinkDrift() {
        String table = ListenerTables.sync(List.of(
                new ListenerTables.NamedSync("kitchen", new SyncStats(true, 30, -0.0125, 0.25, 199.6)),
                new ListenerTables.NamedSync("porch", SyncStats.NONE)));
        String[] lines = table.split("\n");
        assertEquals(3, lines.length, table);
        assertEquals(List.of("kitchen", "sender's", "clock", "30.000", "-0.013", "0.250", "+199.6"),
                List.of(lines[1].trim().split("\\s+")));
        assertEquals(List.of("porch", "own", "clock", "-", "0.000", "-", "-"), List.of(lines[2].trim().split("\\s+")));
        assertEquals(ListenerTables.NONE, ListenerTables.sync(List.of()));
    }

    @Test
    void nowPrintsWhatEachListenersSenderSaysIsPlayingOrADash() {
        assertEquals(String.join("\n",
                "name     now playing",
                "demo     Artist - Song (Live)",
                "kitchen  -"),
                ListenerTables.now(List.of(new ListenerTables.NamedNowPlaying("demo", "Artist - Song (Live)"),
                        new ListenerTables.NamedNowPlaying("kitchen", ""))));
        assertEquals(ListenerTables.NONE, ListenerTables.now(List.of()));
    }
}
