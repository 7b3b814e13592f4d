package org.liveaudio.control.sender;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.RtpPacketHandler;
import org.liveaudio.api.net.RtpReceiver;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.api.net.StreamLayers;
import org.liveaudio.api.net.StreamTransport;

/**
 * A transport that keeps what it would have sent, in the order sent, across all senders it opened: RTP packets,
 * and RTCP reports and BYEs in a list of their own. Its RTCP channels ask for report intervals that the test
 * fixes.
 */
final class FakeTransport implements StreamTransport {
    record Packet(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload,
            MulticastEndpoint endpoint, long sentAtNanos) {
    }

    final List<Packet> packets;
    final List<MulticastEndpoint> opened = new CopyOnWriteArrayList<>();
    /** The RTP senders opened and not closed yet. */
    final AtomicInteger sendersOpen = new AtomicInteger();
    final FakeRtcpChannel.Log rtcp;
    final List<FakeRtcpChannel> channels = new CopyOnWriteArrayList<>();
    private final LongSupplier clock;
    volatile IOException sendFailure;
    /** What every RTCP report, BYE and time response fails with, when set. */
    volatile IOException rtcpFailure;
    volatile long initialDelayNanos = 500_000_000L;
    volatile long delayNanos = 1_000_000_000L;
    /** The keys of a sender's configuration this transport says it reads. */
    volatile Set<String> keys = Set.of();
    /** What {@link #layers} says, unless {@link #refusal} is set. */
    volatile StreamLayers layers = StreamLayers.NONE;
    volatile InvalidSettingException refusal;

    FakeTransport() {
        this(System::nanoTime);
    }

    /** Stamps each packet and report with {@code clock}. */
    FakeTransport(LongSupplier clock) {
        this(new CopyOnWriteArrayList<>(), new FakeRtcpChannel.Log(), clock);
    }

    /** A second transport writing to the same lists, as a replaced bundle would to the same network. */
    FakeTransport(FakeTransport replaced) {
        this(replaced.packets, replaced.rtcp, replaced.clock);
        initialDelayNanos = replaced.initialDelayNanos;
        delayNanos = replaced.delayNanos;
    }

    private FakeTransport(List<Packet> packets, FakeRtcpChannel.Log rtcp, LongSupplier clock) {
        this.packets = packets;
        this.rtcp = rtcp;
        this.clock = clock;
    }

    @Override
    public StreamLayers layers(MulticastEndpoint endpoint, int clockRate, Map<String, ?> configuration)
            throws InvalidSettingException {
        if (refusal != null) {
            throw refusal;
        }
        return layers;
    }

    @Override
    public Set<String> settingKeys() {
        return keys;
    }

    @Override
    public RtpSender openSender(MulticastEndpoint endpoint) {
        opened.add(endpoint);
        sendersOpen.incrementAndGet();
        return new RtpSender() {
            @Override
            public int send(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload,
                    int offset, int length) throws IOException {
                if (sendFailure != null) {
                    throw sendFailure;
                }
                packets.add(new Packet(payloadType, marker, sequence & 0xFFFF, timestamp & 0xFFFF_FFFFL, ssrc,
                        Arrays.copyOfRange(payload, offset, offset + length), endpoint, clock.getAsLong()));
                return 12 + length;
            }

            @Override
            public MulticastEndpoint endpoint() {
                return endpoint;
            }

            @Override
            public void close() {
                sendersOpen.decrementAndGet();
            }
        };
    }

    @Override
    public RtpReceiver openReceiver(MulticastEndpoint endpoint, RtpPacketHandler handler, String threadName) {
        throw new UnsupportedOperationException("the sender never receives");
    }

    @Override
    public RtcpChannel openRtcp(MulticastEndpoint endpoint, RtcpHandler handler, String threadName) {
        FakeRtcpChannel channel = new FakeRtcpChannel(this, endpoint, handler, threadName);
        channels.add(channel);
        return channel;
    }

    Packet last() {
        return packets.get(packets.size() - 1);
    }

    /** The RTCP channel opened last. */
    FakeRtcpChannel lastChannel() {
        return channels.get(channels.size() - 1);
    }

    long now() {
        return clock.getAsLong();
    }
}
