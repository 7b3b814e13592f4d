package org.liveaudio.control.sap;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.liveaudio.common.sap.SapPacket;

/**
 * A UDP socket that multicasts on one interface with one TTL, opened again when either changes. Loops its
 * datagrams back, so that listeners on this host (loopback, the default) hear the announcements too.
 */
public final class MulticastSapSocket implements SapSocket {
    private DatagramChannel channel;
    private NetworkInterface openFor;
    private ProtocolFamily family;
    private int openTtl = -1;

    @Override
    public void send(byte[] packet, InetAddress group, NetworkInterface networkInterface, int ttl)
            throws IOException {
        ProtocolFamily wanted = group instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET;
        if (channel == null || !networkInterface.equals(openFor) || ttl != openTtl || wanted != family) {
            close();
            DatagramChannel opened = DatagramChannel.open(wanted);
            try {
                opened.setOption(StandardSocketOptions.IP_MULTICAST_IF, networkInterface);
                opened.setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl);
                opened.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
            channel = opened;
            openFor = networkInterface;
            openTtl = ttl;
            family = wanted;
        }
        channel.send(ByteBuffer.wrap(packet), new InetSocketAddress(group, SapPacket.PORT));
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a datagram channel releases nothing that could still fail us
            }
            channel = null;
        }
    }
}
