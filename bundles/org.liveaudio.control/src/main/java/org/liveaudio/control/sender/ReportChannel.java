package org.liveaudio.control.sender;

import java.io.IOException;
import java.util.Objects;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.net.StreamTransport;

/** The stream's open {@link RtcpChannel}, and the transport service, endpoint and key it belongs to. */
final class ReportChannel {
    static final String THREAD_NAME = "liveaudio-sender-rtcp";

    private StreamTransport transport;
    private MulticastEndpoint endpoint;
    private StreamKey key;
    /** Read by the RTCP receive thread to answer time requests; written by the clock thread. */
    private volatile RtcpChannel channel;

    boolean isOpen() {
        return channel != null;
    }

    boolean isOpenFor(StreamTransport transport, MulticastEndpoint endpoint, StreamKey key) {
        return channel != null && this.transport == transport && endpoint.equals(this.endpoint)
                && Objects.equals(key, this.key);
    }

    /** @param key the SRTCP key, or null for plain RTCP */
    void open(StreamTransport transport, MulticastEndpoint endpoint, StreamKey key, RtcpHandler handler)
            throws IOException {
        close();
        channel = transport.openRtcp(endpoint, key, handler, THREAD_NAME);
        this.transport = transport;
        this.endpoint = endpoint;
        this.key = key;
    }

    /** The open channel, or null. */
    RtcpChannel channel() {
        return channel;
    }

    /** Closes the channel if it came from {@code departing}, a service about to go away. */
    void release(Object departing) {
        if (channel != null && transport == departing) {
            close();
        }
    }

    void close() {
        RtcpChannel closing = channel;
        if (closing == null) {
            return;
        }
        channel = null;
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
