package org.liveaudio.listener.rtcp;

import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.net.MulticastEndpoint;

/** Loopback endpoints for tests. */
final class TestEndpoints {
    private TestEndpoints() {
    }

    static MulticastEndpoint loopback(String group) {
        try {
            return MulticastEndpoint.of(group, 5004, "lo", 1);
        } catch (InvalidSettingException e) {
            throw new AssertionError(e);
        }
    }
}
