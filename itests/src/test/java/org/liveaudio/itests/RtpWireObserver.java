package org.liveaudio.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * Watches a stream on the wire, independently of our transport bundle: a plain socket joined to the group on
 * loopback records the RTP header of every RTP datagram (sequence, timestamp, SSRC, marker), the length of its
 * payload and when it arrived.
 * Records go into preallocated arrays, so the receive thread allocates nothing and a busy machine costs it no
 * garbage collection; the arrays hold {@link #CAPACITY} packets (about 5 minutes at 200 packets/s).
 */
final class RtpWireObserver implements AutoCloseable {
    static final int CAPACITY = 64 * 1024;
    private static final int RECEIVE_BUFFER_BYTES = 4 << 20;
    private static final int RTP_HEADER_BYTES = 12;
    private static final int CSRC_BYTES = 4;
    private static final long JOIN_MILLIS = 2_000;

    /** One datagram as seen on the wire; {@code payloadBytes} excludes the fixed header and any CSRC list. */
    record WirePacket(int sequence, long timestamp, long ssrc, boolean marker, int payloadBytes, long arrivalNanos) {
    }

    private final DatagramChannel channel;
    private final Thread thread;
    private final int[] sequences = new int[CAPACITY];
    private final long[] timestamps = new long[CAPACITY];
    private final long[] ssrcs = new long[CAPACITY];
    private final boolean[] markers = new boolean[CAPACITY];
    private final int[] payloadBytes = new int[CAPACITY];
    private final long[] arrivals = new long[CAPACITY];
    /** Written by the receive thread after the arrays, so that a reader sees every record below it. */
    private volatile int count;
    private volatile long overflow;

    private RtpWireObserver(DatagramChannel channel, String name) {
        this.channel = channel;
        this.thread = new Thread(this::receiveUntilClosed, "liveaudio-itest-wire-" + name);
        thread.setDaemon(true);
    }

    /** Joins {@code group:port} on {@code interfaceName} and starts recording. */
    static RtpWireObserver join(String group, int port, String interfaceName, String name) throws IOException {
        InetAddress address = InetAddress.getByName(group);
        NetworkInterface nic = NetworkInterface.getByName(interfaceName);
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            channel.bind(new InetSocketAddress(address, port));
            channel.join(address, nic);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        RtpWireObserver observer = new RtpWireObserver(channel, name);
        observer.thread.start();
        return observer;
    }

    private void receiveUntilClosed() {
        ByteBuffer datagram = ByteBuffer.allocate(65_535);
        while (true) {
            datagram.clear();
            try {
                channel.receive(datagram);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                return;
            }
            long arrival = System.nanoTime();
            if (datagram.position() < RTP_HEADER_BYTES || (datagram.get(0) & 0xC0) != 0x80) {
                continue;
            }
            int index = count;
            if (index == CAPACITY) {
                overflow++;
                continue;
            }
            sequences[index] = datagram.getShort(2) & 0xFFFF;
            timestamps[index] = datagram.getInt(4) & 0xFFFF_FFFFL;
            ssrcs[index] = datagram.getInt(8) & 0xFFFF_FFFFL;
            markers[index] = (datagram.get(1) & 0x80) != 0;
            payloadBytes[index] = datagram.position() - RTP_HEADER_BYTES - CSRC_BYTES * (datagram.get(0) & 0x0F);
            arrivals[index] = arrival;
            count = index + 1;
        }
    }

    /** Packets recorded so far. */
    int count() {
        return count;
    }

    WirePacket packet(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(index + " of " + count);
        }
        return new WirePacket(sequences[index], timestamps[index], ssrcs[index], markers[index], payloadBytes[index],
                arrivals[index]);
    }

    /** Packets not recorded because the arrays were full. */
    long overflow() {
        return overflow;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        channel.close();
        thread.join(JOIN_MILLIS);
    }
}
