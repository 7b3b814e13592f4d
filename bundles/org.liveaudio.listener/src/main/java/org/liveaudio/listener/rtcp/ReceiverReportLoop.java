package org.liveaudio.listener.rtcp;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.listener.thread.ListenerThread;
import org.osgi.service.log.Logger;

/**
 * The thread that sends a listener's receiver reports, each after the wait RFC 3550 asks for, on whichever
 * RTCP channel the listener has now; without one it waits for one. The first report on an endpoint is an
 * initial one (half the minimum interval); a channel replaced on the same endpoint continues the session.
 * Leaving a session sends BYE; sends and the channel's replacement are serialized so that nothing is sent
 * after the BYE.
 */
public final class ReceiverReportLoop {
    public static final String THREAD_PREFIX = "liveaudio-listener-report-";

    private final RtcpSession session;
    private final String host;
    private final Logger log;
    private final ListenerThread thread;
    private final Object sending = new Object();
    /** Written under {@link #sending}; read without it to cut a wait short. */
    private volatile RtcpChannel channel;
    private volatile String listener;
    private MulticastEndpoint reportedOn;
    private RtcpChannel failedOn;

    /** @param host this machine's name, for the CNAME {@code listener-NAME@host} */
    public ReceiverReportLoop(String listener, String host, RtcpSession session, Logger log) {
        this.listener = listener;
        this.host = host;
        this.session = session;
        this.log = log;
        this.thread = new ListenerThread(THREAD_PREFIX, listener, this::run);
    }

    public void start() {
        thread.start();
    }

    public void rename(String newListener) {
        listener = newListener;
        thread.rename(newListener);
    }

    /** The canonical name in this listener's reports (RFC 3550 6.5.1). */
    public String cname() {
        return "listener-" + listener + "@" + host;
    }

    /** Reports go to {@code newChannel} from now on; null: none until one is given. */
    public void use(RtcpChannel newChannel) {
        synchronized (sending) {
            channel = newChannel;
        }
        thread.wake();
    }

    /** Sends BYE on the channel in use and reports no more until given another. */
    public void leave(String reason) {
        synchronized (sending) {
            RtcpChannel leaving = channel;
            channel = null;
            if (leaving == null) {
                return;
            }
            try {
                leaving.sendBye(session.ssrc(), cname(), reason);
            } catch (IOException | RuntimeException e) {
                log.debug("listener " + listener + ": sending BYE failed: " + e);
            }
        }
    }

    /** Ends the thread, waiting for it a bounded time, then says BYE. */
    public void stop(String reason) {
        thread.stop();
        leave(reason);
    }

    private void run() {
        while (thread.running()) {
            RtcpChannel current = channel;
            if (current == null) {
                LockSupport.park(this);
                continue;
            }
            boolean initial = !current.endpoint().equals(reportedOn);
            long deadline = System.nanoTime() + session.nextReportDelayNanos(current, initial);
            long remaining;
            while (thread.running() && channel == current && (remaining = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, remaining);
            }
            if (report(current, deadline)) {
                reportedOn = current.endpoint();
            }
        }
    }

    /** Sends a report if the wait ran its course on the channel still in use. */
    private boolean report(RtcpChannel current, long deadline) {
        synchronized (sending) {
            if (!thread.running() || channel != current || deadline - System.nanoTime() > 0) {
                return false;
            }
            try {
                current.sendReceiverReport(session.receiverReport(), cname());
                failedOn = null;
            } catch (IOException | RuntimeException e) {
                if (failedOn != current) {
                    failedOn = current;
                    log.warn("listener " + listener + ": sending a receiver report failed (" + e.getMessage()
                            + "); trying again every report interval");
                }
            }
            return true;
        }
    }
}
