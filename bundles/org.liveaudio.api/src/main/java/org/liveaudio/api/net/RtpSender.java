package org.liveaudio.api.net;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends RTP packets to one multicast endpoint. The caller owns the session state (SSRC, sequence,
 * timestamp) so that a stream survives the transport being replaced.
 */
@ProviderType
public interface RtpSender extends AutoCloseable {
    /**
     * Sends one packet: the 12-byte header built from the arguments, then the payload. Allocates nothing.
     *
     * @param sequence the packet's sequence number, whose low 16 bits go on the wire; a protected sender takes
     *     the bits above as the rollover counter (RFC 3711 3.3.1), so a caller passes the extended sequence number
     *     (wraps counted) for the keystream to stay unique across wraps and sender restarts
     * @param timestamp 32-bit timestamp (taken modulo 2^32)
     * @param ssrc 32-bit synchronization source
     * @return the bytes put on the wire (header and payload)
     */
    int send(int payloadType, boolean marker, int sequence, long timestamp, long ssrc,
            byte[] payload, int offset, int length) throws IOException;

    MulticastEndpoint endpoint();

    @Override
    void close();
}
