package org.liveaudio.web.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.testing.FakeOpusCodec;
import org.liveaudio.api.testing.RecordingLogger;
import org.liveaudio.common.ogg.OggPages;

/**
 * The stream's encoder side, with a fake Opus codec (each packet holds its first sample and its sample count) and
 * clients that keep what they get: the tap allocates nothing per frame, the encoder runs only while a client
 * listens, and every stream a client gets starts with its own header pages.
 */
class ListenStreamTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    /** 5 ms frames, as the sender sends by default: four make a 20 ms packet. */
    private static final int FRAME_SAMPLES = 240;
    private static final long WAIT_MILLIS = 5_000;

    private final RecordingLogger log = new RecordingLogger();
    private final FakeOpusCodec codec = new FakeOpusCodec();
    private final short[] frame = new short[FRAME_SAMPLES * 2];
    private short nextFrame;
    private ListenStream stream;

    @BeforeEach
    void start() {
        stream = new ListenStream();
        stream.log = log.logger();
        stream.opus = codec;
        stream.activate(null, Map.of("bitrate", 96));
    }

    @AfterEach
    void stop() throws Exception {
        stream.deactivate();
        assertEquals(List.of(), log.warnings());
    }

    @Test
    void withoutAClientNothingIsEncoded() throws Exception {
        for (int i = 0; i < 100; i++) {
            sendFrame();
        }
        Thread.sleep(300);

        assertNull(codec.lastConfiguration(), "an encoder was made with no client");
        assertTrue(stream.status().startsWith("browser stream /stream.opus: idle, 0 client(s)"), stream.status());
    }

    @Test
    void aClientGetsTheHeaderPagesThenOnePagePerTwentyMillisecondsOfTheNewestAudio() throws Exception {
        FakeSubscriber client = new FakeSubscriber(1000);
        stream.clients.add(client);
        feedUntil("five pages", () -> client.pages().size() >= 5);

        List<byte[]> pages = client.pages();
        assertEquals("OpusHead", text(pages.get(0)));
        assertEquals(OggPages.BEGINNING_OF_STREAM, pages.get(0)[5]);
        assertEquals("OpusTags", text(pages.get(1)));
        assertEquals(96, codec.lastConfiguration().get("bitrate"));
        long granule = -1;
        int firstSample = -1;
        for (byte[] page : pages.subList(2, 5)) {
            ByteBuffer audio = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer packet = ByteBuffer.wrap(page, 27 + (page[26] & 0xff), 4).slice();
            assertEquals(960, packet.getShort(2), "each packet holds 20 ms");
            if (granule >= 0) {
                assertEquals(granule + 960, audio.getLong(6), "granule positions count 48 kHz samples");
                assertEquals(firstSample + 4, packet.getShort(0), "a packet is the next four 5 ms frames");
            }
            granule = audio.getLong(6);
            firstSample = packet.getShort(0);
        }
        assertTrue(stream.status().contains("streaming Opus 96 kbit/s 48000 Hz stereo 16-bit, 1 client(s)"),
                stream.status());
        assertEquals(1, stream.listening().clients());
    }

    @Test
    void theTapAllocatesNothingPerFrameWhileAClientListens() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        FakeSubscriber client = new FakeSubscriber(Integer.MAX_VALUE);
        stream.clients.add(client);
        feedUntil("audio pages", () -> client.pages().size() >= 10);
        for (int i = 0; i < 20_000; i++) {
            sendFrame();
        }

        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20_000; i++) {
            sendFrame();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // The smallest object takes 16 bytes: under a byte a frame means no frame allocated anything.
        assertTrue(allocated < 10_000, allocated + " bytes allocated for 20000 frames");
    }

    @Test
    void theLastClientLeavingStopsTheEncoderAndTheNextClientGetsAStreamOfItsOwn() throws Exception {
        FakeSubscriber first = new FakeSubscriber(1000);
        stream.clients.add(first);
        feedUntil("audio for the first client", () -> first.pages().size() >= 3);
        first.ended = "gone";
        feedUntil("the stream to go idle", () -> stream.status().contains(": idle"));

        FakeSubscriber second = new FakeSubscriber(1000);
        stream.clients.add(second);
        feedUntil("audio for the second client", () -> second.pages().size() >= 3);

        assertEquals("OpusHead", text(second.pages().get(0)));
        assertNotEquals(serial(first.pages().get(0)), serial(second.pages().get(0)),
                "a new stream has a serial number of its own");
        assertEquals(new Subscribers.Counts(1, 2, 0), stream.clients.counts());
    }

    /** Sends frames, as the sender's clock would but faster, until {@code done} or the wait is over. */
    private void feedUntil(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no " + what + " within " + WAIT_MILLIS + " ms: " + stream.status());
            }
            sendFrame();
            Thread.sleep(1);
        }
    }

    private void sendFrame() {
        frame[0] = nextFrame++;
        stream.frame(frame, FRAME_SAMPLES, STEREO);
    }

    private static String text(byte[] page) {
        return new String(page, 27 + (page[26] & 0xff), 8, StandardCharsets.US_ASCII);
    }

    private static int serial(byte[] page) {
        return ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN).getInt(14);
    }
}
