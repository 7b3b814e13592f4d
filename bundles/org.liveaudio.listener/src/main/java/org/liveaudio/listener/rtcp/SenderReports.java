package org.liveaudio.listener.rtcp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.liveaudio.api.net.SenderReport;

/**
 * The latest sender report of the stream a listener is locked onto, whose NTP time and arrival a receiver report
 * echoes (LSR and DLSR, RFC 3550 section 6.4.1), so that the sender can tell its round trip. Reports of other
 * senders are remembered too (the latest of each of the last few), so that a listener that locks onto one of them
 * reports on it at once. Where frames lie on the sender's clock is {@code PlayoutSync}'s business.
 *
 * <p>Reports arrive on the RTCP thread and the lock changes on the receive thread, both rare and serialized
 * here; {@link #current} reads one volatile holder.
 */
public final class SenderReports {
    private static final int REMEMBERED_SENDERS = 16;

    private final Map<Long, SenderTiming> latest = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, SenderTiming> eldest) {
            return size() > REMEMBERED_SENDERS;
        }
    };
    private long lockedSsrc = -1;
    private volatile SenderTiming current;

    /** Takes a sender report (RTCP thread). One without a wall clock (NTP 0, RFC 3550 6.4.1) is no LSR. */
    public synchronized void offer(SenderReport report, long receivedNanos) {
        if (report.ntpTimestamp() == 0) {
            return;
        }
        SenderTiming timing = new SenderTiming(report.ssrc(), report.ntpTimestamp(), receivedNanos);
        latest.remove(report.ssrc());
        latest.put(report.ssrc(), timing);
        if (report.ssrc() == lockedSsrc) {
            current = timing;
        }
    }

    /** The listener locked onto {@code ssrc}: its latest report, if any, applies from now on. */
    public synchronized void lock(long ssrc) {
        lockedSsrc = ssrc;
        current = latest.get(ssrc);
    }

    /** The latest report of the locked stream, or null before one came. */
    public SenderTiming current() {
        return current;
    }
}
