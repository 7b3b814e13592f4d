package org.liveaudio.control.sender;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtpSender;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.net.StreamTransport;

/**
 * The stream's open {@link RtpSender}, and the transport service, endpoint, key and transport keys of the
 * configuration (FEC) it was opened with.
 */
final class PacketOutlet {
    private StreamTransport transport;
    private MulticastEndpoint endpoint;
    private StreamKey key;
    private RtpSender sender;
    private Map<String, Object> transportKeys = Map.of();

    boolean isOpen() {
        return sender != null;
    }

    boolean isOpenFor(StreamTransport transport, MulticastEndpoint endpoint, StreamKey key,
            Map<String, ?> configuration) {
        return sender != null && this.transport == transport && endpoint.equals(this.endpoint)
                && Objects.equals(key, this.key) && transportKeys.equals(transportKeys(transport, configuration));
    }

    /**
     * @param key the SRTP key, or null for plain RTP
     * @throws InvalidSettingException when the transport refuses one of its keys of the configuration
     */
    void open(StreamTransport transport, MulticastEndpoint endpoint, StreamKey key, Map<String, ?> configuration)
            throws IOException, InvalidSettingException {
        close();
        sender = transport.openSender(endpoint, key, configuration);
        this.transport = transport;
        this.endpoint = endpoint;
        this.key = key;
        this.transportKeys = transportKeys(transport, configuration);
    }

    private static Map<String, Object> transportKeys(StreamTransport transport, Map<String, ?> configuration) {
        Map<String, Object> keys = new HashMap<>();
        for (String name : transport.settingKeys()) {
            Object value = configuration.get(name);
            if (value != null) {
                keys.put(name, value);
            }
        }
        return keys;
    }

    /** See {@link RtpSender#send}; only while {@link #isOpen()}. */
    int send(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload,
            int length) throws IOException {
        return sender.send(payloadType, marker, sequence, timestamp, ssrc, payload, 0, length);
    }

    /** Whether packets go out through {@code candidate}, the transport the open sender came from. */
    boolean sendsThrough(Object candidate) {
        return sender != null && transport == candidate;
    }

    /** Closes the sender if it came from {@code departing}, a service about to go away. */
    void release(Object departing) {
        if (sendsThrough(departing)) {
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
        transportKeys = Map.of();
        try {
            closing.close();
        } catch (RuntimeException e) {
            // A transport whose bundle is stopping may fail here; its socket goes with the bundle anyway.
        }
    }
}
