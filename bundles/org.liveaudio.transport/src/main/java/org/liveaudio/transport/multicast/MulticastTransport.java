package org.liveaudio.transport.multicast;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.net.KeptSockets;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.RtpPacketHandler;
import org.liveaudio.api.net.RtpReceiver;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.net.StreamLayers;
import org.liveaudio.api.net.StreamTransport;
import org.liveaudio.transport.fec.FecLayer;
import org.liveaudio.transport.fec.FecRtpReceiver;
import org.liveaudio.transport.fec.FecRtpSender;
import org.liveaudio.transport.fec.FecSettings;
import org.liveaudio.transport.srtp.RtpProtection;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * RTP and RTCP over UDP multicast, with a Reed-Solomon FEC repair stream at port + 2 where the sender's
 * configuration asks for one (every receiver listens for repair packets and rebuilds what they let it), and SRTP
 * and SRTCP over all of it where a key is given. Whoever opens a sender, receiver or RTCP channel closes it; what
 * is still open when this component goes away (its bundle stopped or updated) is closed here, so no thread or
 * socket outlives it, but for a receiver on sockets its owner keeps ({@link KeptSockets}), which the owner closes.
 * Immediate, so that it outlives its last user: a listener whose bundle is being replaced goes on receiving through
 * it until its successor takes over, and a delayed component would be disposed, and that receiver closed, as the
 * departing listener's bundle lets it go.
 */
@Component(service = StreamTransport.class, immediate = true)
public class MulticastTransport implements StreamTransport {
    @Reference(service = LoggerFactory.class)
    private Logger log;

    private final Set<RtpSender> senders = ConcurrentHashMap.newKeySet();
    private final Set<RtpReceiver> receivers = ConcurrentHashMap.newKeySet();
    private final Set<RtcpChannel> rtcpChannels = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    public MulticastTransport() {
    }

    MulticastTransport(Logger log) {
        this.log = log;
    }

    @Override
    public RtpSender openSender(MulticastEndpoint endpoint) throws IOException {
        return openSender(endpoint, (StreamKey) null);
    }

    @Override
    public RtpSender openSender(MulticastEndpoint endpoint, StreamKey key) throws IOException {
        MulticastRtpSender sender = new MulticastRtpSender(endpoint, MulticastChannels.forSending(endpoint),
                key == null ? null : new RtpProtection(key), senders::remove);
        senders.add(sender);
        log.debug("{}: opened{}", sender, protectedBy(key));
        return sender;
    }

    @Override
    public RtpSender openSender(MulticastEndpoint endpoint, StreamKey key, Map<String, ?> configuration)
            throws IOException, InvalidSettingException {
        FecSettings fec = FecLayer.settings(endpoint, configuration);
        if (!fec.enabled()) {
            return openSender(endpoint, key);
        }
        RtpSender source = openSender(endpoint, key);
        try {
            return new FecRtpSender(source, openSender(FecLayer.repairEndpoint(endpoint), key), fec,
                    random.nextInt(), random.nextInt());
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    @Override
    public StreamLayers layers(MulticastEndpoint endpoint, int clockRate, Map<String, ?> configuration)
            throws InvalidSettingException {
        return FecLayer.layers(endpoint, clockRate, FecLayer.settings(endpoint, configuration));
    }

    @Override
    public Set<String> settingKeys() {
        return FecSettings.KEYS;
    }

    /** Receives the source stream, and its repair stream where the port leaves room for one. */
    @Override
    public RtpReceiver openReceiver(MulticastEndpoint endpoint, RtpPacketHandler handler, String threadName)
            throws IOException {
        return openReceiver(endpoint, null, handler, threadName);
    }

    /** As the unprotected one, each of the two streams taken only as SRTP under {@code key} where there is one. */
    @Override
    public RtpReceiver openReceiver(MulticastEndpoint endpoint, StreamKey key, RtpPacketHandler handler,
            String threadName) throws IOException {
        return openReceiver(endpoint, key, handler, threadName, null);
    }

    /** As the protected one, on sockets kept in {@code kept} (both streams'), or its own where it is null. */
    @Override
    public RtpReceiver openReceiver(MulticastEndpoint endpoint, StreamKey key, RtpPacketHandler handler,
            String threadName, KeptSockets kept) throws IOException {
        MulticastEndpoint repairEndpoint = FecLayer.repairEndpoint(endpoint);
        if (repairEndpoint == null) {
            return openPlainReceiver(endpoint, key, handler, threadName, kept);
        }
        FecRtpReceiver fec = new FecRtpReceiver(handler);
        RtpReceiver source = openPlainReceiver(endpoint, key, fec.sourceHandler(), threadName, kept);
        try {
            fec.attach(source, openPlainReceiver(repairEndpoint, key, fec.repairHandler(), threadName + "-fec",
                    kept));
            return fec;
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private RtpReceiver openPlainReceiver(MulticastEndpoint endpoint, StreamKey key, RtpPacketHandler handler,
            String threadName, KeptSockets kept) throws IOException {
        DatagramChannel keptChannel = kept == null ? null : kept.socket(endpoint);
        DatagramChannel channel = keptChannel != null ? keptChannel : MulticastChannels.forReceiving(endpoint);
        MulticastRtpReceiver receiver;
        try {
            receiver = new MulticastRtpReceiver(endpoint, channel, kept != null, key, handler, threadName, log,
                    receivers::remove);
        } catch (IOException | RuntimeException e) {
            if (keptChannel == null) {
                channel.close();
            }
            throw e;
        }
        if (kept != null) {
            kept.keep(endpoint, channel);
        }
        receivers.add(receiver);
        receiver.start();
        log.debug("{}: receiving on thread {}{}; receive buffer {} bytes granted of {} asked{}", receiver, threadName,
                keptChannel != null ? ", on the socket kept from the receiver before" : "",
                receiveBufferBytes(channel), MulticastChannels.RECEIVE_BUFFER_BYTES, protectedBy(key));
        return receiver;
    }

    @Override
    public RtcpChannel openRtcp(MulticastEndpoint endpoint, RtcpHandler handler, String threadName)
            throws IOException {
        return openRtcp(endpoint, null, handler, threadName);
    }

    @Override
    public RtcpChannel openRtcp(MulticastEndpoint endpoint, StreamKey key, RtcpHandler handler, String threadName)
            throws IOException {
        MulticastRtcpChannel rtcp = new MulticastRtcpChannel(endpoint, MulticastChannels.forRtcp(endpoint), key,
                handler, threadName, log, rtcpChannels::remove, this::refuseProtectedStream);
        rtcpChannels.add(rtcp);
        rtcp.start();
        log.debug("{}: opened, receiving on thread {}{}", rtcp, threadName, protectedBy(key));
        return rtcp;
    }

    /**
     * Receivers without a key on {@code endpoint} (and on its repair stream's) drop the protected stream there rather
     * than play ciphertext.
     */
    private void refuseProtectedStream(MulticastEndpoint endpoint) {
        MulticastEndpoint repair = FecLayer.repairEndpoint(endpoint);
        for (RtpReceiver receiver : receivers) {
            boolean ours = receiver.endpoint().equals(endpoint) || receiver.endpoint().equals(repair);
            if (ours && receiver instanceof MulticastRtpReceiver multicast) {
                multicast.refuseAsProtected();
            }
        }
    }

    private static String protectedBy(StreamKey key) {
        return key == null ? "" : ", protected by " + key;
    }

    private static Object receiveBufferBytes(DatagramChannel channel) {
        try {
            return channel.getOption(StandardSocketOptions.SO_RCVBUF);
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    @Deactivate
    void deactivate() {
        for (RtpSender sender : new ArrayList<>(senders)) {
            log.debug("{}: still open as the transport goes away; closing it", sender);
            sender.close();
        }
        for (RtpReceiver receiver : new ArrayList<>(receivers)) {
            if (receiver instanceof MulticastRtpReceiver plain && plain.readsAKeptSocket()) {
                // Its owner closes it, once the next transport's receiver reads the socket: a transport update costs
                // the owner no time without packets.
                continue;
            }
            log.debug("{}: still open as the transport goes away; closing it", receiver);
            receiver.close();
        }
        for (RtcpChannel rtcp : new ArrayList<>(rtcpChannels)) {
            log.debug("{}: still open as the transport goes away; closing it", rtcp);
            rtcp.close();
        }
    }
}
