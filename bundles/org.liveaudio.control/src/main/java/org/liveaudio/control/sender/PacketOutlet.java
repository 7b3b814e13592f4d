package org.liveaudio.control.sender;

import java.io.IOException;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.api.net.StreamTransport;

/** The stream's open {@link RtpSender}, and the transport service and endpoint it belongs to. */
final class PacketOutlet {
    private StreamTransport transport;
    private MulticastEndpoint endpoint;
    private RtpSender sender;

    boolean isOpen() {
        return sender != null;
    }

    boolean isOpenFor(StreamTransport transport, MulticastEndpoint endpoint) {
        return sender != null && this.transport == transport && endpoint.equals(this.endpoint);
    }

    void open(StreamTransport transport, MulticastEndpoint endpoint) throws IOException {
        close();
        sender = transport.openSender(endpoint);
        this.transport = transport;
        this.endpoint = endpoint;
    }

    /** See {@link RtpSender#send}; only while {@link #isOpen()}. */
    int send(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload,
            int length) throws IOException {
        return sender.send(payloadType, marker, sequence, timestamp, ssrc, payload, 0, length);
    }

    /** Closes the sender if it came from {@code departing}, a service about to go away. */
    void release(Object departing) {
        if (sender != null && transport == departing) {
            close();
        }
    }

    void close() {
        RtpSender closing = sender;
        if (closing == null) {
            return;
        }
        sender = null;
        transport = null;
        endpoint = null;
        try {
            closing.close();
        } catch (RuntimeException e) {
            // A transport whose bundle is stopping may fail here; its socket goes with the bundle anyway.
        }
    }
}
