package org.liveaudio.listener.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.stream.LatencyStats;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.api.stream.SyncStats;

/** The Gogo commands over fake listeners: which listeners each command shows, in which order, and what it says. */
class ListenerCommandsTest {
    private static final ListenerControl KITCHEN = new FakeListener(new ListenerStats("kitchen",
            "239.255.0.1:5004 on lo", -1, "L16/48000/2 PT 96", 0.0, 0, "waiting for a wav sink",
            counters(0, 0, 0)), LatencyStats.NONE, SyncStats.NONE, "");
    private static final ListenerControl DEMO = new FakeListener(new ListenerStats("demo", "239.255.0.1:5004 on lo",
            0xCAFEL, "L16/48000/2 PT 96", 0.0412, 4, "wav /work/recordings/demo.wav", counters(12_000, 3, 11_996)),
            new LatencyStats(12_000, 0.2131, 0.6509, 1.93, 20.3119, 21.024, 24.11),
            new SyncStats(true, 30, -0.0125, 0.25, 199.6), "Artist - Song (Live)");

    private final ListenerCommands commands = new ListenerCommands();

    private static Map<String, Long> counters(long received, long lost, long played) {
        return Map.of(ListenerStats.RECEIVED, received, ListenerStats.LOST, lost, ListenerStats.LATE, 0L,
                ListenerStats.DUPLICATES, 0L, ListenerStats.REORDERED, 0L, ListenerStats.MALFORMED, 0L,
                ListenerStats.UNDERRUNS, 0L, ListenerStats.CONCEALED, 0L, ListenerStats.PLAYED, played);
    }

    /** What Declarative Services does with the field reference as listeners come and go. */
    private void bound(ListenerControl... listeners) throws ReflectiveOperationException {
        Field field = ListenerCommands.class.getDeclaredField("listeners");
        field.setAccessible(true);
        field.set(commands, List.of(listeners));
    }

    @Test
    void statsShowsEveryListenerSortedByNameOrTheOneNamed() throws ReflectiveOperationException {
        bound(KITCHEN, DEMO);

        String header = "name     received  lost  fec rebuilt  codec fec  late  dup  reord  malformed"
                + "  unauth  replayed  jitter ms  buffered  underruns  concealed  played  sink";
        String demo = "demo        12000     3            0          0     0    0      0          0"
                + "       0         0       0.04         4          0          0   11996  wav /work/recordings/demo.wav";
        String kitchen = "kitchen         0     0            0          0     0    0      0          0"
                + "       0         0       0.00         0          0          0       0  waiting for a wav sink";
        assertEquals(String.join("\n", header, demo, kitchen), commands.stats());
        assertEquals(String.join("\n", header, kitchen), commands.stats("kitchen"));
    }

    @Test
    void aNameNoListenerHasIsAnsweredWithTheNamesThereAre() throws ReflectiveOperationException {
        bound(KITCHEN, DEMO);

        assertEquals("no listener porch (there are: demo, kitchen)", commands.stats("porch"));
        assertEquals("no listener porch (there are: demo, kitchen)", commands.latency("porch"));
        assertEquals("no listener porch (there are: demo, kitchen)", commands.now("porch"));
    }

    @Test
    void listShowsNameEndpointStreamAndSink() throws ReflectiveOperationException {
        bound(KITCHEN, DEMO);

        assertEquals(String.join("\n",
                "name     endpoint                ssrc        sink",
                "demo     239.255.0.1:5004 on lo  0x0000cafe  wav /work/recordings/demo.wav",
                "kitchen  239.255.0.1:5004 on lo  -           waiting for a wav sink"), commands.list());
    }

    @Test
    void syncShowsEachListenersClockDelayOffsetAndDrift() throws ReflectiveOperationException {
        bound(KITCHEN, DEMO);

        String[] lines = commands.sync().split("\n");
        assertEquals(3, lines.length, String.join("\n", lines));
        assertEquals(List.of("demo", "sender's", "clock", "30.000", "-0.013", "0.250", "+199.6"),
                List.of(lines[1].trim().split("\\s+")));
        assertEquals(List.of("kitchen", "own", "clock", "-", "0.000", "-", "-"),
                List.of(lines[2].trim().split("\\s+")));
    }

    @Test
    void latencyAndNowShowEveryListenerOrTheOneNamed() throws ReflectiveOperationException {
        bound(KITCHEN, DEMO);

        String demoLatency = "demo       12000        0.213        0.651        1.930       20.312       21.024       24.110";
        assertEquals(String.join("\n",
                "name     samples  recv p50 ms  recv p99 ms  recv max ms  play p50 ms  play p99 ms  play max ms",
                demoLatency, "kitchen  no sender report yet"), commands.latency());
        assertEquals(String.join("\n", "name  samples  recv p50 ms  recv p99 ms  recv max ms  play p50 ms  play p99 ms"
                + "  play max ms", demoLatency.replaceFirst("demo   ", "demo")), commands.latency("demo"));
        assertEquals(String.join("\n", "name     now playing", "demo     Artist - Song (Live)", "kitchen  -"),
                commands.now());
        assertEquals(String.join("\n", "name  now playing", "demo  Artist - Song (Live)"), commands.now("demo"));
    }

    @Test
    void withoutListenersEveryCommandSaysHowToAddOne() throws ReflectiveOperationException {
        String none = "no listeners (add config/org.liveaudio.listener-NAME.cfg)";
        assertEquals(none, commands.stats(), "before any reference was bound");

        bound();
        assertEquals(List.of(none, none, none, none, none, none),
                List.of(commands.stats(), commands.stats("demo"), commands.list(), commands.latency(),
                        commands.sync(), commands.now()));
    }

    @Test
    void listenerPrintsTheOverviewNamingEveryCommand() {
        String overview = commands.listener();
        for (String command : List.of("stats", "list", "latency", "sync", "now")) {
            assertTrue(overview.contains("listener:" + command + " "), command + " in\n" + overview);
        }
    }

    private record FakeListener(ListenerStats stats, LatencyStats latency, SyncStats sync, String nowPlaying)
            implements ListenerControl {
        @Override
        public String name() {
            return stats.name();
        }
    }
}
