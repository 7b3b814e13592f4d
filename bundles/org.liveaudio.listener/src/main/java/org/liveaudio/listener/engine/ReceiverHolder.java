package org.liveaudio.listener.engine;

import java.io.IOException;
import java.util.function.LongConsumer;
import org.liveaudio.api.net.KeptSockets;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtpReceiver;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.net.StreamTransport;
import org.liveaudio.common.service.ServiceChoice;
import org.liveaudio.listener.rtcp.ReceiverReportLoop;
import org.liveaudio.listener.rtcp.RtcpSession;
import org.liveaudio.listener.sync.TimeExchangeLoop;
import org.osgi.service.log.Logger;

/**
 * The listener's receiver and, on the same endpoint with the same lifecycle, its RTCP channel, from the best
 * transport bound. A new transport or endpoint closes both and opens them anew; moving to another endpoint
 * leaves the RTCP session with a BYE, while a transport swap stays in it. A receiver that cannot open is tried
 * again when the transport or the settings change, not in a loop.
 *
 * <p>The receiver's sockets are kept here ({@link KeptSockets}) while the listener stays on its endpoint, so that a
 * transport swap loses no packet: what arrives between the old receiver's close and the new one's open waits in
 * the socket and is played in time. Only across a swap, not an outage: sockets no receiver read for longer than
 * {@link #KEEP_NANOS} are closed rather than read, since what waits in them is long past its instant.
 */
final class ReceiverHolder implements Dependency {
    static final String RECEIVE_THREAD_PREFIX = "liveaudio-listener-receive-";
    static final String RTCP_THREAD_PREFIX = "liveaudio-listener-rtcp-";
    /** Transports carry no name: every one is a candidate of this one. */
    static final String ANY = "";
    /** A swap takes tens of milliseconds; a second is an outage, whatever the playout delay. */
    static final long KEEP_NANOS = 1_000_000_000L;

    private final ServiceChoice<StreamTransport> transports;
    private final Reception reception;
    private final RtcpSession session;
    private final ReceiverReportLoop reports;
    private final TimeExchangeLoop exchange;
    private final Logger log;
    private final KeptSockets kept;
    private final Departed departed;
    /** When the receiver of the kept sockets closed (or this holder began), by {@code System.nanoTime()}. */
    private long keptSinceNanos = System.nanoTime();

    private final Object receiverLock = new Object();
    private RtpReceiver receiver;
    private long closedReceiversMalformed;
    private long closedUnauthenticated;
    private long closedReplayed;
    /** Written under the receiver lock, so that the counts read it whole. */
    private volatile RtcpChannel rtcp;
    private Attempt opened;
    private Attempt failed;
    private MulticastEndpoint listeningOn;
    private boolean missingLogged;
    private boolean listenedBefore;

    /** An attempt to listen: the transport (compared by identity) for an endpoint, name and key. */
    private record Attempt(StreamTransport transport, MulticastEndpoint endpoint, String name, StreamKey key) {
        Attempt withTransport(StreamTransport other) {
            return new Attempt(other, endpoint, name, key);
        }
    }

    /**
     * @param kept sockets to read first: a predecessor's, or none yet
     * @param reconcileAfter has this holder reconciled again once the given nanoseconds have passed
     */
    ReceiverHolder(ServiceChoice<StreamTransport> transports, KeptSockets kept, Reception reception,
            RtcpSession session, ReceiverReportLoop reports, TimeExchangeLoop exchange, Logger log,
            LongConsumer reconcileAfter) {
        this.transports = transports;
        this.kept = kept;
        this.departed = new Departed(reconcileAfter);
        this.reception = reception;
        this.session = session;
        this.reports = reports;
        this.exchange = exchange;
        this.log = log;
    }

    @Override
    public void reconcile(ListenerSettings settings) {
        StreamTransport available = transports.best(ANY);
        Attempt wanted = new Attempt(available, settings.endpoint(), settings.name(), settings.key());
        if (receiver != null && !wanted.equals(opened)) {
            if (available == null && wanted.equals(opened.withTransport(null)) && departed.stillServes()) {
                // The transport is gone, most likely for an update; its receiver reads on from the sockets kept
                // here until the next transport's receiver takes them over. Its RTCP channel has no such socket and
                // closes with the transport: the reports and time exchange wait for the next one.
                closeRtcp(null);
                return;
            }
            close(settings.endpoint().equals(listeningOn) ? null : "listener moved to " + settings.endpoint());
        }
        departed.clear();
        if (available == null) {
            if (!missingLogged) {
                missingLogged = true;
                log.info("listener {}: no transport registered; listening once one is", settings.name());
            }
            return;
        }
        missingLogged = false;
        if (receiver != null || wanted.equals(failed)) {
            return;
        }
        if (System.nanoTime() - keptSinceNanos > KEEP_NANOS) {
            kept.close();
        }
        try {
            RtpReceiver fresh = available.openReceiver(settings.endpoint(), settings.key(), reception,
                    RECEIVE_THREAD_PREFIX + settings.name(), kept);
            synchronized (receiverLock) {
                receiver = fresh;
            }
        } catch (IOException | RuntimeException e) {
            failed = wanted;
            log.warn("listener {}: cannot listen on {} ({}); trying again when the transport or the configuration "
                    + "changes", settings.name(), settings.endpoint(), Messages.of(e));
            return;
        }
        failed = null;
        opened = wanted;
        listeningOn = settings.endpoint();
        openRtcp(available, settings);
        log.info("listener {}: {} {} for {}, buffer {} ms{}", settings.name(),
                listenedBefore ? "listening again on" : "listening on", settings.endpoint(),
                settings.payloadDescription(), settings.bufferMillis(),
                settings.key() == null ? "" : ", protected by " + settings.key());
        listenedBefore = true;
    }

    private void openRtcp(StreamTransport available, ListenerSettings settings) {
        RtcpChannel opened;
        try {
            opened = available.openRtcp(settings.endpoint(), settings.key(), session,
                    RTCP_THREAD_PREFIX + settings.name());
        } catch (IOException | RuntimeException e) {
            log.warn("listener {}: cannot open RTCP for {} ({}); no receiver reports or latency until the transport "
                    + "or the configuration changes", settings.name(), settings.endpoint(), Messages.of(e));
            return;
        }
        synchronized (receiverLock) {
            rtcp = opened;
        }
        reports.use(opened);
        exchange.use(opened);
    }

    /** Whether the receiver in use came from {@code transport}. */
    boolean uses(StreamTransport transport) {
        return opened != null && opened.transport() == transport && receiver != null;
    }

    @Override
    public void close() {
        close(null);
        kept.close();
    }

    /** The receive sockets, for a successor to read once this holder's receiver is closed. */
    KeptSockets kept() {
        return kept;
    }

    /**
     * Closes the receiver and the RTCP channel like {@link #close()}, but leaves the receive sockets open for a
     * successor, in which what arrives from now on waits.
     */
    void leave() {
        close(null);
    }

    /**
     * Closes the receiver and the RTCP channel; the receiver's sockets stay kept for the next receiver on the same
     * endpoint, and are closed when the listener moves.
     *
     * @param byeReason why this listener leaves the RTCP session, or null when it stays in it
     */
    private void close(String byeReason) {
        closeRtcp(byeReason);
        RtpReceiver closing;
        synchronized (receiverLock) {
            closing = receiver;
            if (closing == null) {
                return;
            }
            closedReceiversMalformed += closing.malformed();
            closedUnauthenticated += closing.unauthenticated();
            closedReplayed += closing.replayed();
            receiver = null;
        }
        try {
            closing.close();
        } catch (RuntimeException e) {
            log.debug("closing the receiver: {}", Messages.of(e));
        }
        keptSinceNanos = System.nanoTime();
        if (byeReason != null) {
            kept.close();
        }
    }

    /** Closes the RTCP channel, which the reports and the time exchange stop using; {@code byeReason} as above. */
    private void closeRtcp(String byeReason) {
        exchange.use(null);
        if (byeReason == null) {
            reports.use(null);
        } else {
            reports.leave(byeReason);
        }
        RtcpChannel closingRtcp = rtcp;
        if (closingRtcp != null) {
            synchronized (receiverLock) {
                closedUnauthenticated += closingRtcp.unauthenticated();
                closedReplayed += closingRtcp.replayed();
                rtcp = null;
            }
            try {
                closingRtcp.close();
            } catch (RuntimeException e) {
                log.debug("closing RTCP: {}", Messages.of(e));
            }
        }
    }

    /**
     * RTP and RTCP datagrams of a protected stream dropped because they did not authenticate under the key, the
     * closed receivers' included; from any thread.
     */
    long unauthenticated() {
        synchronized (receiverLock) {
            RtcpChannel open = rtcp;
            return closedUnauthenticated + (receiver == null ? 0 : receiver.unauthenticated())
                    + (open == null ? 0 : open.unauthenticated());
        }
    }

    /** RTP and RTCP datagrams of a protected stream dropped as replays, the closed receivers' included. */
    long replayed() {
        synchronized (receiverLock) {
            RtcpChannel open = rtcp;
            return closedReplayed + (receiver == null ? 0 : receiver.replayed()) + (open == null ? 0 : open.replayed());
        }
    }

    /** Datagrams the transport's receivers dropped as malformed, the closed ones included; from any thread. */
    long malformed() {
        synchronized (receiverLock) {
            return closedReceiversMalformed + (receiver == null ? 0 : receiver.malformed());
        }
    }
}
