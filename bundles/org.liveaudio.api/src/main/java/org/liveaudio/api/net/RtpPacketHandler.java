package org.liveaudio.api.net;

import org.osgi.annotation.versioning.ConsumerType;

/** Takes packets from a receiver's network thread; must not block. */
@ConsumerType
@FunctionalInterface
public interface RtpPacketHandler {
    void onPacket(RtpPacket packet);
}
