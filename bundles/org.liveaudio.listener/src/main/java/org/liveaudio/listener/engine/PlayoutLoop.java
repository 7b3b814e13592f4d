package org.liveaudio.listener.engine;

import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.liveaudio.listener.buffer.Frame;
import org.liveaudio.listener.buffer.JitterBuffer;
import org.liveaudio.listener.buffer.PlayoutStep;
import org.liveaudio.listener.latency.LatencyMeter;
import org.liveaudio.listener.sync.PlayoutPlan;
import org.liveaudio.listener.sync.PlayoutSync;
import org.liveaudio.listener.thread.ListenerThread;
import org.liveaudio.listener.thread.PreciseWait;
import org.osgi.service.log.Logger;

/**
 * The playout thread. In step with the sender (once its clock, timeline and playout delay are known) it hands
 * each frame to the sink at the instant the {@link PlayoutPlan} gives its timestamp, the same instant for every
 * listener of the stream: it takes and decodes the frame as soon as it is there (a missing one is given until
 * {@link #PREPARE_AHEAD_NANOS} before its instant to come), then waits for the instant with a {@link PreciseWait}
 * (to within microseconds where the sink says the instant matters, by a plain park where it does not) and hands
 * it over. Each slot gets one frame: a frame whose slot went to filler while it
 * was missing, or whose instant passed more than a few periods ago, is dropped, so that a burst of loss or a
 * stall never shifts the audio against the clock; a run of frames too late asks for a new time exchange, for
 * the timeline may have moved.
 *
 * <p>Without a plan (a sender that does not answer time requests, after {@link #SYNC_WAIT_NANOS}) it plays by
 * its own clock: one frame per period against absolute deadlines counted in samples from an anchor, so sleep
 * error never accumulates; after falling more than a few periods behind, that clock starts afresh instead of
 * bursting. While the jitter buffer waits (prebuffering or idle) the thread parks until the receive side wakes
 * it. Each received frame's playout latency is measured as it goes to the sink.
 */
public final class PlayoutLoop {
    static final String THREAD_PREFIX = "liveaudio-listener-playout-";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Longest park while waiting; the receive side wakes the thread earlier when a prebuffer completes. */
    private static final long WAIT_NANOS = 50_000_000L;
    private static final int MAX_PERIODS_BEHIND = 4;
    /** How long before its instant a missing frame is given up and concealed, so that only the write is left. */
    static final long PREPARE_AHEAD_NANOS = 1_000_000;
    /** How long a newly locked stream waits for the sender's clock before playing by its own. */
    static final long SYNC_WAIT_NANOS = 250_000_000L;
    /** How often a stream waiting for the sender's clock looks whether it has come. */
    private static final long SYNC_POLL_NANOS = 1_000_000L;
    /** Frames dropped late in a row that make the listener ask for the sender's clock again. */
    private static final int LATE_RUN_TO_RESYNC = 8;
    /**
     * The longest a departing listener plays on: more than it can hold, a playout delay and the frames a sender
     * sends ahead of a swap of its own.
     */
    static final long DRAIN_LIMIT_NANOS = 250_000_000L;

    private final Reception reception;
    private final OutputStage output;
    private final LatencyMeter latency;
    private final PlayoutSync sync;
    private final Runnable resync;
    private final Logger log;
    private final Frame frame = new Frame(0);
    private final ListenerThread thread;
    private final PreciseWait wait;
    private volatile String listener;
    /** What to do once drained; set by {@link #drain}, after which the thread plays out what is held and ends. */
    private volatile Runnable afterDrain;
    private volatile long drainFromNanos;
    private long failures;
    // The playout thread's own.
    private long nextSlot;
    private boolean slotKnown;
    /** The plan {@link #nextSlot} was counted by, and the timestamp of the last frame received and handed over. */
    private PlayoutPlan slotPlan;
    private long lastTimestamp;
    private int lateRun;
    /** Whether playout goes by the sender's clock; null until first decided, so that either way is logged. */
    private Boolean inStep;

    /** @param resync asks the sender for its clock out of turn */
    public PlayoutLoop(String listener, Reception reception, OutputStage output, LatencyMeter latency,
            PlayoutSync sync, Runnable resync, Logger log) {
        this.listener = listener;
        this.reception = reception;
        this.output = output;
        this.latency = latency;
        this.sync = sync;
        this.resync = resync;
        this.log = log;
        this.thread = new ListenerThread(THREAD_PREFIX, listener, this::run);
        this.wait = new PreciseWait(thread::running);
        reception.wakeOnPrebuffered(thread.thread());
    }

    public void start() {
        thread.start();
    }

    public void rename(String newListener) {
        listener = newListener;
        thread.rename(newListener);
    }

    /**
     * From {@code fromNanos} on ({@link System#nanoTime()}), lets the thread play out what the reception holds, which
     * receives nothing more by then, and end, at the latest {@link #DRAIN_LIMIT_NANOS} later; then it runs
     * {@code then}. A later call may move that instant. Returns at once.
     */
    public void drain(long fromNanos, Runnable then) {
        drainFromNanos = fromNanos;
        afterDrain = then;
        thread.wake();
    }

    /** Ends the thread and waits for it a bounded time. */
    public void stop() {
        if (!thread.stop()) {
            log.warn("listener " + listener + ": playout thread still busy in the sink after stop");
        }
    }

    private void run() {
        long anchor = 0;
        long samplesSinceAnchor = 0;
        boolean clockRunning = false;
        long announcedSsrc = PacketGate.NO_SOURCE;
        while (thread.running()) {
            long now = System.nanoTime();
            if (afterDrain != null && drained(now)) {
                break;
            }
            PlayoutPlan plan = sync.plan();
            if (plan != null && plan.ssrc() == reception.lockedSsrc()) {
                clockRunning = false;
                announcedSsrc = playInStep(plan, now, announcedSsrc);
                continue;
            }
            if (reception.lockedSsrc() == PacketGate.NO_SOURCE || awaitingAnnouncedStream()
                    || now - reception.lockedAtNanos() < SYNC_WAIT_NANOS || stepChanged(false)) {
                LockSupport.parkNanos(this, SYNC_POLL_NANOS);
                continue;
            }
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
                wait.park(deadline);
            }
        }
        Runnable then = afterDrain;
        if (then != null) {
            then.run();
        }
    }

    /** Whether a draining thread is done: nothing left that could still play, or out of time. */
    private boolean drained(long now) {
        long draining = now - drainFromNanos;
        if (draining < 0) {
            return false;
        }
        long head = reception.headTimestamp();
        return head == JitterBuffer.MISSING || head == JitterBuffer.NOT_PLAYING || draining >= DRAIN_LIMIT_NANOS;
    }

    /**
     * Whether the sender's clock is being measured for a stream announced by its sender, whose first packet has
     * not come yet: it will play in step, and the stream the reception holds (if any) is over.
     */
    private boolean awaitingAnnouncedStream() {
        long measured = sync.lockedSsrc();
        return measured >= 0 && measured != reception.lockedSsrc();
    }

    /** One frame in step with the sender: wait for its instant, or drop it if that has passed. */
    private long playInStep(PlayoutPlan plan, long now, long announcedSsrc) {
        stepChanged(true);
        long timestamp = reception.headTimestamp();
        if (timestamp == JitterBuffer.NOT_PLAYING || timestamp == JitterBuffer.MISSING && !slotKnown) {
            slotKnown = false;
            LockSupport.parkNanos(this, WAIT_NANOS);
            return announcedSsrc;
        }
        followPlan(plan);
        long period = framePeriodNanos();
        long lateLimit = MAX_PERIODS_BEHIND * Math.max(period, WAIT_NANOS / 10);
        long deadline;
        if (timestamp == JitterBuffer.MISSING) {
            // Nothing to play in this slot but the filler; a stalled thread takes up the slots from now.
            deadline = now - nextSlot > lateLimit ? now : nextSlot;
        } else {
            deadline = plan.deadline(timestamp);
            boolean tooLate = now - deadline > lateLimit;
            // Each slot gets one frame: one whose slot went to filler (an underrun) is dropped, not squeezed in.
            if (tooLate || slotKnown && nextSlot - deadline > period / 2) {
                reception.dropDue();
                lateRun = tooLate ? lateRun + 1 : 0;
                if (lateRun == LATE_RUN_TO_RESYNC) {
                    resync.run();
                }
                return announcedSsrc;
            }
        }
        if (deadline - now > WAIT_NANOS) {
            // Further ahead than any sane delay: park a while and look again, the plan may be refined meanwhile.
            LockSupport.parkNanos(this, WAIT_NANOS);
            return announcedSsrc;
        }
        if (!reception.headArrived()) {
            // A missing frame may still come: give it until shortly before its instant.
            wait.park(deadline - PREPARE_AHEAD_NANOS);
            if (timestamp == JitterBuffer.MISSING && reception.headTimestamp() != JitterBuffer.MISSING) {
                // What came meanwhile has an instant of its own: a late head, whose slot this filler's was, would
                // be played a period late, and the lost frame after it left without a slot. Look again.
                return announcedSsrc;
            }
        }
        if (!output.ready()) {
            // No sink yet, such as while a predecessor whose sink this listener takes over plays out: prepared as
            // late as may be, the frame goes to the sink that comes meanwhile.
            wait.park(deadline - PREPARE_AHEAD_NANOS);
        }
        PlayoutStep step = reception.poll(System.nanoTime(), frame);
        if (step == PlayoutStep.WAITING) {
            slotKnown = false;
            return announcedSsrc;
        }
        long announced = announceSource(announcedSsrc);
        prepare(step);
        if (output.handOverInstantMatters()) {
            wait.until(deadline);
        } else {
            wait.park(deadline);
        }
        handOver(step);
        lateRun = 0;
        nextSlot = deadline + framePeriodNanos();
        slotKnown = true;
        slotPlan = plan;
        if (timestamp != JitterBuffer.MISSING) {
            lastTimestamp = timestamp;
        }
        return announced;
    }

    /**
     * Moves the next slot with the timeline when a refined plan moves it: the slots keep a frame from being
     * squeezed in after a stall or a loss, not from following a better clock offset (a first exchange on a cold
     * machine may be milliseconds off, and the next one moves every instant by that much).
     */
    private void followPlan(PlayoutPlan plan) {
        if (!slotKnown || plan == slotPlan) {
            return;
        }
        if (plan.ssrc() == slotPlan.ssrc()) {
            nextSlot += plan.deadline(lastTimestamp) - slotPlan.deadline(lastTimestamp);
        } else {
            slotKnown = false;
        }
        slotPlan = plan;
    }

    private long framePeriodNanos() {
        return frame.samples() <= 0 ? 0 : frame.samples() * NANOS_PER_SECOND / frame.sampleRate();
    }

    /**
     * Tells the reception whether playout goes by the sender's clock, and says so in the log when that changes.
     *
     * @return whether it changed
     */
    private boolean stepChanged(boolean nowInStep) {
        if (inStep != null && nowInStep == inStep) {
            return false;
        }
        inStep = nowInStep;
        slotKnown = false;
        reception.synchronizedPlayout(nowInStep);
        PlayoutPlan plan = sync.plan();
        if (nowInStep && plan != null) {
            log.info(String.format(Locale.ROOT, "listener %s: playing in step with the sender, %.3f ms after capture "
                    + "(clock offset %+.3f ms, round trip %.3f ms)", listener, plan.delayNanos() / 1e6,
                    sync.offsetNanos() / 1e6, sync.roundTripNanos() / 1e6));
        } else if (!nowInStep) {
            log.info("listener " + listener + ": the sender answers no time request (another RTP tool?); playing "
                    + "by this machine's clock, " + reception.bufferMillis() + " ms behind arrival, not in step with "
                    + "other listeners");
        }
        return true;
    }

    private long announceSource(long announced) {
        long ssrc = reception.lockedSsrc();
        if (ssrc != announced) {
            log.info("listener " + listener + ": playing stream ssrc " + String.format("0x%08x", ssrc));
        }
        return ssrc;
    }

    private void render(PlayoutStep step) {
        prepare(step);
        handOver(step);
    }

    private void prepare(PlayoutStep step) {
        try {
            output.prepare(step, frame);
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    /** Hands the prepared frame to the sink and measures a received frame's playout latency. */
    private void handOver(PlayoutStep step) {
        try {
            long handed = output.handOver();
            if (step == PlayoutStep.FRAME && handed != OutputStage.NOT_HANDED) {
                latency.handed(frame.senderNanos(), handed);
            }
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    /** A codec or sink whose bundle is being replaced may fail once; the playout must go on. */
    private void failed(Throwable e) {
        if (failures++ == 0) {
            log.warn("listener " + listener + ": playing a frame failed; counting further failures without logging "
                    + "them", e);
        }
    }
}
