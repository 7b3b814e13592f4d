package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.net.StreamTransport;
import org.liveaudio.api.net.TimeResponse;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.api.stream.StreamControl;
import org.liveaudio.api.stream.SyncStats;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A protected stream to two listeners while a rogue on the same group and ports sends what an attacker on the LAN
 * can: plain RTP with the stream's SSRC and the next sequence numbers, SRTP under another key, replays of the
 * stream's own packets captured off the group, forged sender reports and time answers (plain and under another key)
 * and replays of its SRTCP. Every rogue packet must be counted by each listener, as unauthenticated or replayed,
 * exactly; none of the rogue's audio (a constant no melody holds) may reach a recording; the listeners' clock offsets
 * to the sender must not move. Loopback only, TTL 1; every rogue loop bounded.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProtectedStreamIT extends StreamingTestSupport {
    private static final int SAMPLE_RATE = 48_000;
    private static final int CHANNELS = 2;
    private static final int PAYLOAD_TYPE = 96;
    /** What the rogue's audio holds in every sample: the melody never stays at one value for a frame. */
    private static final short ROGUE_SAMPLE = 0x5A5A;
    /** 5 ms of 48 kHz stereo L16, as the stream's own frames. */
    private static final int FRAME_BYTES = 240 * CHANNELS * 2;
    private static final int ROGUE_RTP = 200;
    private static final int REPLAYED_RTP = 100;
    private static final int ROGUE_RTCP = 10;
    /** RTCP on the group is a report every few seconds from each member: a few suffice. */
    private static final int REPLAYED_RTCP = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final double MAX_OFFSET_MOVE_MILLIS = 5;

    @Inject
    private StreamTransport transport;

    private Path folder;

    @Configuration
    public Option[] config() {
        return config("ProtectedStreamIT");
    }

    @Before
    public void createFolder() throws IOException {
        folder = Files.createDirectories(targetDir().resolve("ProtectedStreamIT"));
    }

    @Test
    public void aRogueOnTheGroupIsCountedPacketByPacketAndNeverPlayed() throws Exception {
        Path keyFile = keyFile("stream.key", StreamKey.generate(new SecureRandom()));
        Map<String, Object> endpoint = randomLoopbackEndpoint();
        MulticastEndpoint group = MulticastEndpoint.of((String) endpoint.get("group"),
                Integer.parseInt((String) endpoint.get("port")), "lo", 1);

        configureSender(merge(endpoint, Map.of("source", "melody", "codec", "L16", "frameMillis", "5",
                "sdpFile", folder.resolve("stream.sdp").toString(), "keyFile", keyFile.toString())));
        StreamControl sender = awaitSender();
        List<ListenerControl> listeners = new ArrayList<>();
        List<org.osgi.service.cm.Configuration> configurations = new ArrayList<>();
        List<Path> recordings = new ArrayList<>();
        for (String name : List.of("protected-1", "protected-2")) {
            Path recording = folder.resolve(name + ".wav");
            Files.deleteIfExists(recording);
            recordings.add(recording);
            configurations.add(addListener(name, merge(endpoint, Map.of("codec", "L16", "sink", "wav",
                    "file", recording.toString(), "keyFile", keyFile.toString()))));
            listeners.add(awaitListener(name));
        }
        waitUntil("both listeners play in step", TIMEOUT, () -> listeners.stream().allMatch(listener ->
                listener.stats().framesPlayed() > 200 && listener.sync().inStep()));
        long ssrc = sender.status().ssrc();
        List<SyncStats> before = listeners.stream().map(ListenerControl::sync).toList();

        List<byte[]> capturedRtp = capture(group.group(), group.port(), REPLAYED_RTP);
        List<byte[]> capturedRtcp = capture(group.group(), group.port() + 1, REPLAYED_RTCP);
        int sequence = (ByteBuffer.wrap(capturedRtp.get(capturedRtp.size() - 1)).getShort(2) & 0xFFFF) + 1;
        long timestamp = ByteBuffer.wrap(capturedRtp.get(capturedRtp.size() - 1)).getInt(4) & 0xFFFF_FFFFL;
        byte[] rogueAudio = new byte[FRAME_BYTES];
        for (int i = 0; i < rogueAudio.length; i += 2) {
            rogueAudio[i] = (byte) (ROGUE_SAMPLE >> 8);
            rogueAudio[i + 1] = (byte) ROGUE_SAMPLE;
        }
        StreamKey otherKey = StreamKey.generate(new SecureRandom());
        try (RtpSender plain = transport.openSender(group); RtpSender otherKeyed = transport.openSender(group,
                otherKey)) {
            for (int i = 0; i < ROGUE_RTP; i++) {
                plain.send(PAYLOAD_TYPE, false, sequence + i, timestamp + 240L * i, ssrc, rogueAudio, 0,
                        rogueAudio.length);
                otherKeyed.send(PAYLOAD_TYPE, false, sequence + i, timestamp + 240L * i, ssrc, rogueAudio, 0,
                        rogueAudio.length);
                LockSupport.parkNanos(1_000_000);
            }
        }
        replay(group.group(), group.port(), capturedRtp);
        InetSocketAddress rtcpGroup = new InetSocketAddress(group.group(), group.port() + 1);
        SenderReport forged = new SenderReport(ssrc, 0x8000_0000_0000_0000L, timestamp, 1, 1, List.of());
        TimeResponse forgedAnswer = new TimeResponse(ssrc, ssrc, 1, 2, 3, 4, 5, 30_000);
        try (RtcpChannel plain = transport.openRtcp(group, IGNORING, "liveaudio-rogue-rtcp");
                RtcpChannel otherKeyed = transport.openRtcp(group, otherKey, IGNORING, "liveaudio-rogue-srtcp")) {
            for (int i = 0; i < ROGUE_RTCP; i++) {
                plain.sendSenderReport(forged, "rogue@lan");
                otherKeyed.sendSenderReport(forged, "rogue@lan");
                plain.sendTimeResponse(forgedAnswer, "rogue@lan", rtcpGroup);
                otherKeyed.sendTimeResponse(forgedAnswer, "rogue@lan", rtcpGroup);
                LockSupport.parkNanos(5_000_000);
            }
        }
        replay(group.group(), group.port() + 1, capturedRtcp);
        long unauthenticatedSent = 2L * ROGUE_RTP + 4L * ROGUE_RTCP;
        long replaysSent = REPLAYED_RTP + REPLAYED_RTCP;
        waitUntil("each listener counted every rogue packet", TIMEOUT, () -> listeners.stream().allMatch(listener ->
                listener.stats().unauthenticated() >= unauthenticatedSent
                        && listener.stats().replayed() >= replaysSent));
        Thread.sleep(300);

        for (int i = 0; i < listeners.size(); i++) {
            ListenerStats stats = listeners.get(i).stats();
            System.out.println("ProtectedStreamIT: " + stats.name() + " after the rogue: unauthenticated "
                    + stats.unauthenticated() + " of " + unauthenticatedSent + " sent, replayed " + stats.replayed()
                    + " of " + replaysSent + ", played " + stats.framesPlayed() + ", lost " + stats.lost());
            assertEquals("unauthenticated, exactly what the rogue sent: " + stats, unauthenticatedSent,
                    stats.unauthenticated());
            assertEquals("replays, exactly what the rogue replayed: " + stats, replaysSent, stats.replayed());
            SyncStats after = listeners.get(i).sync();
            assertTrue(stats.name() + " still plays by the sender's clock: " + after, after.inStep());
            assertTrue(stats.name() + "'s clock offset moved from " + before.get(i) + " to " + after,
                    Math.abs(after.clockOffsetMillis() - before.get(i).clockOffsetMillis())
                            < MAX_OFFSET_MOVE_MILLIS);
        }

        for (org.osgi.service.cm.Configuration configuration : configurations) {
            delete(configuration);
        }
        for (Path recording : recordings) {
            waitUntil(recording + " finalized", TIMEOUT, () -> WavFiles.isFinalized(recording));
            short[] played = WavFiles.read(recording, SAMPLE_RATE, CHANNELS);
            assertEquals(recording + ": samples of the rogue's frames played", 0, rogueRuns(played));
            assertTrue(recording + " holds the stream", played.length > SAMPLE_RATE);
        }
    }

    @Test
    public void aNewKeyReKeysTheRunningStreamAndListenersFollowOnceTheyHaveIt() throws Exception {
        Path oldKey = keyFile("old.key", StreamKey.generate(new SecureRandom()));
        // Of the other suite, AES-GCM (RFC 7714): the suite changes with the key, on the run.
        Path newKey = keyFile("new.key", StreamKey.generate(new SecureRandom(), StreamKey.SUITE_GCM));
        Map<String, Object> endpoint = randomLoopbackEndpoint();
        Map<String, Object> senderSettings = merge(endpoint, Map.of("source", "melody", "codec", "L16",
                "sdpFile", folder.resolve("rekeyed.sdp").toString()));
        configureSender(merge(senderSettings, Map.of("keyFile", oldKey.toString())));
        StreamControl sender = awaitSender();
        Map<String, Object> listenerSettings = merge(endpoint, Map.of("codec", "L16", "sink", "null"));
        org.osgi.service.cm.Configuration listenerConfiguration = addListener("rekeyed",
                merge(listenerSettings, Map.of("keyFile", oldKey.toString())));
        ListenerControl listener = awaitListener("rekeyed");
        waitUntil("the listener plays under the old key", TIMEOUT, () -> listener.stats().received() > 100);
        long ssrc = sender.status().ssrc();

        configureSender(merge(senderSettings, Map.of("keyFile", newKey.toString())));
        long unauthenticatedBefore = listener.stats().unauthenticated();
        waitUntil("the listener with the old key drops the re-keyed stream", TIMEOUT,
                () -> listener.stats().unauthenticated() > unauthenticatedBefore + 100);
        long receivedUnderOldKey = listener.stats().received();
        Thread.sleep(200);
        assertEquals("nothing taken under the old key after the re-key", receivedUnderOldKey,
                listener.stats().received());

        listenerConfiguration.update(new java.util.Hashtable<>(merge(listenerSettings, Map.of("name", "rekeyed",
                "keyFile", newKey.toString()))));
        long followedAt = System.nanoTime();
        waitUntil("the listener given the new key plays again", TIMEOUT,
                () -> listener.stats().received() > receivedUnderOldKey + 100);
        System.out.printf("ProtectedStreamIT: the listener followed the new key %.0f ms after its configuration"
                + " changed%n", (System.nanoTime() - followedAt) / 1e6);
        assertEquals("the same session goes on under the new key", ssrc, sender.status().ssrc());
        assertEquals(ssrc, listener.stats().ssrc());
        String sdp = Files.readString(folder.resolve("rekeyed.sdp"));
        assertTrue(sdp, sdp.contains("a=crypto:1 AEAD_AES_128_GCM inline:"));
    }

    private Path keyFile(String name, StreamKey key) throws IOException {
        Path file = folder.resolve(name);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, key.inline() + "\n");
        return file;
    }

    /** Runs of a whole rogue frame's worth of samples at the rogue's value. */
    private static int rogueRuns(short[] samples) {
        int runs = 0;
        int run = 0;
        for (short sample : samples) {
            run = sample == ROGUE_SAMPLE ? run + 1 : 0;
            if (run == 100) {
                runs++;
            }
        }
        return runs;
    }

    /** The next {@code count} datagrams to the group and port, as a rogue on the LAN would capture them. */
    private static List<byte[]> capture(InetAddress group, int port, int count) throws IOException {
        List<byte[]> captured = new ArrayList<>();
        try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(group, port));
            channel.join(group, NetworkInterface.getByName("lo"));
            ByteBuffer buffer = ByteBuffer.allocate(65_535);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            channel.configureBlocking(false);
            while (captured.size() < count && System.nanoTime() < deadline) {
                buffer.clear();
                if (channel.receive(buffer) == null) {
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                captured.add(Arrays.copyOf(buffer.array(), buffer.position()));
            }
        }
        assertEquals("captured off " + group + ":" + port, count, captured.size());
        return captured;
    }

    private static void replay(InetAddress group, int port, List<byte[]> packets) throws IOException {
        try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
            for (byte[] packet : packets) {
                channel.send(ByteBuffer.wrap(packet), new InetSocketAddress(group, port));
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    private static final RtcpHandler IGNORING = new RtcpHandler() {
        @Override
        public void onSenderReport(SenderReport report, String cname, InetSocketAddress from, long receivedNanos) {
        }

        @Override
        public void onReceiverReport(ReceiverReport report, String cname, InetSocketAddress from,
                long receivedNanos) {
        }

        @Override
        public void onBye(long ssrc, InetSocketAddress from) {
        }
    };
}
