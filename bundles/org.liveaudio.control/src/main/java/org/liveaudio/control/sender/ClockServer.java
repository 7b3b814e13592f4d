package org.liveaudio.control.sender;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.api.net.TimeResponse;
import org.osgi.service.log.Logger;

/**
 * Answers the listeners' time requests, on the RTCP channel's receive threads (the first request of a listener
 * comes through the group, the later ones to the channel's own port), one at a time: the sender's clock when the request arrived
 * and when the answer leaves (the middle of an NTP-style exchange), one point of the line that maps the
 * session's timestamps to that clock, and the playout delay all listeners share. With these a listener on any
 * machine plays each frame at the same instant as every other. Answers at most {@link #MAX_ANSWERS_PER_SECOND},
 * so that a flood of requests cannot keep the sender busy; what is refused is counted in a warning, one a minute at
 * the most.
 */
final class ClockServer {
    static final int MAX_ANSWERS_PER_SECOND = 2000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long WARNING_INTERVAL_NANOS = 60_000_000_000L;

    /** The session's timestamp line: RTP timestamp {@code mappingRtp} is at {@code mappingNtp} on the clock. */
    private record Timeline(long ssrc, long mappingNtp, long mappingRtp) {
    }

    private final WallAnchor wall;
    private final ReportChannel channel;
    private final String cname;
    private final LongSupplier nanoClock;
    private final Logger log;
    private final WarningThrottle warnings = new WarningThrottle(WARNING_INTERVAL_NANOS);
    private final WarningThrottle refusals = new WarningThrottle(WARNING_INTERVAL_NANOS);
    private volatile Timeline timeline;
    private volatile long playoutDelayMicros;
    private long windowStart;
    private int answersInWindow;
    private long refused;

    ClockServer(WallAnchor wall, ReportChannel channel, String cname, LongSupplier nanoClock, Logger log) {
        this.wall = wall;
        this.channel = channel;
        this.cname = cname;
        this.nanoClock = nanoClock;
        this.log = log;
    }

    /** Session {@code ssrc}'s timestamp {@code timestamp} is due at {@code deadline} ({@link System#nanoTime()}). */
    void follow(long ssrc, long deadline, long timestamp) {
        timeline = new Timeline(ssrc, wall.ntpAt(deadline), timestamp);
    }

    /** No session: requests go unanswered. */
    void stop() {
        timeline = null;
    }

    void playoutDelayMicros(long micros) {
        playoutDelayMicros = micros;
    }

    synchronized void answer(TimeRequest request, InetSocketAddress from, long receivedNanos) {
        Timeline line = timeline;
        RtcpChannel open = channel.channel();
        if (line == null || open == null || request.senderSsrc() != line.ssrc()) {
            return;
        }
        if (!withinRate(receivedNanos)) {
            refused++;
            if (refusals.allow(receivedNanos)) {
                log.warn("More than {} time requests a second on {}: {} left unanswered so far; listeners ask again",
                        MAX_ANSWERS_PER_SECOND, open.endpoint(), refused);
            }
            return;
        }
        try {
            open.sendTimeResponse(new TimeResponse(line.ssrc(), request.ssrc(), request.transmitNtp(),
                    wall.ntpAt(receivedNanos), wall.ntpAt(nanoClock.getAsLong()), line.mappingNtp(),
                    line.mappingRtp(), playoutDelayMicros), cname, from);
        } catch (IOException | RuntimeException e) {
            // A transport that is going away fails here too; the listener asks again.
            if (warnings.allow(receivedNanos)) {
                log.warn("Cannot answer a listener's time request on {}: {} ({} more since the last warning)",
                        open.endpoint(), e.toString(), warnings.takeHeldBack());
            }
        }
    }

    private boolean withinRate(long now) {
        if (now - windowStart >= NANOS_PER_SECOND) {
            windowStart = now;
            answersInWindow = 0;
        }
        return answersInWindow++ < MAX_ANSWERS_PER_SECOND;
    }

}
