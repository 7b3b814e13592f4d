package org.liveaudio.control.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.testing.FakeOpusCodec;
import org.liveaudio.api.testing.RecordingLogger;
import org.liveaudio.common.ogg.OggPages;

class IcecastRelayTest {
    private static final String PASSWORD = "hackme-4711";
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    private static final int FRAME_SAMPLES = 240;
    private static final long WAIT_MILLIS = 5_000;

    @TempDir
    Path folder;

    private final RecordingLogger log = new RecordingLogger();
    private final FakeOpusCodec codec = new FakeOpusCodec();
    private IcecastRelay relay;
    private FakeIcecast server;
    private Thread clock;
    private volatile boolean clockRunning;

    @AfterEach
    void stop() throws Exception {
        clockRunning = false;
        if (clock != null) {
            clock.join(WAIT_MILLIS);
        }
        if (relay != null) {
            relay.deactivate();
        }
        if (server != null) {
            server.close();
        }
        assertTrue(log.lines().stream().noneMatch(line -> line.contains(PASSWORD)), "the password was logged");
    }

    @Test
    void putsTheStreamToTheMountWithBasicAuthenticationAndOggOpusPages() throws Exception {
        server = new FakeIcecast(FakeIcecast.GO_AHEAD);
        start(Map.of("mount", "/room.opus", "bitrate", "96", "name", "Kitchen"));

        FakeIcecast.Source source = server.nextSource(WAIT_MILLIS);
        assertNotNull(source, "the relay never connected");
        assertEquals("PUT /room.opus HTTP/1.1", source.head.get(0));
        assertTrue(source.head.contains("Authorization: Basic " + Base64.getEncoder().encodeToString(
                ("source:" + PASSWORD).getBytes(StandardCharsets.UTF_8))), source.head.toString());
        assertTrue(source.head.contains("Content-Type: audio/ogg"), source.head.toString());
        assertTrue(source.head.contains("Ice-Name: Kitchen"), source.head.toString());
        assertEquals(96, codec.lastConfiguration().get(RelaySettings.KEY_BITRATE));

        waitFor("three audio pages", () -> pages(source.bodyBytes()).size() >= 5);
        List<ByteBuffer> pages = pages(source.bodyBytes());
        assertEquals("OpusHead", text(pages.get(0), 8));
        assertEquals(OggPages.BEGINNING_OF_STREAM, pages.get(0).get(5));
        assertEquals("OpusTags", text(pages.get(1), 8));
        long previousFirstSample = -1;
        for (int i = 2; i < 5; i++) {
            ByteBuffer page = pages.get(i);
            assertEquals(960L * (i - 1), page.getLong(6), "granule position of audio page " + (i - 1));
            ByteBuffer packet = body(page);
            assertEquals(960, packet.getShort(2), "each packet holds 20 ms");
            short firstSample = packet.getShort(0);
            if (previousFirstSample >= 0) {
                assertEquals(4, firstSample - previousFirstSample, "a packet is the next four 5 ms frames");
            }
            previousFirstSample = firstSample;
        }
        assertTrue(relay.status().startsWith("relay to http://127.0.0.1:" + server.port()
                + "/room.opus: streaming (Ogg Opus 96 kbit/s)"), relay.status());
        assertEquals(1, log.at("info").stream().filter(line -> line.contains("streaming")).count());
    }

    @Test
    void aRefusalIsReportedOnceWithTheServersAnswerAndTriedAgainLater() throws Exception {
        server = new FakeIcecast("HTTP/1.0 401 Authentication Required\r\n\r\n");
        start(Map.of());

        assertNotNull(server.nextSource(WAIT_MILLIS), "the relay never connected");
        waitFor("the relay to say it waits", () -> relay.status().contains(RelayState.WAITING));
        assertTrue(relay.status().contains("the server refused the stream: HTTP/1.0 401 Authentication Required"),
                relay.status());
        assertTrue(relay.status().contains("next try in"), relay.status());
        assertNotNull(server.nextSource(WAIT_MILLIS), "the relay did not try again");
        assertEquals(1, log.warnings().size(), log.lines().toString());
    }

    @Test
    void aServerThatDropsTheStreamGetsANewOneWithItsHeadersAgain() throws Exception {
        server = new FakeIcecast(FakeIcecast.GO_AHEAD);
        start(Map.of());
        FakeIcecast.Source first = server.nextSource(WAIT_MILLIS);
        assertNotNull(first, "the relay never connected");
        waitFor("audio on the first connection", () -> pages(first.bodyBytes()).size() >= 3);

        first.socket.close();
        FakeIcecast.Source second = server.nextSource(WAIT_MILLIS);
        assertNotNull(second, "the relay did not connect again");
        waitFor("audio on the second connection", () -> pages(second.bodyBytes()).size() >= 3);
        List<ByteBuffer> pages = pages(second.bodyBytes());
        assertEquals("OpusHead", text(pages.get(0), 8));
        assertEquals(960L, pages.get(2).getLong(6), "a new stream counts from the start again");
        assertFalse(log.warnings().isEmpty(), "losing the server went unsaid");
        assertTrue(relay.status().contains("2 connections"), relay.status());
    }

    @Test
    void aBadValueIsRefusedWithItsKeyAndTheLastGoodConfigurationKeepsStreaming() throws Exception {
        server = new FakeIcecast(FakeIcecast.GO_AHEAD);
        Map<String, Object> good = start(Map.of());
        FakeIcecast.Source source = server.nextSource(WAIT_MILLIS);
        assertNotNull(source, "the relay never connected");

        Map<String, Object> bad = new HashMap<>(good);
        bad.put("url", "https://example.org:8443");
        relay.modified(bad);

        assertTrue(log.warnings().stream().anyMatch(line -> line.contains("url=https://example.org:8443 refused")
                && line.contains("keeping the last good configuration")), log.lines().toString());
        int before = source.bodyBytes().length;
        waitFor("more audio on the same connection", () -> source.bodyBytes().length > before + 200);
    }

    @Test
    void aPasswordFileThatCannotBeReadIsRefusedWithoutItsContentAndNothingConnects() throws Exception {
        server = new FakeIcecast(FakeIcecast.GO_AHEAD);
        relay = new IcecastRelay();
        relay.log = log.logger();
        relay.opus = codec;
        relay.activate(Map.of("url", "http://127.0.0.1:" + server.port(), "passwordFile",
                folder.resolve("missing").toString()));

        assertTrue(relay.status().contains("refused"), relay.status());
        assertTrue(relay.status().contains("passwordFile="), relay.status());
        assertEquals(null, server.nextSource(300));
    }

    /** Activates the relay against the fake server and starts feeding it 5 ms stereo frames, numbered. */
    private Map<String, Object> start(Map<String, Object> more) throws Exception {
        Path passwordFile = folder.resolve("icecast.password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        Map<String, Object> properties = new HashMap<>(more);
        properties.put("url", "http://127.0.0.1:" + server.port());
        properties.put("passwordFile", passwordFile.toString());
        relay = new IcecastRelay();
        relay.log = log.logger();
        relay.opus = codec;
        relay.activate(properties);
        clockRunning = true;
        clock = new Thread(() -> {
            short[] frame = new short[FRAME_SAMPLES * 2];
            for (short n = 0; clockRunning && n < 2_000; n++) {
                frame[0] = n;
                relay.frame(frame, FRAME_SAMPLES, STEREO);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "test-clock");
        clock.start();
        return properties;
    }

    /** The Ogg pages in {@code bytes}, each as a little-endian buffer of its own; a page cut short is left out. */
    private static List<ByteBuffer> pages(byte[] bytes) {
        List<ByteBuffer> pages = new ArrayList<>();
        int at = 0;
        while (at + OggPages.HEADER_BYTES <= bytes.length) {
            int segments = bytes[at + 26] & 0xff;
            if (at + OggPages.HEADER_BYTES + segments > bytes.length) {
                break;
            }
            int length = OggPages.HEADER_BYTES + segments;
            for (int i = 0; i < segments; i++) {
                length += bytes[at + OggPages.HEADER_BYTES + i] & 0xff;
            }
            if (at + length > bytes.length) {
                break;
            }
            pages.add(ByteBuffer.wrap(bytes, at, length).slice().order(ByteOrder.LITTLE_ENDIAN));
            at += length;
        }
        return pages;
    }

    private static ByteBuffer body(ByteBuffer page) {
        int segments = page.get(26) & 0xff;
        return page.slice(OggPages.HEADER_BYTES + segments, page.limit() - OggPages.HEADER_BYTES - segments)
                .order(ByteOrder.BIG_ENDIAN);
    }

    private static String text(ByteBuffer page, int length) {
        ByteBuffer packet = body(page);
        byte[] bytes = new byte[length];
        packet.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
