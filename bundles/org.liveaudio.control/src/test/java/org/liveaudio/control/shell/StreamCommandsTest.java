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
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamControl;
import org.liveaudio.api.stream.StreamStatus;

class StreamCommandsTest {
    private static final StreamStatus PLAYING = new StreamStatus("playing", "melody", "L16/48000/2", 5_000,
            "239.255.0.1:5004 on lo", 1, 0x1a2b3c4dL, Duration.ofSeconds(83), Path.of("/srv/liveaudio.sdp"), "");

    private final List<String> calls = new ArrayList<>();
    private final StreamCommands commands = new StreamCommands();

    @Test
    void withoutASenderEveryCommandSaysHowToStartOne() {
        assertEquals("no sender running (configure org.liveaudio.sender)", commands.status());
        assertEquals(StreamCommands.NO_SENDER, commands.stats());
        assertEquals(StreamCommands.NO_SENDER, commands.pause());
        assertEquals(StreamCommands.NO_SENDER, commands.play());
        assertEquals(StreamCommands.NO_SENDER, commands.sdp());
    }

    @Test
    void statusIsOneLine() {
        commands.control = control(PLAYING, "");

        assertEquals("playing | melody | L16/48000/2 5 ms | 239.255.0.1:5004 on lo ttl 1 | ssrc 0x1a2b3c4d | "
                + "up 0:01:23 | sdp /srv/liveaudio.sdp", commands.status());
    }

    @Test
    void statusEndsWithTheProblemWhenThereIsOne() {
        commands.control = control(new StreamStatus("waiting", "melody", "L16/48000/2", 2_500,
                "239.255.0.1:5004 on lo", 1, 0xfL, Duration.ofHours(26).plusSeconds(61), Path.of("/x.sdp"),
                "no StreamTransport"), "");

        assertEquals("waiting | melody | L16/48000/2 2.5 ms | 239.255.0.1:5004 on lo ttl 1 | ssrc 0x0000000f | "
                + "up 26:01:01 | sdp /x.sdp | problem: no StreamTransport", commands.status());
    }

    @Test
    void statusOfASenderWithoutAGoodConfigurationShowsDashes() {
        commands.control = control(new StreamStatus("waiting", "", "", 0, "", 0, -1, Duration.ZERO, null,
                "port=0 refused; allowed: 1..65534"), "");

        assertEquals("waiting | - | - | - | ssrc - | up 0:00:00 | sdp - | problem: port=0 refused; allowed: 1..65534",
                commands.status());
    }

    @Test
    void statsNameEveryCounter() {
        commands.control = control(PLAYING, "");

        assertEquals("sent 1200 packets, 1166400 bytes | 1555.2 kbit/s, 200 packets/s | late 3 (worst 1.25 ms) | "
                + "skipped 7 | pauses 1 | send errors 2", commands.stats());
    }

    @Test
    void pauseAndPlayCallTheSenderAndShowItsStatus() {
        commands.control = control(PLAYING, "");

        assertEquals(commands.status(), commands.pause());
        commands.play();

        assertEquals(List.of("pause", "play"), calls);
    }

    @Test
    void sdpPrintsTheDescriptionWithPlainLineEnds() {
        commands.control = control(PLAYING, "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n");

        assertEquals("v=0\no=- 1 1 IN IP4 127.0.0.1", commands.sdp());
    }

    @Test
    void everyCommandDescribesItselfForHelp() throws Exception {
        for (String function : new String[] {"stream", "pause", "play", "status", "stats", "sdp"}) {
            assertNotNull(StreamCommands.class.getMethod(function).getAnnotation(Descriptor.class), function);
        }
    }

    @Test
    void helpStreamDescribesEveryCommand() throws Exception {
        String overview = StreamCommands.class.getMethod("stream").getAnnotation(Descriptor.class).value();

        for (String function : new String[] {"pause", "play", "status", "stats", "sdp"}) {
            String description = StreamCommands.class.getMethod(function).getAnnotation(Descriptor.class).value();
            assertTrue(overview.contains("stream:" + function + " ") && overview.contains(description), function);
        }
        assertTrue(commands.stream().startsWith("The commands of the sender"));
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
        };
    }
}
