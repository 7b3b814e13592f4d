package org.liveaudio.listener.sync;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.liveaudio.api.net.NtpTime;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.listener.thread.ListenerThread;
import org.osgi.service.log.Logger;

/**
 * The thread that asks the sender of the locked stream for its clock: at once when a stream is locked, then
 * {@link #RAPID_EXCHANGES} times every {@link #FIRST_WAIT_NANOS}, so that the offset filter has a sample with a
 * short round trip before the stream's first frame is due (a sender announces a new stream that long ahead, and
 * the first answers of a JVM just started take tens of milliseconds, which leaves their offset as far off), then
 * after waits that double, up to every {@link #STEADY_NANOS}: often enough that the filter always has a recent exchange
 * with a short round trip, whose error is a few microseconds where a typical one's is tens; each wait randomized by half
 * either way, so that listeners that joined together do not ask together. The first request goes to the group;
 * once the sender has answered, the next go to where it answered from, and the answers come back to this
 * listener alone, so that neither wakes every RTCP thread of the group. A request that went unanswered makes
 * the next one go to the group again. Playout that finds its frames late
 * asks for an exchange out of turn ({@link #askNow}), for the timeline it plays by may have moved. A sender that
 * left {@link #UNANSWERED_BEFORE_BACKOFF} requests in a row unanswered (another RTP tool) is asked only every
 * {@link #UNANSWERED_WAIT_NANOS} from then on, half either way, until it answers.
 */
public final class TimeExchangeLoop {
    public static final String THREAD_PREFIX = "liveaudio-listener-clock-";
    static final long FIRST_WAIT_NANOS = 10_000_000L;
    static final int RAPID_EXCHANGES = 8;
    /** Requests in a row left unanswered (about 0.4 s of them) that make a sender one that does not answer. */
    static final int UNANSWERED_BEFORE_BACKOFF = RAPID_EXCHANGES + 4;
    /**
     * How often a sender that does not answer (another RTP tool) is asked all the same, in case it starts to:
     * RFC 3550's minimum report interval, so that a group of such listeners does not flood the group.
     */
    static final long UNANSWERED_WAIT_NANOS = 5_000_000_000L;
    static final long STEADY_NANOS = 500_000_000L;

    private final long ownSsrc;
    private final PlayoutSync sync;
    private final Supplier<String> cname;
    private final Logger log;
    private final ListenerThread thread;
    private volatile RtcpChannel channel;
    private volatile boolean urgent;
    private volatile String listener;
    private RtcpChannel failedOn;
    /** {@link PlayoutSync#answers()} when the last request left. */
    private long answersWhenAsked;
    private final Random random = new Random();

    /** @param cname the canonical name this listener's RTCP packets carry */
    public TimeExchangeLoop(String listener, long ownSsrc, PlayoutSync sync, Supplier<String> cname, Logger log) {
        this.listener = listener;
        this.ownSsrc = ownSsrc;
        this.sync = sync;
        this.cname = cname;
        this.log = log;
        this.thread = new ListenerThread(THREAD_PREFIX, listener, this::run);
        sync.wakeOnNewStream(thread.thread());
    }

    public void start() {
        thread.start();
    }

    public void rename(String newListener) {
        listener = newListener;
        thread.rename(newListener);
    }

    /** Exchanges go over {@code newChannel} from now on; null: none until one is given. */
    public void use(RtcpChannel newChannel) {
        channel = newChannel;
        thread.wake();
    }

    /** Asks for an exchange now, out of turn. */
    public void askNow() {
        urgent = true;
        thread.wake();
    }

    public void stop() {
        thread.stop();
    }

    private void run() {
        long askedAbout = -1;
        int exchanges = 0;
        int unanswered = 0;
        while (thread.running()) {
            RtcpChannel current = channel;
            long locked = sync.lockedSsrc();
            if (current == null || locked < 0) {
                LockSupport.park(this);
                continue;
            }
            if (locked != askedAbout) {
                askedAbout = locked;
                exchanges = 0;
                unanswered = 0;
            }
            urgent = false;
            unanswered = sync.answers() > answersWhenAsked ? 0 : unanswered + 1;
            ask(current, locked);
            exchanges++;
            long wait = unanswered >= UNANSWERED_BEFORE_BACKOFF
                    ? (long) (UNANSWERED_WAIT_NANOS * (0.5 + random.nextDouble()))
                    : waitAfter(exchanges, random.nextDouble());
            long deadline = System.nanoTime() + wait;
            long remaining;
            while (thread.running() && !urgent && channel == current && sync.lockedSsrc() == askedAbout
                    && (remaining = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, remaining);
            }
        }
    }

    /** The wait after the {@code exchanges}-th exchange; {@code random} in [0, 1) spreads it by half either way. */
    static long waitAfter(int exchanges, double random) {
        long doubled = FIRST_WAIT_NANOS << Math.min(Math.max(exchanges - RAPID_EXCHANGES, 0), 16);
        return (long) (Math.min(doubled, STEADY_NANOS) * (0.5 + random));
    }

    private void ask(RtcpChannel current, long senderSsrc) {
        long answers = sync.answers();
        InetSocketAddress sender = answers > answersWhenAsked ? sync.answeredFrom() : null;
        answersWhenAsked = answers;
        try {
            current.sendTimeRequest(new TimeRequest(ownSsrc, senderSsrc,
                    NtpTime.fromEpochNanos(sync.wall().epochNanosAt(System.nanoTime()))), cname.get(), sender);
            failedOn = null;
        } catch (IOException | RuntimeException e) {
            if (failedOn != current) {
                failedOn = current;
                log.warn("listener " + listener + ": asking the sender for its clock failed (" + e.getMessage()
                        + "); playing unsynchronized until it answers");
            }
        }
    }
}
