package org.liveaudio.control.sender;

import org.liveaudio.api.testing.FakeL16Codec;
import org.liveaudio.api.testing.RecordingLogger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.RtpPacketHandler;
import org.liveaudio.api.net.RtpReceiver;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.StreamTransport;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.api.net.TimeResponse;

/**
 * The frame path allocates nothing once running, so a long stream never makes the collector pause it; the
 * check for a due RTCP report is on it too, the report itself only every few seconds.
 */
class AllocationTest {
    @TempDir
    Path dir;

    @Test
    void sendingFramesAllocatesNothingInSteadyState() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        BoundServices services = new BoundServices();
        services.addSource("melody", new FakeSource("melody"), Map.of());
        services.addCodec("L16", new FakeL16Codec(), Map.of());
        CountingTransport transport = new CountingTransport();
        services.setTransport(transport);
        FakeClock clock = new FakeClock(0);
        Stream stream = new Stream(new RecordingLogger().logger(), services, clock, new FakeClock(0), new Random(1),
                null, new SenderRtcp(new RecordingLogger().logger(), "liveaudio-sender@test", new WallAnchor(0, 0)));
        stream.configure(SenderSettings.read(new SettingsReader(Map.of("sdpFile",
                dir.resolve("liveaudio.sdp").toString())), services::codec));

        run(stream, clock, transport, 20_000);
        int reportsBefore = transport.reports;
        long before = threads.getCurrentThreadAllocatedBytes();
        run(stream, clock, transport, 30_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        int reportsMeasured = transport.reports - reportsBefore;

        assertEquals(10, reportsMeasured, "a report every 5 s over 50 s");
        // The smallest object takes 16 bytes: under a byte a frame means no frame allocated anything.
        assertTrue(allocated < 10_000, allocated + " bytes allocated for 10000 frames");
    }

    /** Ticks as the clock thread does until {@code sent} frames went out in all. */
    private static void run(Stream stream, FakeClock clock, CountingTransport transport, int sent) {
        while (transport.sent < sent) {
            clock.set(Math.max(clock.getAsLong(), stream.nextDeadline()));
            stream.tick();
        }
    }

    /** Counts packets and reports and keeps nothing, as a socket would; reports every 5 s, the RFC's minimum. */
    private static final class CountingTransport implements StreamTransport {
        int sent;
        int reports;

        @Override
        public RtpSender openSender(MulticastEndpoint endpoint) {
            return new RtpSender() {
                @Override
                public int send(int payloadType, boolean marker, int sequence, long timestamp, long ssrc,
                        byte[] payload, int offset, int length) {
                    sent++;
                    return 12 + length;
                }

                @Override
                public MulticastEndpoint endpoint() {
                    return endpoint;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public RtpReceiver openReceiver(MulticastEndpoint endpoint, RtpPacketHandler handler, String threadName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RtcpChannel openRtcp(MulticastEndpoint endpoint, RtcpHandler handler, String threadName) {
            return new RtcpChannel() {
                @Override
                public void sendSenderReport(SenderReport report, String cname) {
                    reports++;
                }

                @Override
                public void sendReceiverReport(ReceiverReport report, String cname) {
                    reports++;
                }

                @Override
                public void sendBye(long ssrc, String cname, String reason) {
                }

                @Override
                public void sendTimeRequest(TimeRequest request, String cname, InetSocketAddress sender) {
                }

                @Override
                public void sendTimeResponse(TimeResponse response, String cname, InetSocketAddress requester) {
                }

                @Override
                public long nextReportDelayNanos(int members, int senders, boolean weSent, long sessionBitsPerSecond,
                        boolean initial) {
                    return 5_000_000_000L;
                }

                @Override
                public MulticastEndpoint endpoint() {
                    return endpoint;
                }

                @Override
                public long malformed() {
                    return 0;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
