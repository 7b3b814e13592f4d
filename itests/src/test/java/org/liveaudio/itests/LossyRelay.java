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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lossy link on loopback: forwards the RTP datagrams of a stream, and of its FEC repair stream at port + 2, from
 * the sender's multicast group to another group the listeners join, dropping what a {@link LossModel} says. So the
 * real transport runs end to end, FEC included, and loses packets as a network would, without leaving loopback and
 * without root. RTCP is not forwarded: listeners behind the relay play by their own clock, after their prebuffer.
 * Every packet it forwards or drops is one the sender sent; one thread per port, ended by {@link #close}.
 */
final class LossyRelay implements AutoCloseable {
    static final int REPAIR_PORT_OFFSET = 2;

    private final List<Forwarder> forwarders = new ArrayList<>();
    /** One for both streams: they cross one link. */
    private volatile LossModel model;

    /** Relays port (the source stream) and port + 2 (its repair stream) from {@code from} to {@code to}. */
    LossyRelay(String from, String to, int port, LossModel.Link link) throws IOException {
        this.model = link.open();
        try {
            forwarders.add(new Forwarder(from, to, port, "source"));
            forwarders.add(new Forwarder(from, to, port + REPAIR_PORT_OFFSET, "repair"));
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        forwarders.forEach(forwarder -> forwarder.thread.start());
    }

    /** Loses by {@code next} from now on, its model starting afresh. */
    void lose(LossModel.Link next) {
        model = next.open();
    }

    /** Source-stream datagrams dropped so far. */
    long sourceDropped() {
        return forwarders.get(0).dropped.get();
    }

    long sourceForwarded() {
        return forwarders.get(0).forwarded.get();
    }

    long repairDropped() {
        return forwarders.get(1).dropped.get();
    }

    /** Bytes of the source stream's datagrams, forwarded or dropped, since the relay opened. */
    long sourceBytes() {
        return forwarders.get(0).bytes.get();
    }

    long repairBytes() {
        return forwarders.get(1).bytes.get();
    }

    long repairForwarded() {
        return forwarders.get(1).forwarded.get();
    }

    @Override
    public void close() {
        for (Forwarder forwarder : forwarders) {
            forwarder.close();
        }
    }

    private final class Forwarder implements Runnable {
        final DatagramChannel in;
        final DatagramChannel out;
        final Thread thread;
        final int port;
        final AtomicLong forwarded = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        Forwarder(String from, String to, int port, String what) throws IOException {
            NetworkInterface lo = NetworkInterface.getByName("lo");
            this.port = port;
            in = DatagramChannel.open(StandardProtocolFamily.INET);
            out = DatagramChannel.open(StandardProtocolFamily.INET);
            try {
                in.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                in.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
                in.bind(new InetSocketAddress(InetAddress.getByName(from), port));
                in.join(InetAddress.getByName(from), lo);
                out.setOption(StandardSocketOptions.IP_MULTICAST_IF, lo);
                out.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
                out.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
                out.connect(new InetSocketAddress(InetAddress.getByName(to), port));
            } catch (IOException | RuntimeException e) {
                in.close();
                out.close();
                throw e;
            }
            thread = new Thread(this, "lossy-relay-" + what + "-" + port);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            ByteBuffer datagram = ByteBuffer.allocate(65_535);
            try {
                while (true) {
                    datagram.clear();
                    in.receive(datagram);
                    datagram.flip();
                    bytes.addAndGet(datagram.remaining());
                    if (datagram.remaining() >= 4) {
                        int sequence = (datagram.get(2) & 0xff) << 8 | (datagram.get(3) & 0xff);
                        if (model.lost(port, sequence)) {
                            dropped.incrementAndGet();
                            continue;
                        }
                    }
                    out.write(datagram);
                    forwarded.incrementAndGet();
                }
            } catch (ClosedChannelException e) {
                // closed: the relay ends
            } catch (IOException e) {
                System.err.println("LossyRelay: " + thread.getName() + " ended: " + e);
            }
        }

        void close() {
            try {
                in.close();
                out.close();
                thread.join(2_000);
            } catch (IOException e) {
                System.err.println("LossyRelay: closing " + port + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
