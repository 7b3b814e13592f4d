package org.liveaudio.api.net;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * RTCP on an endpoint's group at {@code port + 1}: sends compound packets (a report first, then SDES with the
 * CNAME, RFC 3550 section 6.1) and receives everyone's, each on the same channel. Reports are sent every few
 * seconds, so these may allocate.
 */
@ProviderType
public interface RtcpChannel extends AutoCloseable {
    void sendSenderReport(SenderReport report, String cname) throws IOException;

    void sendReceiverReport(ReceiverReport report, String cname) throws IOException;

    /** Sends a BYE for {@code ssrc} (after an empty receiver report and the SDES, as RFC 3550 asks). */
    void sendBye(long ssrc, String cname, String reason) throws IOException;

    MulticastEndpoint endpoint();

    /** Datagrams dropped because they are not valid RTCP. */
    long malformed();

    @Override
    void close();
}
