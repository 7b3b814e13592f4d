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

    /** Datagrams of a protected receiver dropped because they do not authenticate under its key. */
    default long unauthenticated() {
        return 0;
    }

    /** Datagrams of a protected receiver dropped as replays of packets it took before (RFC 3711 3.3.2). */
    default long replayed() {
        return 0;
    }

    /** Source packets that were lost on the way and rebuilt from a FEC repair stream; 0 without one. */
    default long recovered() {
        return 0;
    }

    @Override
    void close();
}
