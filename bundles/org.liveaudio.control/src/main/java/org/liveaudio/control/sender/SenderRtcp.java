package org.liveaudio.control.sender;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.net.StreamTransport;
import org.liveaudio.api.stream.ListenerReport;
import org.osgi.service.log.Logger;

/**
 * The stream's RTCP (RFC 3550): a report at the interval the channel computes, a BYE when the session ends,
 * and the listeners' receiver reports. The stream calls it under its lock from the clock thread: {@link #isDue}
 * after every frame slot, which compares a precomputed deadline and allocates nothing, and {@link #report} when
 * that says so, every few seconds, which may allocate. The listener table has a lock of its own, so the RTCP
 * receive thread never waits for a frame to go out.
 */
final class SenderRtcp {
    private static final String CNAME_USER = "liveaudio-sender";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long WARNING_INTERVAL_NANOS = 60_000_000_000L;
    /** A sender's report is about itself only: it receives no media, so it has no reception blocks. */
    private static final List<ReportBlock> NO_BLOCKS = List.of();

    private final Logger log;
    private final String cname;
    private final WallAnchor wall;
    private final ReportChannel channel = new ReportChannel();
    private final ListenerTable listeners;
    private final ClockServer clock;
    private final RtcpDispatch dispatch;
    private final WarningThrottle warnings = new WarningThrottle(WARNING_INTERVAL_NANOS);

    private MulticastEndpoint group;
    private long ssrc = -1;
    private int clockRate;
    private long packets;
    private long octets;
    private long packetsAtLastReport;
    private boolean initial = true;
    private boolean scheduled;
    private long nextReportAt;
    private long failures;

    /**
     * @param cname the canonical name (RFC 3550 6.5.1) every report carries, the same for the whole session
     * @param wall the clock of the reports' NTP times
     */
    SenderRtcp(Logger log, String cname, WallAnchor wall) {
        this.log = log;
        this.cname = cname;
        this.wall = wall;
        this.listeners = new ListenerTable(wall, log);
        this.clock = new ClockServer(wall, channel, cname, System::nanoTime, log);
        this.dispatch = new RtcpDispatch(listeners, clock);
    }

    /**
     * {@code liveaudio-sender@host}, the {@code user@host} form of RFC 3550 6.5.1, with the loopback address where
     * this host has no name. Looked up once, at the start, for a name lookup may take a while.
     */
    static String cnameOfThisHost() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "127.0.0.1";
        }
        return CNAME_USER + "@" + host;
    }

    /**
     * Opens the channel on {@code transport} to {@code endpoint} unless it is open there already. Another
     * transport or key to the same group keeps the listeners and the schedule; another group has other listeners,
     * to which the sender has not reported yet.
     *
     * @param key the SRTCP key, or null for plain RTCP
     */
    void prepare(StreamTransport transport, MulticastEndpoint endpoint, StreamKey key) throws IOException {
        if (channel.isOpenFor(transport, endpoint, key)) {
            return;
        }
        if (!endpoint.equals(group)) {
            group = endpoint;
            listeners.clear();
            initial = true;
            scheduled = false;
        }
        channel.open(transport, endpoint, key, dispatch);
    }

    /** Closes the channel if it came from {@code departing}, a service about to go away. */
    void release(Object departing) {
        channel.release(departing);
    }

    void close() {
        channel.close();
    }

    /** The session reported on from now: a new one counts from zero, a continued one from where it stood. */
    void sessionStarted(long ssrc, int clockRate, long packetCount, long octetCount) {
        this.ssrc = ssrc;
        this.clockRate = clockRate;
        this.packets = packetCount;
        this.octets = octetCount;
        this.packetsAtLastReport = packetCount;
        initial = true;
        scheduled = false;
        listeners.follow(ssrc, clockRate);
    }

    /**
     * The session's frame grid (re)started: timestamp {@code timestamp} is due at {@code deadline}. Time
     * requests are answered on this line from now on, and a sender report goes out at once, before the grid's
     * first packet, as RFC 6051 has a sender do for rapid synchronization: a new session's listeners learn of
     * it from that report and measure this clock while the stream's start is still ahead (see
     * {@link Stream#ANNOUNCE_LEAD_NANOS}); a session carried on from an earlier run needs it as much, for the
     * line its listeners hold is the last run's, off by milliseconds, and they play by it.
     *
     * @param now the instant (nanoTime) the grid started, before {@code deadline}
     * @param title what plays now, as in {@link #report}
     */
    void gridStarted(long now, long deadline, long timestamp, String title) {
        clock.follow(ssrc, deadline, timestamp);
        if (ssrc >= 0 && channel.isOpen()) {
            send(channel.channel(), true, deadline, timestamp, now, title);
        }
    }

    /** How long after its capture every listener plays a frame, as the time responses announce. */
    void playoutDelayMicros(long micros) {
        clock.playoutDelayMicros(micros);
    }

    /** Counts an RTP packet sent; RFC 3550 6.4.1 counts payload octets only. Allocates nothing. */
    void sent(int payloadOctets) {
        packets++;
        octets += payloadOctets;
    }

    long packetCount() {
        return packets;
    }

    long octetCount() {
        return octets;
    }

    /** Whether {@link #report} has something to do: allocates nothing, for it is asked after every frame slot. */
    boolean isDue(long now) {
        return ssrc >= 0 && channel.isOpen() && (!scheduled || now - nextReportAt >= 0);
    }

    /**
     * Sends the report that is due, then schedules the next one; the first time after the session or the group
     * changed, only schedules it (RFC 3550 6.2: not at once, so that a group of newcomers does not report in
     * one burst). A sender that sent since its last report sends a sender report; one that did not (paused)
     * may not, and sends a receiver report, which keeps it listed among the members.
     *
     * @param nextDeadline the instant (nanoTime) the stream's clock assigns to the next frame
     * @param nextTimestamp that frame's RTP timestamp: with the deadline, a point on the line that maps every
     *     timestamp of the session to the sender's wall clock
     * @param bitsPerSecond the session bandwidth the interval is a share of
     * @param title what plays now, sent as the SDES NOTE of a sender report (RFC 3550 6.5.7), empty when
     *     nothing is named: in every report rather than now and then as the RFC allows, so that a listener that
     *     joins learns it within one interval, and one that missed a change hears it again
     */
    void report(long now, long nextDeadline, long nextTimestamp, long bitsPerSecond, String title) {
        RtcpChannel open = channel.channel();
        boolean weSent = packets != packetsAtLastReport;
        if (scheduled) {
            send(open, weSent, nextDeadline, nextTimestamp, now, title);
            packetsAtLastReport = packets;
            initial = false;
        }
        long delay = open.nextReportDelayNanos(1 + listeners.count(now), 1, weSent, bitsPerSecond, initial);
        nextReportAt = now + delay;
        scheduled = true;
        listeners.reportInterval(delay);
    }

    /** Says BYE for the session (when the channel is open) and reports on none until the next one starts. */
    void sessionEnded(String reason) {
        if (ssrc >= 0) {
            bye(ssrc, reason);
        }
        ssrc = -1;
        clock.stop();
        listeners.follow(-1, 0);
    }

    /** Says BYE for {@code departed}, a session that is over, when the channel is open. */
    void bye(long departed, String reason) {
        if (!channel.isOpen()) {
            return;
        }
        listeners.own(departed);
        try {
            channel.channel().sendBye(departed, cname, reason);
            log.info("RTCP BYE for ssrc {}: {}", Stream.hex(departed), reason);
        } catch (IOException | RuntimeException e) {
            // A transport whose bundle is stopping may fail here too; the stream must still close.
            log.warn("Cannot say RTCP BYE for ssrc {} ({}); listeners drop it when it falls silent",
                    Stream.hex(departed), e.toString());
        }
    }

    /** The listeners heard from lately; any thread. */
    List<ListenerReport> listeners(long now) {
        return listeners.snapshot(now);
    }

    /**
     * Sends a sender report or, for a sender that did not send since the last one, a receiver report. A sender
     * report's NTP time is when it leaves (RFC 3550 6.4.1), for a listener's round trip is the time of its report's
     * arrival less that time and the delay it reports: the instant of the last timestamp tick not after
     * {@code now}, on the line through {@code nextTimestamp} at {@code nextDeadline}, so that the report names an
     * exact point of that line (a timestamp rounded to a tick would move every listener's line by up to half a
     * tick), a few microseconds before it leaves.
     */
    private void send(RtcpChannel open, boolean weSent, long nextDeadline, long nextTimestamp, long now,
            String title) {
        try {
            if (weSent) {
                long ticksAhead = -Math.floorDiv((now - nextDeadline) * clockRate, NANOS_PER_SECOND);
                long instant = nextDeadline - ticksAhead * NANOS_PER_SECOND / clockRate;
                open.sendSenderReport(new SenderReport(ssrc, wall.ntpAt(instant),
                        (nextTimestamp - ticksAhead) & 0xFFFF_FFFFL, packets, octets, NO_BLOCKS), cname, title);
            } else {
                open.sendReceiverReport(new ReceiverReport(ssrc, NO_BLOCKS), cname);
            }
        } catch (IOException e) {
            failures++;
            if (warnings.allow(now)) {
                log.warn("RTCP report to {} failed: {} ({} failures so far, {} since the last warning; next warning "
                        + "in a minute at the earliest)", open.endpoint(), e.getMessage(), failures,
                        warnings.takeHeldBack() + 1);
            }
        }
    }
}
