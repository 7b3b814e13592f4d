package org.liveaudio.source.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.net.AnnouncedStreams;
import org.liveaudio.api.testing.RecordingLogger;

/**
 * The relay of a stream found by name follows what SAP announces: silence before, the stream's samples once it is
 * announced (sent here over loopback multicast), silence again once withdrawn; what it cannot relay it says once.
 */
@Timeout(30)
class AnnouncedRelayInputTest {
    private static final AudioFormat STEREO_48K = new AudioFormat(48_000, 2);
    private static final int SAMPLES_PER_PACKET = 240;
    private static final String NAME = "Kitchen";

    private final RecordingLogger log = new RecordingLogger();
    private final Directory directory = new Directory();
    private NetworkInterface loopback;
    private String group;
    private int port;
    private AnnouncedRelayInput input;
    private int reads;

    @BeforeEach
    void loopback() throws Exception {
        loopback = NetworkInterface.getByName("lo");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        group = "239.255.41." + random.nextInt(1, 250);
        port = 2 * random.nextInt(15_000, 30_000);
    }

    @AfterEach
    void close() {
        if (input != null) {
            input.close();
        }
    }

    @Test
    void playsSilenceUntilTheStreamIsAnnouncedThenItsSamplesThenSilenceOnceWithdrawn() throws Exception {
        input = AnnouncedRelayInput.start(directory, NAME, loopback, STEREO_48K, 0, log.logger());
        assertEquals(loopback, directory.watchedOn);
        short[] pcm = new short[SAMPLES_PER_PACKET * 2];
        Arrays.fill(pcm, (short) 7);
        assertEquals(0, read(pcm));
        assertTrue(Arrays.stream(toInts(pcm)).allMatch(value -> value == 0), "silence while unannounced");
        assertTrue(input.description().contains("waiting for its SAP announcement"), input.description());

        directory.announce(sdp("L16/48000/2"));
        assertTrue(input.description().contains(group + ":" + port), input.description());
        assertTrue(log.lines().contains("INFO rtp: relaying stream \"Kitchen\": " + group + ":" + port
                + " L16/48000/2 PT 96"), log.lines().toString());

        short[] sent = new short[SAMPLES_PER_PACKET * 2];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (short) (i * 37 - 4000);
        }
        short[] received = receiveOnePacketsWorth(sent);
        assertArrayEquals(sent, received, "the announced stream's samples, as sent");

        directory.withdraw();
        assertTrue(input.description().contains("waiting for its SAP announcement"), input.description());
        assertEquals(0, read(pcm));
        assertEquals((long) reads * SAMPLES_PER_PACKET, input.position(), "every read counts, silent or not");
        assertTrue(log.lines().contains("INFO rtp: stream \"Kitchen\" is no longer announced; the relay plays "
                + "silence until it is again"), log.lines().toString());

        input.close();
        assertNull(directory.owner, "released on close");
        input = null;
    }

    @Test
    void anAnnouncementItCannotRelayIsSaidOnceAndPlaysSilence() throws Exception {
        input = AnnouncedRelayInput.start(directory, NAME, loopback, STEREO_48K, 0, log.logger());
        directory.announce(sdp("L16/44100/1"));
        directory.announce(sdp("L16/44100/1"));
        assertEquals(List.of("WARN rtp: stream \"Kitchen\" is announced but cannot be relayed: rtp: the stream is "
                + "L16/44100/1, the sender sends " + STEREO_48K + ": set sampleRate=44100 and channels=1"),
                log.warnings());
        assertEquals(0, read(new short[SAMPLES_PER_PACKET * 2]));

        directory.announce(sdp("L24/48000/2"));
        assertTrue(input.description().contains("L24/48000/2"), "tunes once a relayable format is announced: "
                + input.description());
    }

    /** The sender's clock: one packet's worth at a time, counted. */
    private int read(short[] pcm) {
        reads++;
        return input.read(pcm, SAMPLES_PER_PACKET);
    }

    /** Sends packets of {@code sent} until the relay has primed its buffer; the first packet's worth it reads. */
    private short[] receiveOnePacketsWorth(short[] sent) throws Exception {
        byte[] packet = new byte[12 + sent.length * 2];
        packet[0] = (byte) 0x80;
        packet[1] = 96;
        for (int i = 0; i < sent.length; i++) {
            packet[12 + 2 * i] = (byte) (sent[i] >> 8);
            packet[13 + 2 * i] = (byte) sent[i];
        }
        short[] pcm = new short[sent.length];
        try (MulticastSocket socket = new MulticastSocket()) {
            socket.setNetworkInterface(loopback);
            socket.setTimeToLive(0);
            InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(group), port);
            long deadline = System.nanoTime() + 10_000_000_000L;
            for (int sequence = 0; System.nanoTime() < deadline; sequence++) {
                packet[2] = (byte) (sequence >> 8);
                packet[3] = (byte) sequence;
                socket.send(new DatagramPacket(packet, packet.length, to));
                Thread.sleep(5);
                int taken = read(pcm);
                if (taken == SAMPLES_PER_PACKET) {
                    return pcm;
                }
                assertEquals(0, taken, "no partial packet once primed");
            }
        }
        throw new AssertionError("no packet relayed within 10 s: " + input.description());
    }

    private String sdp(String format) {
        return "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=" + NAME + "\nc=IN IP4 " + group + "/1\nt=0 0\nm=audio " + port
                + " RTP/AVP 96\na=rtpmap:96 " + format + "\n";
    }

    private static int[] toInts(short[] values) {
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = values[i];
        }
        return ints;
    }

    /** SAP as the relay sees it: one announcement at a time, its change told as the browser's thread would. */
    private static final class Directory implements AnnouncedStreams {
        private String sdp;
        private Object owner;
        private NetworkInterface watchedOn;
        private Runnable onChange;

        @Override
        public void watch(Object owner, NetworkInterface networkInterface, Runnable onChange) {
            this.owner = owner;
            this.watchedOn = networkInterface;
            this.onChange = onChange;
        }

        @Override
        public void release(Object owner) {
            assertFalse(this.owner == null, "released once");
            this.owner = null;
            this.onChange = null;
        }

        @Override
        public Optional<String> sdp(String name) {
            return NAME.equals(name) ? Optional.ofNullable(sdp) : Optional.empty();
        }

        void announce(String text) {
            sdp = text;
            onChange.run();
        }

        void withdraw() {
            sdp = null;
            onChange.run();
        }
    }
}
