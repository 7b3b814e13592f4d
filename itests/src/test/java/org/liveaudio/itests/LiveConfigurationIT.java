package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.api.stream.StreamControl;
import org.liveaudio.api.stream.StreamStatus;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogReaderService;

/**
 * The stream controlled while it runs: the Gogo commands a user types show the right figures, a changed
 * configuration moves the stream in place (listeners configured to match follow it), and every bad value is
 * refused with one warning naming key, value and what is allowed, while the last good configuration plays on.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveConfigurationIT extends StreamingTestSupport {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** A listener locks onto a new SSRC only after the old one has been silent for 2 s. */
    private static final Duration RELOCK_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration QUIET_PERIOD = Duration.ofMillis(300);
    /** What counts as flowing: 100 ms of 5 ms frames. */
    private static final int FLOWING_PACKETS = 20;
    /**
     * Followers buffer more than the default, so that a busy machine's scheduling shows as jitter, not as
     * loss: the test is about following the stream, and asserts no loss once they have.
     */
    private static final Map<String, Object> FOLLOWER = Map.of("bufferMillis", "100");
    private static final Pattern SENT = Pattern.compile("sent (\\d+) packets");
    private static final Pattern PAUSES = Pattern.compile("pauses (\\d+)");

    @Inject
    private CommandProcessor commandProcessor;

    @Inject
    private LogReaderService logReader;

    @Configuration
    public Option[] config() {
        return config("LiveConfigurationIT");
    }

    @Test
    public void shellCommandsPauseAndPlayTheStreamAndShowItsFigures() throws Exception {
        GogoShell shell = new GogoShell(commandProcessor);
        Map<String, Object> endpoint = randomLoopbackEndpoint();
        Map<String, ListenerControl> listeners = startListeners(endpoint, "shell-a", "shell-b", "shell-c");
        configureSender(merge(endpoint, Map.of("source", "tone", "frameMillis", "5")));
        StreamControl sender = awaitSender();
        awaitFlowing(listeners, received(listeners), "the listeners receive the stream");

        String status = shell.run("stream:status");
        assertTrue("stream:status says playing: " + status, status.startsWith("playing | "));
        assertTrue("stream:status names the tone, endpoint and SSRC: " + status, status.contains("tone")
                && status.contains(endpointText(endpoint)) && status.contains(hex(sender.status().ssrc())));
        long firstShown = sentShown(shell.run("stream:stats"));
        waitUntil("the sender sends on", TIMEOUT, () -> sender.stats().packetsSent() > firstShown + FLOWING_PACKETS);
        assertTrue("stream:stats shows the sent count growing while playing",
                sentShown(shell.run("stream:stats")) > firstShown);

        assertTrue("stream:pause answers with the paused status", shell.run("stream:pause").startsWith("paused | "));
        long paused = awaitSteady("the sender's packet count", () -> sender.stats().packetsSent());
        for (ListenerControl listener : listeners.values()) {
            awaitSteady(listener.name() + "'s received count", () -> listener.stats().received());
        }
        assertTrue("stream:status says paused", shell.run("stream:status").startsWith("paused | "));
        String pausedStats = shell.run("stream:stats");
        assertEquals("sent count stream:stats shows while paused: " + pausedStats, paused, sentShown(pausedStats));
        assertEquals("pauses stream:stats counts: " + pausedStats, 1, count(PAUSES, pausedStats));
        Thread.sleep(QUIET_PERIOD.toMillis());
        assertEquals("stream:stats a while later: the sent count stopped growing", paused,
                sentShown(shell.run("stream:stats")));

        String table = shell.run("listener:stats");
        Map<String, Long> receivedShown = receivedColumn(table);
        for (ListenerControl listener : listeners.values()) {
            long received = listener.stats().received();
            assertEquals("listener:stats row of " + listener.name() + " while paused:\n" + table,
                    Long.valueOf(received), receivedShown.get(listener.name()));
            assertTrue(listener.name() + " received " + received + " of the " + paused + " packets sent",
                    received > 0 && received <= paused);
        }

        assertTrue("stream:play answers with the playing status", shell.run("stream:play").startsWith("playing | "));
        waitUntil("stream:stats shows packets sent again", TIMEOUT, () -> sentShownQuietly(shell) > paused);
        assertTrue("stream:status says playing again", shell.run("stream:status").startsWith("playing | "));
        awaitFlowing(listeners, receivedShown, "the listeners receive the resumed stream");
        Map<String, Long> resumedShown = receivedColumn(shell.run("listener:stats"));
        for (String name : listeners.keySet()) {
            assertTrue("listener:stats shows " + name + " receiving again: " + resumedShown,
                    resumedShown.get(name) > receivedShown.get(name));
        }
    }

    @Test
    public void configurationUpdatesMoveTheStreamAndMatchingListenersFollow() throws Exception {
        Map<String, Object> endpoint = new HashMap<>(randomLoopbackEndpoint());
        Map<String, Object> senderProperties = new HashMap<>(merge(endpoint,
                Map.of("source", "melody", "frameMillis", "5")));
        List<String> names = List.of("follow-a", "follow-b");
        Map<String, ListenerControl> listeners = startListeners(merge(endpoint, FOLLOWER),
                names.toArray(String[]::new));
        configureSender(senderProperties);
        StreamControl sender = awaitSender();
        awaitSettled(sender, listeners, "at the start");
        long senderId = serviceId(StreamControl.class, null);
        long ssrc = sender.status().ssrc();

        record Move(String what, String key, String value, boolean listenersToo, boolean newSession) {
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String otherGroup = "239.255." + random.nextInt(1, 255) + "." + random.nextInt(1, 255);
        String otherPort = String.valueOf(Integer.parseInt(endpoint.get("port").toString()) + 2);
        List<Move> moves = List.of(
                new Move("group", "group", otherGroup, true, false),
                new Move("port", "port", otherPort, true, false),
                new Move("frame length 5 -> 2.5 ms", "frameMillis", "2.5", false, true),
                new Move("frame length 2.5 -> 5 ms", "frameMillis", "5", false, true),
                new Move("source melody -> tone", "source", "tone", false, false));
        for (Move move : moves) {
            Map<String, Long> before = received(listeners);
            senderProperties.put(move.key(), move.value());
            configureSender(senderProperties);
            if (move.listenersToo()) {
                endpoint.put(move.key(), move.value());
                for (String name : names) {
                    addListener(name, merge(endpoint, FOLLOWER, Map.of("sink", "null")));
                }
            }
            String where = endpointText(endpoint);
            waitUntil("the sender applies " + move.what(), TIMEOUT, () -> {
                StreamStatus status = sender.status();
                return where.equals(status.endpoint()) && status.frameMicros()
                        == (int) Math.round(Double.parseDouble(senderProperties.get("frameMillis").toString()) * 1000)
                        && status.source().contains(senderProperties.get("source").toString());
            });
            awaitFlowing(listeners, before, "the listeners follow " + move.what());
            awaitSettled(sender, listeners, "after " + move.what());
            assertEquals("the sender was reconfigured in place, not restarted, for " + move.what(), senderId,
                    serviceId(StreamControl.class, null));
            if (move.newSession()) {
                assertNotEquals("a new frame length starts a new RTP session", ssrc, sender.status().ssrc());
                ssrc = sender.status().ssrc();
            } else {
                assertEquals("the RTP session continues across " + move.what(), ssrc, sender.status().ssrc());
            }
        }
    }

    @Test
    public void everyBadValueIsRefusedNamingKeyValueAndAllowedWhileTheLastGoodConfigurationPlays()
            throws Exception {
        Map<String, Object> endpoint = randomLoopbackEndpoint();
        Map<String, Object> goodSender = merge(endpoint, Map.of("source", "melody", "frameMillis", "5"));
        Map<String, Object> goodListener = merge(endpoint, Map.of("sink", "null", "bufferMillis", "20"));
        String name = "steady";
        addListener(name, goodListener);
        ListenerControl listener = awaitListener(name);
        configureSender(goodSender);
        StreamControl sender = awaitSender();
        Map<String, ListenerControl> listeners = Map.of(name, listener);
        awaitFlowing(listeners, Map.of(), "the listener receives the stream");
        StreamStatus good = sender.status();
        ListenerStats goodStats = listener.stats();
        String missing = targetDir().resolve("LiveConfigurationIT").resolve("no-such-file.wav").toString();

        List<String> failures = new ArrayList<>();
        try (LogCapture log = new LogCapture(logReader)) {
            for (Map<String, Object> bad : List.<Map<String, Object>>of(
                    Map.of("group", "10.0.0.1"), Map.of("group", "240.0.0.300"),
                    Map.of("port", "0"), Map.of("port", "70000"),
                    Map.of("interface", "nosuch0"),
                    Map.of("ttl", "300"),
                    Map.of("source", "foo"),
                    orderedOf("source", "file", "file", missing),
                    Map.of("frameMillis", "3.3333"), Map.of("frameMillis", "100"),
                    Map.of("sampleRate", "4000"), Map.of("sampleRate", "abc"),
                    Map.of("channels", "0"), Map.of("channels", "9"),
                    Map.of("payloadType", "95"), Map.of("payloadType", "128"))) {
                String refused = refusedEntry(bad);
                log.clear();
                configureSender(merge(goodSender, bad));
                checkRefused(log, "sender", refused, failures, () -> {
                    StreamStatus now = sender.status();
                    return now.endpoint().equals(good.endpoint()) && now.codec().equals(good.codec())
                            && now.frameMicros() == good.frameMicros() && now.source().equals(good.source())
                            && now.ssrc() == good.ssrc() && "playing".equals(now.state())
                            ? null : "status changed: " + now;
                }, () -> sender.stats().packetsSent(), () -> listener.stats().received());
            }
            configureSender(goodSender);

            for (Map<String, Object> bad : List.<Map<String, Object>>of(
                    Map.of("group", "10.0.0.1"), Map.of("group", "240.0.0.300"),
                    Map.of("port", "0"), Map.of("port", "70000"),
                    Map.of("interface", "nosuch0"),
                    Map.of("bufferMillis", "-1"), Map.of("bufferMillis", "5000"),
                    Map.of("sink", "foo"),
                    // A listener takes static payload types too (ffmpeg's L16 at 44.1 kHz is 10 or 11).
                    Map.of("payloadType", "-1"), Map.of("payloadType", "128"))) {
                String refused = refusedEntry(bad);
                log.clear();
                addListener(name, merge(goodListener, bad));
                checkRefused(log, "listener", refused, failures, () -> {
                    ListenerStats now = listener.stats();
                    return now.endpoint().equals(goodStats.endpoint()) && now.sink().equals(goodStats.sink())
                            && now.ssrc() == goodStats.ssrc() ? null : "stats changed: " + now;
                }, () -> listener.stats().received(), () -> listener.stats().framesPlayed());
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " bad values not refused as they should be:\n  " + String.join("\n  ", failures));
        }
    }

    @Test
    public void aSecondListenerWithATakenNameIsRefusedAndTheFirstPlaysOn() throws Exception {
        Map<String, Object> endpoint = randomLoopbackEndpoint();
        Map<String, Object> listenerSettings = merge(endpoint, Map.of("sink", "null"));
        addListener("kitchen", listenerSettings);
        ListenerControl first = awaitListener("kitchen");
        configureSender(merge(endpoint, Map.of("source", "melody")));
        awaitSender();
        awaitFlowing(Map.of("kitchen", first), Map.of(), "the first listener plays");

        try (LogCapture log = new LogCapture(logReader)) {
            // A copied file, its name= left as it was: another factory configuration with the same name.
            addListenerConfiguration("kitchen-copy", merge(listenerSettings, Map.of("name", "kitchen")));
            String warning = log.awaitWarning(line -> line.contains("name=kitchen refused; allowed: a name no other "
                    + "listener has"), Duration.ofSeconds(5));
            assertNotNull("no refusal of the taken name; warnings: " + log.warnings(), warning);
            Thread.sleep(500);
            assertEquals("one listener has the name", 1, context.getServiceReferences(ListenerControl.class,
                    "(" + ListenerControl.NAME + "=kitchen)").size());
            long received = first.stats().received();
            waitUntil("the first listener plays on", TIMEOUT, () -> first.stats().received() > received + 50);
        }
    }

    @Test
    public void aTypoInAKeyIsWarnedNamingTheKeyItMeant() throws Exception {
        Map<String, Object> endpoint = randomLoopbackEndpoint();
        try (LogCapture log = new LogCapture(logReader)) {
            configureSender(merge(endpoint, Map.of("source", "melody", "codec", "opus", "bitrat", "96")));
            addListener("typo", merge(endpoint, Map.of("sink", "null", "bufferMilis", "40")));

            assertNotNull("sender: " + log.warnings(), log.awaitWarning(line -> line.contains(
                    "unknown key bitrat (did you mean bitrate?)"), Duration.ofSeconds(5)));
            assertNotNull("listener: " + log.warnings(), log.awaitWarning(line -> line.contains(
                    "unknown key bufferMilis (did you mean bufferMillis?)"), Duration.ofSeconds(5)));
        }
    }

    private interface Check {
        /** What is wrong, or null. */
        String problem();
    }

    private interface Counter {
        long value();
    }

    /**
     * One warning naming the key, the value and what is allowed, then: the component still runs its last good
     * configuration, and both counters (packets sent or received, frames played) keep growing.
     */
    private static void checkRefused(LogCapture log, String component, String refused, List<String> failures,
            Check unchanged, Counter first, Counter second) throws InterruptedException {
        String expected = refused + " refused; allowed: ";
        String warning = log.awaitWarning(line -> line.contains(expected)
                && line.contains("keeping the last good configuration"), Duration.ofSeconds(5));
        if (warning == null) {
            failures.add(component + " " + refused + ": no warning with \"" + expected + "\" and \"keeping the last "
                    + "good configuration\"; warnings: " + log.warnings());
            return;
        }
        String allowed = warning.substring(warning.indexOf(expected) + expected.length());
        if (allowed.startsWith(";") || allowed.isBlank()) {
            failures.add(component + " " + refused + ": the warning does not say what is allowed: " + warning);
        }
        long firstBefore = first.value();
        long secondBefore = second.value();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (first.value() < firstBefore + FLOWING_PACKETS || second.value() < secondBefore + FLOWING_PACKETS) {
            if (System.nanoTime() - deadline > 0) {
                failures.add(component + " " + refused + ": stopped after the refusal (counters " + first.value()
                        + ", " + second.value() + " were " + firstBefore + ", " + secondBefore + ")");
                return;
            }
            Thread.sleep(10);
        }
        String problem = unchanged.problem();
        if (problem != null) {
            failures.add(component + " " + refused + ": did not keep the last good configuration: " + problem);
        }
        long warnings = log.warnings().stream().filter(line -> line.contains(expected)).count();
        if (warnings != 1) {
            failures.add(component + " " + refused + ": " + warnings + " warnings instead of one: " + log.warnings());
        }
    }

    /** {@code key=value} of the entry the component must refuse: the last one of {@code bad}. */
    private static String refusedEntry(Map<String, Object> bad) {
        Map.Entry<String, Object> last = null;
        for (Map.Entry<String, Object> entry : bad.entrySet()) {
            last = entry;
        }
        assertNotNull(last);
        return last.getKey() + "=" + last.getValue();
    }

    private static Map<String, Object> orderedOf(String key1, Object value1, String key2, Object value2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key1, value1);
        map.put(key2, value2);
        return map;
    }

    /** Null-sink listeners with {@code properties} (the endpoint at least). */
    private Map<String, ListenerControl> startListeners(Map<String, Object> properties, String... names)
            throws Exception {
        for (String name : names) {
            addListener(name, merge(properties, Map.of("sink", "null")));
        }
        Map<String, ListenerControl> listeners = new LinkedHashMap<>();
        for (String name : names) {
            listeners.put(name, awaitListener(name));
        }
        return listeners;
    }

    private static Map<String, Long> received(Map<String, ListenerControl> listeners) {
        Map<String, Long> received = new HashMap<>();
        listeners.forEach((name, listener) -> received.put(name, listener.stats().received()));
        return received;
    }

    /** Every listener received and played {@link #FLOWING_PACKETS} more than it had received at {@code since}. */
    private static void awaitFlowing(Map<String, ListenerControl> listeners, Map<String, Long> since, String what)
            throws InterruptedException {
        for (ListenerControl listener : listeners.values()) {
            long receivedBefore = since.getOrDefault(listener.name(), 0L);
            long playedBefore = listener.stats().framesPlayed();
            waitUntil(what + " (" + listener.name() + ")", RELOCK_TIMEOUT, () -> {
                ListenerStats stats = listener.stats();
                return stats.received() >= receivedBefore + FLOWING_PACKETS
                        && stats.framesPlayed() >= playedBefore + FLOWING_PACKETS;
            });
        }
    }

    /**
     * Each listener is on the sender's endpoint and stream, and once it plays (and has counted what the change
     * cost), counts no loss over the next 60 packets.
     */
    private static void awaitSettled(StreamControl sender, Map<String, ListenerControl> listeners, String when)
            throws InterruptedException {
        // A sender still waiting for a service it needs has no stream (and no SSRC) yet.
        waitUntil("the sender streams " + when, TIMEOUT, () -> sender.status().ssrc() >= 0);
        StreamStatus status = sender.status();
        for (ListenerControl listener : listeners.values()) {
            waitUntil(listener.name() + " locks onto " + hex(status.ssrc()) + " on " + status.endpoint() + " " + when,
                    RELOCK_TIMEOUT, () -> {
                        ListenerStats stats = listener.stats();
                        return stats.ssrc() == status.ssrc() && stats.endpoint().equals(status.endpoint());
                    });
        }
        awaitFlowing(listeners, received(listeners), "the listeners play " + when);
        for (ListenerControl listener : listeners.values()) {
            // Loss is counted when the playout reaches the gap: once what was buffered has been played, every
            // gap the change caused has been counted.
            ListenerStats flowing = listener.stats();
            long target = flowing.framesPlayed() + flowing.bufferedFrames() + FLOWING_PACKETS;
            waitUntil(listener.name() + " plays what it buffered " + when, TIMEOUT,
                    () -> listener.stats().framesPlayed() >= target);
        }
        Map<String, ListenerStats> settled = new HashMap<>();
        listeners.forEach((name, listener) -> settled.put(name, listener.stats()));
        for (ListenerControl listener : listeners.values()) {
            long target = settled.get(listener.name()).received() + 3 * FLOWING_PACKETS;
            waitUntil(listener.name() + " receives on " + when, TIMEOUT, () -> listener.stats().received() >= target);
        }
        for (ListenerControl listener : listeners.values()) {
            ListenerStats then = settled.get(listener.name());
            ListenerStats now = listener.stats();
            assertEquals(listener.name() + " lost packets once settled " + when + ": " + then + " -> " + now,
                    then.lost(), now.lost());
        }
    }

    private long serviceId(Class<?> type, String filter) throws Exception {
        ServiceReference<?>[] references = context.getServiceReferences(type.getName(), filter);
        assertNotNull("no " + type.getSimpleName() + " registered", references);
        return (Long) references[0].getProperty(Constants.SERVICE_ID);
    }

    /** Polls until {@code counter} holds still for a few frame periods; fails after {@link #TIMEOUT}. */
    private static long awaitSteady(String what, Counter counter) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long previous = counter.value();
        while (System.nanoTime() - deadline < 0) {
            Thread.sleep(30);
            long now = counter.value();
            if (now == previous) {
                return now;
            }
            previous = now;
        }
        throw new AssertionError(what + " still moving " + TIMEOUT.toSeconds() + " s after stream:pause");
    }

    private static long sentShown(String stats) {
        return count(SENT, stats);
    }

    private static long sentShownQuietly(GogoShell shell) {
        try {
            return sentShown(shell.run("stream:stats"));
        } catch (Exception e) {
            throw new AssertionError("stream:stats failed", e);
        }
    }

    private static long count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertTrue(pattern + " in: " + text, matcher.find());
        return Long.parseLong(matcher.group(1));
    }

    /** The {@code received} column of {@code listener:stats}, by listener name. */
    private static Map<String, Long> receivedColumn(String table) {
        String[] lines = table.strip().split("\n");
        String[] header = lines[0].trim().split("\\s+");
        assertEquals("listener:stats columns: " + lines[0], List.of("name", "received"),
                List.of(header[0], header[1]));
        Map<String, Long> received = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].trim().split("\\s+");
            received.put(cells[0], Long.parseLong(cells[1]));
        }
        return received;
    }

    private static String endpointText(Map<String, Object> endpoint) {
        return endpoint.get("group") + ":" + endpoint.get("port") + " on " + endpoint.get("interface");
    }

    private static String hex(long ssrc) {
        return String.format(Locale.ROOT, "0x%08x", ssrc);
    }
}
