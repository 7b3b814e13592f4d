package org.liveaudio.listener.engine;

import org.liveaudio.api.net.RtpPacket;

/** A received packet as a transport would hand it over. */
record TestPacket(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] buffer,
        int payloadOffset, int payloadLength, long receivedNanos, boolean recovered) implements RtpPacket {

    static TestPacket of(int payloadType, long ssrc, int sequence, long timestamp, byte[] payload,
            long receivedNanos) {
        return new TestPacket(payloadType, false, sequence, timestamp, ssrc, payload, 0, payload.length,
                receivedNanos, false);
    }

    TestPacket withMarker() {
        return new TestPacket(payloadType, true, sequence, timestamp, ssrc, buffer, payloadOffset, payloadLength,
                receivedNanos, recovered);
    }

    /** The packet as the transport hands over one it rebuilt from FEC repair packets. */
    TestPacket rebuilt() {
        return new TestPacket(payloadType, marker, sequence, timestamp, ssrc, buffer, payloadOffset, payloadLength,
                receivedNanos, true);
    }
}
