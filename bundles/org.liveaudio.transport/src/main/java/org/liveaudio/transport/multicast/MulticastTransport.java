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
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.RtpPacketHandler;
import org.liveaudio.api.net.RtpReceiver;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.api.net.StreamLayers;
import org.liveaudio.api.net.StreamTransport;
import org.liveaudio.transport.fec.FecLayer;
import org.liveaudio.transport.fec.FecRtpReceiver;
import org.liveaudio.transport.fec.FecRtpSender;
import org.liveaudio.transport.fec.FecSettings;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * RTP and RTCP over UDP multicast, with a Reed-Solomon FEC repair stream at port + 2 where the sender's
 * configuration asks for one; every receiver listens for repair packets and rebuilds what they let it. Whoever opens a sender, receiver or RTCP channel closes it; what is still
 * open when this component goes away (its bundle stopped or updated) is closed here, so no thread or socket
 * outlives it.
 */
@Component(service = StreamTransport.class)
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
        MulticastRtpSender sender = new MulticastRtpSender(endpoint, MulticastChannels.forSending(endpoint),
                senders::remove);
        senders.add(sender);
        log.debug("{}: opened", sender);
        return sender;
    }

    @Override
    public RtpSender openSender(MulticastEndpoint endpoint, Map<String, ?> configuration)
            throws IOException, InvalidSettingException {
        FecSettings fec = FecLayer.settings(endpoint, configuration);
        if (!fec.enabled()) {
            return openSender(endpoint);
        }
        RtpSender source = openSender(endpoint);
        try {
            return new FecRtpSender(source, openSender(FecLayer.repairEndpoint(endpoint)), fec, random.nextInt());
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
        MulticastEndpoint repairEndpoint = FecLayer.repairEndpoint(endpoint);
        if (repairEndpoint == null) {
            return openPlainReceiver(endpoint, handler, threadName);
        }
        FecRtpReceiver fec = new FecRtpReceiver(handler);
        RtpReceiver source = openPlainReceiver(endpoint, fec.sourceHandler(), threadName);
        try {
            fec.attach(source, openPlainReceiver(repairEndpoint, fec.repairHandler(), threadName + "-fec"));
            return fec;
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private RtpReceiver openPlainReceiver(MulticastEndpoint endpoint, RtpPacketHandler handler, String threadName)
            throws IOException {
        DatagramChannel channel = MulticastChannels.forReceiving(endpoint);
        MulticastRtpReceiver receiver = new MulticastRtpReceiver(endpoint, channel, handler, threadName, log,
                receivers::remove);
        receivers.add(receiver);
        receiver.start();
        log.debug("{}: receiving on thread {}; receive buffer {} bytes granted of {} asked", receiver, threadName,
                receiveBufferBytes(channel), MulticastChannels.RECEIVE_BUFFER_BYTES);
        return receiver;
    }

    @Override
    public RtcpChannel openRtcp(MulticastEndpoint endpoint, RtcpHandler handler, String threadName)
            throws IOException {
        MulticastRtcpChannel rtcp = new MulticastRtcpChannel(endpoint, MulticastChannels.forRtcp(endpoint), handler,
                threadName, log, rtcpChannels::remove);
        rtcpChannels.add(rtcp);
        rtcp.start();
        log.debug("{}: opened, receiving on thread {}", rtcp, threadName);
        return rtcp;
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
            log.debug("{}: still open as the transport goes away; closing it", receiver);
            receiver.close();
        }
        for (RtcpChannel rtcp : new ArrayList<>(rtcpChannels)) {
            log.debug("{}: still open as the transport goes away; closing it", rtcp);
            rtcp.close();
        }
    }
}
