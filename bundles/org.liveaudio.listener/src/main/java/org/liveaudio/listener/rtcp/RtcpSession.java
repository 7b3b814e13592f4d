package org.liveaudio.listener.rtcp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.RepairReport;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.TimeResponse;
import org.liveaudio.listener.sync.PlayoutSync;
import org.osgi.service.log.Logger;

/**
 * One listener as an RTCP participant (RFC 3550): takes what its channel hears on the RTCP thread (sender
 * reports and the answers to its time requests set the sender's clock, and the report of a sender whose stream
 * the reception would take has its clock measured before the first packet, so that playout is in step from the
 * first frame; everyone's reports count the members;
 * the locked sender's BYE releases the stream; its SDES NOTE says what plays) and makes its receiver reports.
 * Outlives channels, which come and go with the transport.
 */
public final class RtcpSession implements RtcpHandler {
    /** RFC 3550 6.3.5: a member silent for this many report intervals has left. */
    private static final int SILENT_INTERVALS = 5;
    private static final long MIN_INTERVAL_NANOS = 5_000_000_000L;

    private final long ssrc;
    private final ReportedStream stream;
    private final SenderReports senders;
    private final PlayoutSync sync;
    private final LongSupplier nanoClock;
    private final Logger log;
    private final Map<Long, Long> lastHeardNanos = new ConcurrentHashMap<>();
    /**
     * Each sender's latest note, by SSRC: a note may come before the first RTP packet locks the stream, and
     * the locked stream may change. Dropped with the member, so a sender whose reports fall silent names nothing.
     */
    private final Map<Long, String> notes = new ConcurrentHashMap<>();
    /** The locked sender's note last logged; RTCP thread only. */
    private String announced = "";
    private volatile String listener;
    private volatile long sessionBitsPerSecond;
    private volatile boolean senderReportHeard;
    private volatile long lastDelayNanos = MIN_INTERVAL_NANOS;

    /**
     * @param ssrc this listener's own SSRC: its own packets, heard back from the group, are ignored
     * @param nanoClock {@link System#nanoTime()} outside tests
     */
    public RtcpSession(String listener, long ssrc, ReportedStream stream, SenderReports senders, PlayoutSync sync,
            long sessionBitsPerSecond, LongSupplier nanoClock, Logger log) {
        this.listener = listener;
        this.ssrc = ssrc;
        this.stream = stream;
        this.senders = senders;
        this.sync = sync;
        this.sessionBitsPerSecond = sessionBitsPerSecond;
        this.nanoClock = nanoClock;
        this.log = log;
    }

    public long ssrc() {
        return ssrc;
    }

    public void rename(String newListener) {
        listener = newListener;
    }

    /** The media bandwidth the report interval is scaled by (RFC 3550 6.2). */
    public void sessionBitsPerSecond(long bitsPerSecond) {
        sessionBitsPerSecond = bitsPerSecond;
    }

    @Override
    public void onSenderReport(SenderReport report, String cname, InetSocketAddress from, long receivedNanos) {
        if (report.ssrc() == ssrc) {
            return;
        }
        lastHeardNanos.put(report.ssrc(), receivedNanos);
        senderReportHeard = true;
        senders.offer(report, receivedNanos);
        if (stream.wouldLock(report.ssrc(), receivedNanos) && sync.lock(report.ssrc())) {
            log.info("listener " + listener + ": sender ssrc " + String.format("0x%08x", report.ssrc())
                    + " announced a stream; asking for its clock before its first packet");
        }
        sync.senderReport(report.ssrc(), report.ntpTimestamp(), report.rtpTimestamp());
    }

    @Override
    public void onSdesNote(long noteSsrc, String note, InetSocketAddress from) {
        if (noteSsrc == ssrc) {
            return;
        }
        notes.put(noteSsrc, note);
        if (noteSsrc == stream.lockedSsrc() && !note.equals(announced)) {
            announced = note;
            log.info("listener " + listener + ": now playing " + (note.isEmpty() ? "nothing named" : note));
        }
    }

    /** The locked sender's latest note; empty before it sent one, or when it names nothing. Any thread. */
    public String nowPlaying() {
        return notes.getOrDefault(stream.lockedSsrc(), "");
    }

    /** An answer to this listener's time request brings the sender's clock; others' answers are not for it. */
    @Override
    public void onTimeResponse(TimeResponse response, InetSocketAddress from, long receivedNanos) {
        if (response.requesterSsrc() == ssrc) {
            lastHeardNanos.put(response.ssrc(), receivedNanos);
            sync.timeResponse(response, from, receivedNanos);
        }
    }

    @Override
    public void onReceiverReport(ReceiverReport report, String cname, InetSocketAddress from, long receivedNanos) {
        if (report.ssrc() != ssrc) {
            lastHeardNanos.put(report.ssrc(), receivedNanos);
        }
    }

    @Override
    public void onBye(long byeSsrc, InetSocketAddress from) {
        if (byeSsrc == ssrc) {
            return;
        }
        lastHeardNanos.remove(byeSsrc);
        notes.remove(byeSsrc);
        if (stream.senderLeft(byeSsrc, nanoClock.getAsLong())) {
            log.info("listener " + listener + ": sender ssrc " + String.format("0x%08x", byeSsrc) + " said BYE");
        }
    }

    /** The wait before the next report, by the channel's RFC 3550 interval for the members heard now. */
    public long nextReportDelayNanos(RtcpChannel channel, boolean initial) {
        long locked = stream.lockedSsrc();
        int senderCount = senderReportHeard || locked >= 0 ? 1 : 0;
        long delay = channel.nextReportDelayNanos(members(locked), senderCount, false, sessionBitsPerSecond,
                initial);
        lastDelayNanos = delay;
        return delay;
    }

    /** Participants heard from lately, the locked sender (heard through RTP) and this listener included. */
    int members(long locked) {
        long silentSince = nanoClock.getAsLong() - SILENT_INTERVALS * Math.max(MIN_INTERVAL_NANOS, lastDelayNanos);
        lastHeardNanos.values().removeIf(heard -> heard - silentSince < 0);
        notes.keySet().retainAll(lastHeardNanos.keySet());
        boolean lockedUnheard = locked >= 0 && !lastHeardNanos.containsKey(locked);
        return 1 + lastHeardNanos.size() + (lockedUnheard ? 1 : 0);
    }

    /**
     * This listener's receiver report: one block on the locked stream, none before it has one, and what repair made
     * of its loss.
     */
    public ReceiverReport receiverReport() {
        ReportBlock block = stream.nextReportBlock(senders.current(), nanoClock.getAsLong());
        if (block == null) {
            return new ReceiverReport(ssrc, List.of());
        }
        RepairReport repair = stream.repairReport();
        return new ReceiverReport(ssrc, List.of(block), repair == null ? List.of() : List.of(repair));
    }
}
