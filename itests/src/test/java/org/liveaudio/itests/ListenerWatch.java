package org.liveaudio.itests;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Polls the statistics of every registered listener every {@link #PERIOD_NANOS}, by name, across restarts of
 * the listener itself: when a name's service is replaced (its bundle updated), the new instance's counters,
 * which start at zero, are added to what the old one had counted. For each name it remembers the longest time
 * the received and the played counts stood still since {@link #startWindow()}; the polling period bounds
 * how finely that is measured, and how much an instance counts after its last poll (which is not added).
 */
final class ListenerWatch implements AutoCloseable {
    static final long PERIOD_NANOS = 2_000_000L;
    private static final long JOIN_MILLIS = 2_000;

    /** A listener's counters summed over its instances, and its longest stand-stills in the window. */
    record Totals(String name, long received, long framesPlayed, long lost, long late, long concealed,
            long longestReceiveGapNanos, long longestPlayGapNanos, ListenerStats latest) {
    }

    private final ServiceTracker<ListenerControl, ListenerControl> tracker;
    private final Map<String, Track> tracks = new HashMap<>();
    private final Thread thread;
    private final long periodNanos;
    private volatile boolean running = true;

    private static final class Track {
        ListenerControl instance;
        ListenerStats latest;
        long receivedBefore;
        long playedBefore;
        long lostBefore;
        long lateBefore;
        long concealedBefore;
        long received;
        long played;
        long lastReceiveNanos;
        long lastPlayNanos;
        long longestReceiveGap;
        long longestPlayGap;

        void observe(ListenerControl service, ListenerStats stats, long now) {
            if (service != instance) {
                if (latest != null) {
                    receivedBefore += latest.received();
                    playedBefore += latest.framesPlayed();
                    lostBefore += latest.lost();
                    lateBefore += latest.late();
                    concealedBefore += latest.concealedFrames();
                }
                instance = service;
            }
            latest = stats;
            long receivedNow = receivedBefore + stats.received();
            long playedNow = playedBefore + stats.framesPlayed();
            if (receivedNow != received || lastReceiveNanos == 0) {
                longestReceiveGap = Math.max(longestReceiveGap, lastReceiveNanos == 0 ? 0 : now - lastReceiveNanos);
                lastReceiveNanos = now;
                received = receivedNow;
            }
            if (playedNow != played || lastPlayNanos == 0) {
                longestPlayGap = Math.max(longestPlayGap, lastPlayNanos == 0 ? 0 : now - lastPlayNanos);
                lastPlayNanos = now;
                played = playedNow;
            }
        }

        Totals totals(String name, long now) {
            return new Totals(name, received, played, lostBefore + latest.lost(), lateBefore + latest.late(),
                    concealedBefore + latest.concealedFrames(),
                    Math.max(longestReceiveGap, now - lastReceiveNanos), Math.max(longestPlayGap, now - lastPlayNanos),
                    latest);
        }
    }

    ListenerWatch(BundleContext context) {
        this(context, PERIOD_NANOS);
    }

    /** Polling every {@code periodNanos}: a longer period costs less CPU where gaps need not be measured finely. */
    ListenerWatch(BundleContext context, long periodNanos) {
        this.periodNanos = periodNanos;
        tracker = new ServiceTracker<>(context, ListenerControl.class, null);
        tracker.open();
        thread = new Thread(this::pollUntilClosed, "liveaudio-itest-listener-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void pollUntilClosed() {
        while (running) {
            poll();
            LockSupport.parkNanos(periodNanos);
        }
    }

    private void poll() {
        ServiceReference<ListenerControl>[] references = tracker.getServiceReferences();
        if (references == null) {
            return;
        }
        for (ServiceReference<ListenerControl> reference : references) {
            ListenerControl service = tracker.getService(reference);
            Object name = reference.getProperty(ListenerControl.NAME);
            if (service == null || name == null) {
                continue;
            }
            ListenerStats stats;
            try {
                stats = service.stats();
            } catch (RuntimeException | LinkageError e) {
                // A listener whose bundle is going away at this moment; the next poll sees its successor.
                continue;
            }
            long now = System.nanoTime();
            synchronized (tracks) {
                tracks.computeIfAbsent(name.toString(), key -> new Track()).observe(service, stats, now);
            }
        }
    }

    /** Forgets the longest stand-stills so far: the next ones are measured from now on. */
    void startWindow() {
        long now = System.nanoTime();
        synchronized (tracks) {
            for (Track track : tracks.values()) {
                track.longestReceiveGap = 0;
                track.longestPlayGap = 0;
                track.lastReceiveNanos = Math.max(track.lastReceiveNanos, now);
                track.lastPlayNanos = Math.max(track.lastPlayNanos, now);
            }
        }
    }

    /** Every name seen so far, sorted. */
    Map<String, Totals> totals() {
        long now = System.nanoTime();
        Map<String, Totals> totals = new TreeMap<>();
        synchronized (tracks) {
            tracks.forEach((name, track) -> totals.put(name, track.totals(name, now)));
        }
        return totals;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(JOIN_MILLIS);
        tracker.close();
    }
}
