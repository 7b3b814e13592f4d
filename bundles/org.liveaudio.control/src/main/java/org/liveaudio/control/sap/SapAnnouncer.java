package org.liveaudio.control.sap;

import java.io.IOException;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.osgi.service.log.Logger;

/**
 * Announces the stream's SDP by SAP (RFC 2974) from a thread of its own: at once when the announcement appears or
 * changes, then every interval, each time a random third earlier or later (RFC 2974 3.1: announcers that started
 * together would otherwise stay in step); withdraws it with an explicit deletion when it changes (the old one,
 * to where it went, before the new one, as PipeWire does), when SAP is switched off and when the stream ends.
 */
public final class SapAnnouncer implements Runnable {
    public static final String THREAD_NAME = "liveaudio-sap-announcer";
    /** How often the thread looks for a changed announcement: a re-announce follows a change within this. */
    static final long CHECK_NANOS = 200_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long JOIN_MILLIS = 2_000;

    private final Supplier<Announcement> current;
    private final SapSocket socket;
    private final LongSupplier nanoClock;
    private final Random random;
    private final Logger log;
    private final Thread thread;
    private volatile boolean running = true;

    private Announcement announced;
    private long nextAt;
    private boolean failing;
    private long sent;

    /**
     * @param current what to announce now, {@code null} for nothing (no SDP yet, or SAP switched off)
     * @param random spreads the intervals
     */
    public SapAnnouncer(Supplier<Announcement> current, SapSocket socket, LongSupplier nanoClock, Random random,
            Logger log) {
        this.current = current;
        this.socket = socket;
        this.nanoClock = nanoClock;
        this.random = random;
        this.log = log;
        this.thread = new Thread(this, THREAD_NAME);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /**
     * Stops the thread and closes the socket.
     *
     * @param withdraw whether to send the deletion first: the stream ends, rather than carries on in the next run
     *     of this bundle (which announces it again within a moment)
     */
    public void stop(boolean withdraw) {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("{} did not stop within {} ms", THREAD_NAME, JOIN_MILLIS);
        }
        synchronized (this) {
            if (withdraw) {
                withdraw();
            }
            socket.close();
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                step(nanoClock.getAsLong());
            } catch (RuntimeException e) {
                log.error("The SAP announcer survived an unexpected failure", e);
            }
            LockSupport.parkNanos(CHECK_NANOS);
        }
    }

    /** Sends what is due at {@code now}: a deletion and announcement after a change, else a repetition. */
    synchronized void step(long now) {
        Announcement next = current.get();
        if (!Objects.equals(next, announced)) {
            withdraw();
            if (next != null) {
                log.info("SAP: announcing \"{}\" to {} every {} s", name(next), next.where(), next.intervalSeconds());
                send(next, false);
                announced = next;
                nextAt = now + spread(next.intervalSeconds());
            }
        } else if (announced != null && now - nextAt >= 0) {
            send(announced, false);
            nextAt = now + spread(announced.intervalSeconds());
        }
    }

    /** Announcements and deletions sent so far, for tests and the curious. */
    synchronized long sent() {
        return sent;
    }

    private void withdraw() {
        if (announced != null) {
            send(announced, true);
            log.info("SAP: withdrew \"{}\" from {}", name(announced), announced.where());
            announced = null;
        }
    }

    private long spread(int intervalSeconds) {
        long interval = intervalSeconds * NANOS_PER_SECOND;
        return interval * 2 / 3 + (long) (random.nextDouble() * interval * 2 / 3);
    }

    private void send(Announcement announcement, boolean deletion) {
        try {
            socket.send(announcement.packet(deletion), announcement.destination(),
                    announcement.endpoint().networkInterface(), announcement.endpoint().ttl());
            sent++;
            if (failing) {
                failing = false;
                log.info("SAP: announcing to {} works again", announcement.where());
            }
        } catch (IOException e) {
            if (!failing) {
                failing = true;
                log.warn("SAP: cannot announce to {}: {} (tried again every interval; one line until it works)",
                        announcement.where(), e.getMessage());
            }
        }
    }

    private static String name(Announcement announcement) {
        for (String line : announcement.sdp().split("\r?\n")) {
            if (line.startsWith("s=")) {
                return line.substring(2);
            }
        }
        return "";
    }
}
