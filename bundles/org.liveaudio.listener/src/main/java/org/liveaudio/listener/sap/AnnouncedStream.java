package org.liveaudio.listener.sap;

import java.net.InetAddress;
import org.liveaudio.common.sdp.RtpAudioSession;

/**
 * A stream heard by SAP: its description and when and how often it was announced.
 *
 * @param sdp the announced description as it was written, for a bundle that parses it itself
 * @param announcer the SAP header's originating source
 * @param messageIdHash of the announcement last heard, which a deletion names
 * @param intervalNanos between its last two announcements; 0 until the second
 */
public record AnnouncedStream(RtpAudioSession session, String sdp, InetAddress announcer, int messageIdHash,
        long firstHeardNanos, long lastHeardNanos, long intervalNanos) {
    /** What names the session across re-announcements; see {@link #keyOf}. */
    public String key() {
        return keyOf(session);
    }

    /**
     * The SDP's origin without its version (RFC 4566 5.2), and the group and port where the session id is 0:
     * ffmpeg announces every session as {@code o=- 0 0 IN IP4 127.0.0.1}, so that two of its streams would
     * otherwise be one.
     */
    static String keyOf(RtpAudioSession session) {
        String origin = session.origin().sessionKey();
        return "0".equals(session.origin().sessionId())
                ? origin + " " + session.group().getHostAddress() + ":" + session.port() : origin;
    }

    public String name() {
        return session.name();
    }
}
