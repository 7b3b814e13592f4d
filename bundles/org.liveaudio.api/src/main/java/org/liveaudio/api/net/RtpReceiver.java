package org.liveaudio.api.net;

import org.osgi.annotation.versioning.ProviderType;

/** Receives RTP packets on its own thread and hands the well-formed ones to a handler. */
@ProviderType
public interface RtpReceiver extends AutoCloseable {
    MulticastEndpoint endpoint();

    /** Datagrams taken from the socket, well-formed or not. */
    long datagrams();

    /** Datagrams dropped because they are not valid RTP (short, wrong version, bad padding or extension). */
    long malformed();

    @Override
    void close();
}
