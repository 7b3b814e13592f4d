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

    /** Source packets that were lost on the way and rebuilt from a FEC repair stream; 0 without one. */
    default long recovered() {
        return 0;
    }

    @Override
    void close();
}
