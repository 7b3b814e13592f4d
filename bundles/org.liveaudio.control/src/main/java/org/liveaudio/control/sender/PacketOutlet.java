package org.liveaudio.control.sender;

import java.io.IOException;
import java.util.Objects;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.net.StreamTransport;

/** The stream's open {@link RtpSender}, and the transport service, endpoint and key it belongs to. */
final class PacketOutlet {
    private StreamTransport transport;
    private MulticastEndpoint endpoint;
    private StreamKey key;
    private RtpSender sender;

    boolean isOpen() {
        return sender != null;
    }

    boolean isOpenFor(StreamTransport transport, MulticastEndpoint endpoint, StreamKey key) {
        return sender != null && this.transport == transport && endpoint.equals(this.endpoint)
                && Objects.equals(key, this.key);
    }

    /** @param key the SRTP key, or null for plain RTP */
    void open(StreamTransport transport, MulticastEndpoint endpoint, StreamKey key) throws IOException {
        close();
        sender = transport.openSender(endpoint, key);
        this.transport = transport;
        this.endpoint = endpoint;
        this.key = key;
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
        key = null;
        try {
            closing.close();
        } catch (RuntimeException e) {
            // A transport whose bundle is stopping may fail here; its socket goes with the bundle anyway.
        }
    }
}
