package org.liveaudio.api.net;

import java.net.NetworkInterface;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The streams that SAP (RFC 2974) announces on the networks this process listens to, by name: how a bundle other
 * than the listener's finds another tool's stream, as the sender's RTP relay does for {@code stream=NAME}.
 */
@ProviderType
public interface AnnouncedStreams {
    /**
     * Hears announcements on {@code networkInterface} for {@code owner} until {@link #release}; {@code onChange}
     * runs on the announcements' thread after every stream that comes, changes or goes, and must not block.
     */
    void watch(Object owner, NetworkInterface networkInterface, Runnable onChange);

    /** Stops hearing for {@code owner}, and calling its {@code onChange}. */
    void release(Object owner);

    /** The SDP last announced with {@code name} as its {@code s=} line, or empty while none is. */
    Optional<String> sdp(String name);
}
