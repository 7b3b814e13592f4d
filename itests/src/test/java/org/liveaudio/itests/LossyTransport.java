package org.liveaudio.itests;

import java.io.IOException;
import java.util.Hashtable;
import java.util.function.IntPredicate;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.RtpPacketHandler;
import org.liveaudio.api.net.RtpReceiver;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.api.net.StreamTransport;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * The real transport, except that what its receivers hear is thinned out as the test says: a network that loses
 * packets, without leaving loopback. Registered with a ranking above the real transport, so that the sender and
 * the listeners of the test take it.
 */
final class LossyTransport implements StreamTransport {
    private static final IntPredicate NONE = sequence -> false;

    private final StreamTransport real;
    private volatile IntPredicate lost = NONE;

    LossyTransport(StreamTransport real) {
        this.real = real;
    }

    static ServiceRegistration<StreamTransport> register(BundleContext context, LossyTransport transport) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, 1_000);
        return context.registerService(StreamTransport.class, transport, properties);
    }

    /** Packets whose sequence number {@code lost} accepts are dropped from now on. */
    void lose(IntPredicate lostSequences) {
        lost = lostSequences;
    }

    void loseNone() {
        lost = NONE;
    }

    /**
     * Loses a share {@code rate} of the packets, chosen by a hash of the sequence number and {@code seed}: random
     * but the same in every run.
     */
    static IntPredicate randomly(double rate, long seed) {
        return sequence -> {
            long z = (sequence + seed) * 0x9E37_79B9_7F4A_7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
            z ^= z >>> 31;
            return (z >>> 11) * 0x1.0p-53 < rate;
        };
    }

    @Override
    public RtpSender openSender(MulticastEndpoint endpoint) throws IOException {
        return real.openSender(endpoint);
    }

    @Override
    public RtpReceiver openReceiver(MulticastEndpoint endpoint, RtpPacketHandler handler, String threadName)
            throws IOException {
        return real.openReceiver(endpoint, packet -> {
            if (!lost.test(packet.sequence())) {
                handler.onPacket(packet);
            }
        }, threadName);
    }

    @Override
    public RtcpChannel openRtcp(MulticastEndpoint endpoint, RtcpHandler handler, String threadName)
            throws IOException {
        return real.openRtcp(endpoint, handler, threadName);
    }
}
