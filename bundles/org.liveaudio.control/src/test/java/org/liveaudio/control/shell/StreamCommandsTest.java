package org.liveaudio.control.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioTap;
import org.liveaudio.api.stream.ListenerReport;
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamControl;
import org.liveaudio.api.stream.StreamStatus;

class StreamCommandsTest {
    private static final StreamStatus PLAYING = new StreamStatus("playing", "melody", "", "L16/48000/2", 5_000,
            "239.255.0.1:5004 on lo", 1, 0x1a2b3c4dL, Duration.ofSeconds(83), Path.of("/srv/liveaudio.sdp"), "");

    private final List<String> calls = new ArrayList<>();
    private List<ListenerReport> listeners = List.of();
    private final StreamCommands commands = new StreamCommands();

    @Test
    void withoutASenderEveryCommandSaysHowToStartOne() {
        assertEquals("no sender running (configure org.liveaudio.sender)", commands.status());
        assertEquals(StreamCommands.NO_SENDER, commands.stats());
        assertEquals(StreamCommands.NO_SENDER, commands.pause());
        assertEquals(StreamCommands.NO_SENDER, commands.play());
        assertEquals(StreamCommands.NO_SENDER, commands.sdp());
        assertEquals(StreamCommands.NO_SENDER, commands.listeners());
        assertEquals(StreamCommands.NO_SENDER, commands.title(new String[] {"x"}));
        assertEquals(StreamCommands.NO_SENDER, commands.title());
    }

    @Test
    void statusIsOneLine() {
        commands.control = control(PLAYING, "");

        assertEquals("playing | melody | L16/48000/2 5 ms | 239.255.0.1:5004 on lo ttl 1 | ssrc 0x1a2b3c4d | "
                + "up 0:01:23 | sdp /srv/liveaudio.sdp", commands.status());
    }

    @Test
    void statusAddsALineForEachTapOfTheStream() {
        commands.control = control(PLAYING, "");
        commands.taps = List.of(tap("relay to http://127.0.0.1:8000/live.opus: streaming"), tap("meter: -12 dB"));

        assertEquals(List.of("playing | melody | L16/48000/2 5 ms | 239.255.0.1:5004 on lo ttl 1 | ssrc 0x1a2b3c4d "
                + "| up 0:01:23 | sdp /srv/liveaudio.sdp", "relay to http://127.0.0.1:8000/live.opus: streaming",
                "meter: -12 dB"), commands.status().lines().toList());
    }

    @Test
    void statusEndsWithTheProblemWhenThereIsOne() {
        commands.control = control(new StreamStatus("waiting", "melody", "", "L16/48000/2", 2_500,
                "239.255.0.1:5004 on lo", 1, 0xfL, Duration.ofHours(26).plusSeconds(61), Path.of("/x.sdp"),
                "no StreamTransport"), "");

        assertEquals("waiting | melody | L16/48000/2 2.5 ms | 239.255.0.1:5004 on lo ttl 1 | ssrc 0x0000000f | "
                + "up 26:01:01 | sdp /x.sdp | problem: no StreamTransport", commands.status());
    }

    @Test
    void statusOfASenderWithoutAGoodConfigurationShowsDashes() {
        commands.control = control(new StreamStatus("waiting", "", "", "", 0, "", 0, -1, Duration.ZERO, null,
                "port=0 refused; allowed: 1..65534"), "");

        assertEquals("waiting | - | - | - | ssrc - | up 0:00:00 | sdp - | problem: port=0 refused; allowed: 1..65534",
                commands.status());
    }

    @Test
    void statusShowsTheTitleQuotedAfterTheSource() {
        commands.control = control(new StreamStatus("playing", "file album/03.flac (3/9)", "Artist - Song | Live",
                "L16/48000/2", 5_000, "239.255.0.1:5004 on lo", 1, 0x1a2b3c4dL, Duration.ofSeconds(83),
                Path.of("/srv/liveaudio.sdp"), ""), "");

        assertEquals("playing | file album/03.flac (3/9) | title \"Artist - Song | Live\" | L16/48000/2 5 ms | "
                + "239.255.0.1:5004 on lo ttl 1 | ssrc 0x1a2b3c4d | up 0:01:23 | sdp /srv/liveaudio.sdp",
                commands.status());
    }

    @Test
    void titleJoinsTheWordsGogoPassesAndShowsTheStatus() {
        commands.control = control(PLAYING, "");

        assertEquals(commands.status(), commands.title(new String[] {"Artist", "-", "Song"}));
        commands.title(new String[] {"  Live at the Roxy "});

        assertEquals(List.of("title Artist - Song", "title Live at the Roxy"), calls);
    }

    @Test
    void titleWithoutTextOrWithADashClearsIt() {
        commands.control = control(PLAYING, "");

        commands.title();
        commands.title(new String[] {"-"});
        commands.title(new String[0]);

        assertEquals(List.of("title ", "title ", "title "), calls);
    }

    @Test
    void statsNameEveryCounter() {
        commands.control = control(PLAYING, "");

        listeners = List.of(listener(1, "a", -1), listener(2, "b", 0.5));

        assertEquals("sent 1200 packets, 1166400 bytes | 1555.2 kbit/s, 200 packets/s | late 3 (worst 1.25 ms) | "
                + "skipped 7 | pauses 1 | send errors 2 | listeners 2", commands.stats());
    }

    @Test
    void listenersAreATableOneRowEach() {
        commands.control = control(PLAYING, "");
        listeners = List.of(
                new ListenerReport(0xbeefL, "liveaudio-listener@h1", "10.0.0.7:40002", 0.0117, 7, 1, 0.05, 0.3125,
                        Duration.ofMillis(2_040)),
                new ListenerReport(0xfedc_ba98L, "l2@studio.example.org", "[::1]:5005", 0.25, 12_345, 12.5, -1,
                        Duration.ofMillis(150)));

        assertEquals(String.join("\n",
                "ssrc        cname                  address         loss %  cum lost  after FEC  jitter ms  rtt ms  "
                        + "last seen s",
                "0x0000beef  liveaudio-listener@h1  10.0.0.7:40002     1.2         7          1       0.05    0.31  "
                        + "        2.0",
                "0xfedcba98  l2@studio.example.org  [::1]:5005        25.0     12345          -      12.50       -  "
                        + "        0.2"),
                commands.listeners());
    }

    @Test
    void withoutListenersTheTableSaysWhenToExpectThem() {
        commands.control = control(PLAYING, "");

        assertEquals("no listeners heard from yet (they report every ~5 s)", commands.listeners());
    }

    @Test
    void pauseAndPlayCallTheSenderAndShowItsStatus() {
        commands.control = control(PLAYING, "");

        assertEquals(commands.status(), commands.pause());
        assertEquals(commands.status(), commands.play());

        assertEquals(List.of("pause", "play"), calls);
    }

    @Test
    void sdpPrintsTheDescriptionWithPlainLineEnds() {
        commands.control = control(PLAYING, "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n");

        assertEquals("v=0\no=- 1 1 IN IP4 127.0.0.1", commands.sdp());
    }

    @Test
    void beforeTheFirstSdpTheStatusSaysWhyThereIsNone() {
        commands.control = control(new StreamStatus("waiting", "melody", "", "L16/48000/2", 5_000,
                "239.255.0.1:5004 on lo", 1, -1, Duration.ZERO, Path.of("/srv/liveaudio.sdp"), "no AudioCodec L16"),
                "");

        assertEquals("no SDP yet: " + commands.status(), commands.sdp());
    }

    @Test
    void ssrcZeroAndARoundTripOfZeroAreFiguresLikeAnyOther() {
        commands.control = control(new StreamStatus("playing", "melody", "", "L16/48000/2", 5_000,
                "239.255.0.1:5004 on lo", 1, 0, Duration.ZERO, Path.of("/x.sdp"), ""), "");
        listeners = List.of(new ListenerReport(0x1L, "l1", "10.0.0.7:40002", 0, 0, 0, 0, Duration.ZERO));

        assertTrue(commands.status().contains(" | ssrc 0x00000000 | "), commands.status());
        assertTrue(commands.listeners().endsWith("0.00    0.00          0.0"), commands.listeners());
    }

    @Test
    void everyCommandDescribesItselfForHelp() throws Exception {
        for (String function : new String[] {"stream", "pause", "play", "status", "title", "stats", "sdp",
            "listeners"}) {
            assertNotNull(StreamCommands.class.getMethod(function).getAnnotation(Descriptor.class), function);
        }
        assertNotNull(StreamCommands.class.getMethod("title", String[].class).getAnnotation(Descriptor.class));
    }

    @Test
    void helpStreamDescribesEveryCommand() throws Exception {
        String overview = StreamCommands.class.getMethod("stream").getAnnotation(Descriptor.class).value();

        for (String function : new String[] {"pause", "play", "status", "title", "stats", "sdp", "listeners"}) {
            String description = StreamCommands.class.getMethod(function).getAnnotation(Descriptor.class).value();
            assertTrue(overview.contains("stream:" + function + " ") && overview.contains(description), function);
        }
        assertTrue(commands.stream().startsWith("The commands of the sender"));
    }

    private static ListenerReport listener(long ssrc, String cname, double roundTripMillis) {
        return new ListenerReport(ssrc, cname, "127.0.0.1:40000", 0, 0, 0, roundTripMillis, Duration.ZERO);
    }

    private static AudioTap tap(String status) {
        return new AudioTap() {
            @Override
            public void frame(short[] pcm, int samples, AudioFormat format) {
                throw new AssertionError("the shell does not feed taps");
            }

            @Override
            public String status() {
                return status;
            }
        };
    }

    private StreamControl control(StreamStatus status, String sdp) {
        return new StreamControl() {
            @Override
            public void pause() {
                calls.add("pause");
            }

            @Override
            public void play() {
                calls.add("play");
            }

            @Override
            public void title(String title) {
                calls.add("title " + title);
            }

            @Override
            public StreamStatus status() {
                return status;
            }

            @Override
            public SenderStats stats() {
                return new SenderStats(1200, 1_166_400, 1_555_200, 3, 1_250, 7, 1, 2);
            }

            @Override
            public String sdp() {
                return sdp;
            }

            @Override
            public List<ListenerReport> listeners() {
                return listeners;
            }
        };
    }
}
