package org.liveaudio.listener.engine;

import java.util.concurrent.locks.LockSupport;
import org.liveaudio.listener.buffer.Frame;
import org.liveaudio.listener.buffer.PlayoutStep;
import org.liveaudio.listener.latency.LatencyMeter;
import org.osgi.service.log.Logger;

/**
 * The playout thread: one frame per period against absolute deadlines counted in samples from an anchor,
 * so sleep error never accumulates. While the jitter buffer waits (prebuffering or idle) the thread parks
 * until the receive side wakes it. A sink that blocks only delays this thread; after falling more than a
 * few periods behind, the clock starts afresh instead of bursting. Each received frame's playout latency is
 * measured as it goes to the sink.
 */
public final class PlayoutLoop {
    static final String THREAD_PREFIX = "liveaudio-listener-playout-";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Longest park while waiting; the receive side wakes the thread earlier when a prebuffer completes. */
    private static final long WAIT_NANOS = 50_000_000L;
    private static final int MAX_PERIODS_BEHIND = 4;
    private static final long JOIN_MILLIS = 2_000;

    private final Reception reception;
    private final OutputStage output;
    private final LatencyMeter latency;
    private final Logger log;
    private final Frame frame = new Frame(0);
    private final Thread thread;
    private volatile String listener;
    private volatile boolean running = true;
    private long failures;

    public PlayoutLoop(String listener, Reception reception, OutputStage output, LatencyMeter latency, Logger log) {
        this.listener = listener;
        this.reception = reception;
        this.output = output;
        this.latency = latency;
        this.log = log;
        this.thread = new Thread(this::run, THREAD_PREFIX + listener);
        thread.setDaemon(true);
        reception.wakeOnPrebuffered(thread);
    }

    public void start() {
        thread.start();
    }

    public void rename(String newListener) {
        listener = newListener;
        thread.setName(THREAD_PREFIX + newListener);
    }

    /** Ends the thread and waits for it a bounded time. */
    public void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("listener " + listener + ": playout thread still busy in the sink " + JOIN_MILLIS
                    + " ms after stop");
        }
    }

    private void run() {
        long anchor = 0;
        long samplesSinceAnchor = 0;
        boolean clockRunning = false;
        long announcedSsrc = PacketGate.NO_SOURCE;
        while (running) {
            long now = System.nanoTime();
            PlayoutStep step = reception.poll(now, frame);
            if (step == PlayoutStep.WAITING) {
                clockRunning = false;
                LockSupport.parkNanos(this, WAIT_NANOS);
                continue;
            }
            announcedSsrc = announceSource(announcedSsrc);
            render(step);
            int rate = frame.sampleRate();
            if (!clockRunning) {
                anchor = now;
                samplesSinceAnchor = 0;
                clockRunning = true;
            }
            samplesSinceAnchor += frame.samples();
            anchor += NANOS_PER_SECOND * (samplesSinceAnchor / rate);
            samplesSinceAnchor %= rate;
            long deadline = anchor + samplesSinceAnchor * NANOS_PER_SECOND / rate;
            long period = frame.samples() * NANOS_PER_SECOND / rate;
            if (System.nanoTime() - deadline > MAX_PERIODS_BEHIND * period) {
                clockRunning = false;
            } else {
                sleepUntil(deadline);
            }
        }
    }

    private long announceSource(long announced) {
        long ssrc = reception.lockedSsrc();
        if (ssrc != announced) {
            log.info("listener " + listener + ": playing stream ssrc " + String.format("0x%08x", ssrc));
        }
        return ssrc;
    }

    private void render(PlayoutStep step) {
        try {
            switch (step) {
                case FRAME -> playReceived(frame, output, latency);
                case CONCEALED -> output.conceal(frame);
                default -> output.silence(frame);
            }
        } catch (RuntimeException | LinkageError e) {
            // A codec or sink whose bundle is being replaced may fail once; the playout must go on.
            if (failures++ == 0) {
                log.warn("listener " + listener + ": playing a frame failed; counting further failures without "
                        + "logging them", e);
            }
        }
    }

    /** Plays a received frame and measures its playout latency. */
    static void playReceived(Frame frame, OutputStage output, LatencyMeter latency) {
        long handed = output.play(frame);
        if (handed != OutputStage.NOT_HANDED) {
            latency.handed(frame.senderNanos(), handed);
        }
    }

    private void sleepUntil(long deadline) {
        long remaining;
        while (running && (remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, remaining);
        }
    }
}
