package org.liveaudio.itests.floor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The least a JVM can do to receive one multicast stream N times: N plain {@link DatagramChannel}s joined to the
 * group on loopback, each read by a thread of its own into one direct buffer, counting packets and nothing else. The
 * throughput test runs it as a process of its own beside the sender to measure that floor (issue 14), so it uses
 * the JDK only.
 *
 * <p>Arguments: group, port, receiver count, most seconds to run. It prints {@code joined N} once every channel has
 * joined, receives until its input ends or the time is up, then prints {@code received MIN MAX}: the fewest and the
 * most packets one channel got.
 */
public final class PlainReceivers {
    private static final int DATAGRAM_BYTES = 2048;

    private PlainReceivers() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress group = InetAddress.getByName(args[0]);
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        long maxSeconds = Long.parseLong(args[3]);
        NetworkInterface loopback = NetworkInterface.getByName("lo");

        DatagramChannel[] channels = new DatagramChannel[count];
        long[] received = new long[count];
        Thread[] threads = new Thread[count];
        for (int i = 0; i < count; i++) {
            channels[i] = DatagramChannel.open(StandardProtocolFamily.INET)
                    .setOption(StandardSocketOptions.SO_REUSEADDR, true).bind(new InetSocketAddress(port));
            channels[i].join(group, loopback);
            int index = i;
            threads[i] = new Thread(() -> receive(channels[index], received, index), "plain-receive-" + i);
            threads[i].start();
        }
        System.out.println("joined " + count);
        System.out.flush();

        CountDownLatch inputEnded = new CountDownLatch(1);
        Thread watcher = new Thread(() -> drain(System.in, inputEnded), "plain-receivers-input");
        watcher.setDaemon(true);
        watcher.start();
        inputEnded.await(maxSeconds, TimeUnit.SECONDS);

        for (DatagramChannel channel : channels) {
            channel.close();
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < count; i++) {
            threads[i].join();
            min = Math.min(min, received[i]);
            max = Math.max(max, received[i]);
        }
        System.out.println("received " + min + " " + max);
    }

    /** Written by this thread only, read by main after joining it. */
    private static void receive(DatagramChannel channel, long[] received, int index) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(DATAGRAM_BYTES);
        try {
            while (true) {
                buffer.clear();
                channel.receive(buffer);
                received[index]++;
            }
        } catch (ClosedChannelException closed) {
            // main closed it: the run is over
        } catch (IOException e) {
            System.err.println("receiver " + index + " failed: " + e);
        }
    }

    private static void drain(InputStream input, CountDownLatch ended) {
        try {
            input.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // a broken input ends the run as an ended one does
        }
        ended.countDown();
    }
}
