package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.api.stream.StreamControl;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * {@code stream:pause} and {@code stream:play}, run through the Gogo command processor as a user types them,
 * stop and resume the packets, and a listener counts no loss across the pause.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PauseResumeIT extends StreamingTestSupport {
    private static final int FRAME_MILLIS = 5;
    /** How long a paused sender is watched for a stray packet. */
    private static final Duration QUIET_PERIOD = Duration.ofMillis(300);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Inject
    private CommandProcessor commandProcessor;

    @Configuration
    public Option[] config() {
        return config("PauseResumeIT");
    }

    @Test
    public void pauseStopsThePacketsAndPlayResumesThemWithoutLoss() throws Exception {
        Map<String, Object> endpoint = randomLoopbackEndpoint();
        String name = "pause-listener";
        addListener(name, merge(endpoint, Map.of("sink", "null")));
        ListenerControl listener = awaitListener(name);
        configureSender(merge(endpoint, Map.of("source", "tone", "frameMillis", String.valueOf(FRAME_MILLIS))));
        StreamControl sender = awaitSender();
        waitUntil("the listener receives the stream", TIMEOUT, () -> listener.stats().received() > 20);

        assertShows("stream:status", "playing");

        shell("stream:pause");
        long paused = awaitSteadyPacketCount(sender);
        Thread.sleep(QUIET_PERIOD.toMillis());
        assertEquals("packets sent while paused", paused, sender.stats().packetsSent());
        assertShows("stream:status", "paused");
        String stats = shell("stream:stats");
        assertEquals("packets stream:stats shows: " + stats, paused, figure(stats, "sent (\\d+) packets"));
        assertEquals("pauses stream:stats shows: " + stats, 1, figure(stats, "pauses (\\d+)"));
        long receivedBeforePlay = listener.stats().received();

        shell("stream:play");
        waitUntil("packets flow again after stream:play", TIMEOUT, () -> sender.stats().packetsSent() > paused);
        waitUntil("the listener receives the resumed stream", TIMEOUT,
                () -> listener.stats().received() > receivedBeforePlay + 20);
        assertEquals("pauses counted", 1, sender.stats().pauses());

        String listenerStats = shell("listener:stats");
        assertTrue("listener:stats names " + name + ": " + listenerStats, listenerStats.contains(name));
        ListenerStats after = listener.stats();
        assertEquals("lost across the pause: " + after, 0, after.lost());
        assertEquals("late across the pause: " + after, 0, after.late());
        assertTrue("received: " + after, after.received() > 0);
    }

    /**
     * The packet count once it has stopped moving: a frame already on its way when the pause came is still
     * counted, so the count must hold for a few frame periods before it is the paused one.
     */
    private static long awaitSteadyPacketCount(StreamControl sender) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long previous = sender.stats().packetsSent();
        while (System.nanoTime() - deadline < 0) {
            Thread.sleep(3L * FRAME_MILLIS);
            long now = sender.stats().packetsSent();
            if (now == previous) {
                return now;
            }
            previous = now;
        }
        throw new AssertionError("packets still being sent " + TIMEOUT.toSeconds() + " s after stream:pause");
    }

    /** The number {@code pattern}'s group stands for in {@code text}. */
    private static long figure(String text, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        assertTrue("/" + pattern + "/ in " + text, matcher.find());
        return Long.parseLong(matcher.group(1));
    }

    /** Runs one command as the shell does; returns what it printed and the value it returned, as text. */
    private String shell(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CommandSession session = commandProcessor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            Object result = session.execute(command);
            String printed = out.toString(StandardCharsets.UTF_8);
            return result == null ? printed : printed + session.format(result, Converter.INSPECT);
        }
    }

    private void assertShows(String command, String word) throws Exception {
        String output = shell(command);
        assertTrue(command + " shows " + word + ": " + output, output.toLowerCase(Locale.ROOT).contains(word));
    }
}
