package org.liveaudio.listener.rtcp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.liveaudio.api.net.SenderReport;

/**
 * The latest sender report of the stream a listener is locked onto, for the receive and playout threads to
 * read without a lock. Reports of other senders are remembered too (the latest of each of the last few), so
 * that a listener that locks onto one of them has its clock at once.
 *
 * <p>Reports arrive on the RTCP thread and the lock changes on the receive thread, both rare and serialized
 * here; {@link #senderEpochNanos} reads one volatile holder and allocates nothing.
 */
public final class SenderClock {
    /** What {@link #senderEpochNanos} returns without a report for the stream. */
    public static final long NO_TIME = Long.MIN_VALUE;
    private static final int REMEMBERED_SENDERS = 16;

    private final Map<Long, SenderTiming> latest = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, SenderTiming> eldest) {
            return size() > REMEMBERED_SENDERS;
        }
    };
    private long lockedSsrc = -1;
    private int clockRate;
    private volatile SenderTiming current;

    public SenderClock(int clockRate) {
        this.clockRate = clockRate;
    }

    /** Takes a sender report (RTCP thread). One without a wall clock (NTP 0, RFC 3550 6.4.1) maps nothing. */
    public synchronized void offer(SenderReport report, long receivedNanos) {
        if (report.ntpTimestamp() == 0) {
            return;
        }
        SenderTiming timing = new SenderTiming(report.ssrc(), report.ntpTimestamp(), report.rtpTimestamp(),
                clockRate, receivedNanos);
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

    /** The stream's timestamps count at a new rate (the listener's format changed). */
    public synchronized void useClockRate(int newClockRate) {
        if (newClockRate == clockRate) {
            return;
        }
        clockRate = newClockRate;
        latest.replaceAll((ssrc, timing) -> timing.withClockRate(newClockRate));
        current = latest.get(lockedSsrc);
    }

    /** The latest report of the locked stream, or null before one came. */
    public SenderTiming current() {
        return current;
    }

    /** The sender's time (ns since the epoch) of frame {@code timestamp} of stream {@code ssrc}, or NO_TIME. */
    public long senderEpochNanos(long ssrc, long timestamp) {
        SenderTiming timing = current;
        return timing == null || timing.ssrc() != ssrc ? NO_TIME : timing.senderEpochNanos(timestamp);
    }
}
