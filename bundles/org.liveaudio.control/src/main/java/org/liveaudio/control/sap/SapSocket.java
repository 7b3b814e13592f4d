package org.liveaudio.control.sap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;

/** Sends SAP datagrams; one per announcer, closed with it. */
public interface SapSocket extends AutoCloseable {
    void send(byte[] packet, InetAddress group, NetworkInterface networkInterface, int ttl) throws IOException;

    @Override
    void close();
}
