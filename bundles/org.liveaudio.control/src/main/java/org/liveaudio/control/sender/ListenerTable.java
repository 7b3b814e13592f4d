package org.liveaudio.control.sender;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.liveaudio.api.net.NtpTime;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.RepairReport;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.stream.ListenerReport;
import org.osgi.service.log.Logger;

/**
 * The listeners the sender hears of through RTCP receiver reports, by SSRC. Filled on the RTCP channel's receive
 * thread, read by the clock thread when it reports (how many there are) and by the shell; one lock guards it,
 * held for a moment by each, never while sending.
 *
 * <p>Sender reports from anyone else on the group are not listeners and are left out; so are the sender's own
 * packets, which the channel hears too, also those of its sessions that ended (the empty receiver report before
 * a BYE).
 */
final class ListenerTable implements RtcpHandler {
    /** RFC 3550 6.3.5: a participant silent for this many report intervals has left. */
    static final int SILENT_INTERVALS = 5;
    /**
     * The RFC's minimum report interval. The timeout counts deterministic intervals, which are never shorter;
     * the channel gives only randomized ones (half to one and a half times as long), so this floors them.
     */
    static final long MIN_INTERVAL_NANOS = 5_000_000_000L;
    /** LSR, DLSR and the round trip count in units of 1/65536 s (the middle 32 bits of an NTP time). */
    private static final double UNITS_PER_SECOND = 65_536;

    private final WallAnchor wall;
    private final Logger log;
    private final Map<Long, Heard> heard = new TreeMap<>();
    private final Set<Long> own = new HashSet<>();
    private long ownSsrc = -1;
    private int clockRate;
    private long timeoutNanos = SILENT_INTERVALS * MIN_INTERVAL_NANOS;

    /** @param wall the clock the sender's reports carry, against which a report's LSR is measured */
    ListenerTable(WallAnchor wall, Logger log) {
        this.wall = wall;
        this.log = log;
    }

    /** The session the listeners report on: only blocks about it count, and its own packets are not a listener. */
    synchronized void follow(long ssrc, int clockRate) {
        this.ownSsrc = ssrc;
        this.clockRate = clockRate;
        own(ssrc);
    }

    /** Marks {@code ssrc} as one of the sender's, whose packets are never a listener's; -1 is none. */
    synchronized void own(long ssrc) {
        if (ssrc >= 0) {
            own.add(ssrc);
        }
    }

    /** Listeners silent for {@link #SILENT_INTERVALS} of these (at least {@link #MIN_INTERVAL_NANOS}) are gone. */
    synchronized void reportInterval(long intervalNanos) {
        timeoutNanos = SILENT_INTERVALS * Math.max(intervalNanos, MIN_INTERVAL_NANOS);
    }

    /** Forgets everyone, as when the stream moves to another group. */
    synchronized void clear() {
        heard.clear();
    }

    @Override
    public void onReceiverReport(ReceiverReport report, String cname, InetSocketAddress from, long receivedNanos) {
        long arrival = NtpTime.middle32(wall.ntpAt(receivedNanos));
        synchronized (this) {
            if (own.contains(report.ssrc())) {
                return;
            }
            Heard listener = heard.get(report.ssrc());
            if (listener == null) {
                listener = new Heard();
                heard.put(report.ssrc(), listener);
                log.info("Listener {} ({} at {}) reports", Stream.hex(report.ssrc()), cname, address(from));
            }
            listener.lastSeenNanos = receivedNanos;
            listener.address = address(from);
            if (!cname.isEmpty()) {
                listener.cname = cname;
            }
            for (ReportBlock block : report.blocks()) {
                if (block.ssrc() == ownSsrc) {
                    listener.update(block, clockRate, arrival);
                }
            }
            for (RepairReport repair : report.repairs()) {
                if (repair.ssrc() == ownSsrc) {
                    listener.lostAfterRepair = repair.unrepairedLoss();
                }
            }
        }
    }

    @Override
    public void onSenderReport(SenderReport report, String cname, InetSocketAddress from, long receivedNanos) {
        // Another sender on the group, or this one heard back: neither is a listener.
    }

    @Override
    public synchronized void onBye(long ssrc, InetSocketAddress from) {
        Heard gone = heard.remove(ssrc);
        if (gone != null) {
            log.info("Listener {} ({} at {}) said BYE", Stream.hex(ssrc), gone.cname, gone.address);
        }
    }

    /** How many listeners were heard from lately. */
    synchronized int count(long now) {
        forgetSilent(now);
        return heard.size();
    }

    /** The listeners heard from lately, by SSRC. */
    synchronized List<ListenerReport> snapshot(long now) {
        forgetSilent(now);
        List<ListenerReport> reports = new ArrayList<>(heard.size());
        heard.forEach((ssrc, listener) -> reports.add(listener.report(ssrc, now)));
        return reports;
    }

    /**
     * RFC 3550 6.4.1: the round trip is the arrival time A less LSR (when the listener heard the report it
     * echoes) less DLSR (how long it held it). The signed 32-bit difference survives the wrap of the middle
     * 32 bits every 18 hours; a slightly negative one is the listener's rounding of DLSR, so zero.
     */
    static long roundTripUnits(long arrivalMiddle32, long lastSenderReport, long delaySinceLastSenderReport) {
        return Math.max(0, (int) (arrivalMiddle32 - lastSenderReport - delaySinceLastSenderReport));
    }

    private void forgetSilent(long now) {
        heard.entrySet().removeIf(entry -> {
            Heard listener = entry.getValue();
            long silentNanos = now - listener.lastSeenNanos;
            if (silentNanos <= timeoutNanos) {
                return false;
            }
            log.info("Listener {} ({} at {}) silent for {} s, dropped", Stream.hex(entry.getKey()), listener.cname,
                    listener.address, silentNanos / 1_000_000_000L);
            return true;
        });
    }

    /** {@code 127.0.0.1:40000}, {@code [::1]:40000}: numeric, as no name lookup may hold up the receive thread. */
    private static String address(InetSocketAddress from) {
        String host = from.getAddress() == null ? from.getHostString() : from.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + from.getPort();
    }

    /** What one listener said last; the figures of a block about this session only. */
    private static final class Heard {
        String cname = "";
        String address = "";
        long lastSeenNanos;
        double fractionLost;
        long cumulativeLost;
        long lostAfterRepair = -1;
        double jitterMillis;
        double roundTripMillis = -1;

        void update(ReportBlock block, int clockRate, long arrivalMiddle32) {
            fractionLost = block.fractionLost() / 256.0;
            cumulativeLost = block.cumulativeLost();
            if (clockRate > 0) {
                jitterMillis = block.jitter() * 1000.0 / clockRate;
            }
            // LSR 0 means the listener has heard no sender report yet, so there is no round trip to measure.
            if (block.lastSenderReport() != 0) {
                roundTripMillis = roundTripUnits(arrivalMiddle32, block.lastSenderReport(),
                        block.delaySinceLastSenderReport()) * 1000 / UNITS_PER_SECOND;
            }
        }

        ListenerReport report(long ssrc, long now) {
            return new ListenerReport(ssrc, cname, address, fractionLost, cumulativeLost, lostAfterRepair, jitterMillis,
                    roundTripMillis, Duration.ofNanos(Math.max(0, now - lastSeenNanos)));
        }
    }
}
