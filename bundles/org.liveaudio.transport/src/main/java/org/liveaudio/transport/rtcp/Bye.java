package org.liveaudio.transport.rtcp;

import java.util.List;

/**
 * An RTCP BYE (RFC 3550, section 6.6): these sources leave the session.
 *
 * @param ssrcs the sources leaving, usually one
 * @param reason why, empty when none was given
 */
public record Bye(List<Long> ssrcs, String reason) {
    public Bye {
        ssrcs = List.copyOf(ssrcs);
    }
}
