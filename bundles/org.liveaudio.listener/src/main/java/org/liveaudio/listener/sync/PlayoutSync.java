package org.liveaudio.listener.sync;

import java.net.InetSocketAddress;
import java.util.concurrent.locks.LockSupport;
import org.liveaudio.api.net.NtpTime;
import org.liveaudio.api.net.TimeResponse;
import org.liveaudio.listener.rtcp.WallClock;

/**
 * Keeps this listener in step with every other listener of its stream: the stream's timestamp line (from the
 * sender's reports and time responses), the playout delay the sender announces, and the offset of the sender's
 * clock, estimated from time exchanges. The receive thread says which stream is locked, the RTCP thread brings
 * reports and responses; the playout thread reads the resulting {@link PlayoutPlan} without locking, and the
 * exchange thread is woken when a new stream needs its clock measured.
 */
public final class PlayoutSync {
    /** What {@link #senderEpochNanos} returns without a timeline for the stream. */
    public static final long NO_TIME = Long.MIN_VALUE;
    private volatile WallClock wall;
    private final ClockOffsetFilter offsets = new ClockOffsetFilter();
    private volatile Thread exchange;
    private volatile PlayoutPlan plan;
    private volatile ClockOffset offset = ClockOffset.NONE;
    private volatile long roundTripNanos = -1;
    private volatile InetSocketAddress answeredFrom;
    private volatile long answers;
    private long lockedSsrc = -1;
    private int clockRate;
    private volatile Timeline line;
    private long delayNanos = -1;

    /** @param wall this listener's clock, whose offset to the sender's is measured */
    public PlayoutSync(WallClock wall, int clockRate) {
        this.wall = wall;
        this.clockRate = clockRate;
    }

    /** The thread to wake when a new stream is locked, so that it asks for the sender's clock at once. */
    public void wakeOnNewStream(Thread exchangeThread) {
        exchange = exchangeThread;
    }

    /**
     * The stream {@code ssrc} is the one to play: the receive thread locked onto it, or its sender announced it
     * with a report while the reception would take it, before its first packet. Nothing known of another stream
     * applies to it; what is known of this one already stays.
     *
     * @return whether this is another stream than the one locked before
     */
    public boolean lock(long ssrc) {
        synchronized (this) {
            if (ssrc == lockedSsrc) {
                return false;
            }
            lockedSsrc = ssrc;
            offsets.reset();
            offset = ClockOffset.NONE;
            roundTripNanos = -1;
            delayNanos = -1;
            answeredFrom = null;
            replan();
        }
        Thread waiting = exchange;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
        return true;
    }

    public synchronized long lockedSsrc() {
        return lockedSsrc;
    }

    /**
     * A sender report: a point of the stream's timestamp line. Another sender's is ignored once a stream is
     * locked; before that, it may be the one the listener locks onto next.
     */
    public synchronized void senderReport(long ssrc, long ntpTimestamp, long rtpTimestamp) {
        if (ntpTimestamp == 0 || lockedSsrc >= 0 && ssrc != lockedSsrc) {
            return;
        }
        line = Timeline.of(ssrc, ntpTimestamp, rtpTimestamp, clockRate);
        replan();
    }

    /**
     * The sender answered a time request of this listener: one more offset sample, the latest timestamp line
     * and the playout delay. An answer about a stream no longer locked is ignored.
     *
     * @param from where the sender answered from, and takes the next requests
     * @param receivedNanos {@link System#nanoTime()} when the answer arrived
     */
    public synchronized void timeResponse(TimeResponse response, InetSocketAddress from, long receivedNanos) {
        if (response.ssrc() != lockedSsrc) {
            return;
        }
        answeredFrom = from;
        answers++;
        long t1 = NtpTime.toEpochNanos(response.originateNtp());
        long t2 = NtpTime.toEpochNanos(response.receiveNtp());
        long t3 = NtpTime.toEpochNanos(response.transmitNtp());
        long t4 = wall.epochNanosAt(receivedNanos);
        offsets.add(t1, t2, t3, t4, receivedNanos);
        offset = new ClockOffset(offsets.offsetNanos(receivedNanos), offsets.frequency(), receivedNanos);
        roundTripNanos = offsets.roundTripNanos(receivedNanos);
        line = Timeline.of(response.ssrc(), response.mappingNtp(), response.mappingRtp(), clockRate);
        delayNanos = response.playoutDelayMicros() * 1_000;
        replan();
    }

    /** This listener's clock is now {@code newWall} (the test aid's offset changed): what was measured is void. */
    public synchronized void useClock(WallClock newWall) {
        wall = newWall;
        offsets.reset();
        offset = ClockOffset.NONE;
        roundTripNanos = -1;
        replan();
    }

    /** The stream's timestamps count at a new rate (the listener's format changed). */
    public synchronized void useClockRate(int newClockRate) {
        if (newClockRate == clockRate) {
            return;
        }
        clockRate = newClockRate;
        Timeline known = line;
        line = known == null ? null : known.withClockRate(newClockRate);
        replan();
    }

    /** Playing in step needs the line, the delay and at least one offset sample, all of the locked stream. */
    private void replan() {
        Timeline known = line;
        boolean complete = lockedSsrc >= 0 && known != null && known.ssrc() == lockedSsrc && delayNanos >= 0
                && offsets.hasEstimate();
        plan = complete ? new PlayoutPlan(known, delayNanos, offset, wall) : null;
    }

    /** How to play the locked stream in step, or null while something is missing. */
    public PlayoutPlan plan() {
        return plan;
    }

    /**
     * The sender's time (ns since the epoch) of frame {@code timestamp} of stream {@code ssrc}, or
     * {@link #NO_TIME} while that stream's timeline is unknown.
     */
    public long senderEpochNanos(long ssrc, long timestamp) {
        Timeline known = line;
        return known == null || known.ssrc() != ssrc ? NO_TIME : known.epochNanos(timestamp);
    }

    /** The instant {@code nanoTime} on the sender's clock, as far as this listener knows it, in ns since the epoch. */
    public long senderEpochNanosAt(long nanoTime) {
        return wall.epochNanosAt(nanoTime) + offset.at(nanoTime);
    }

    /** Where the locked stream's sender answered from, or null before it did. */
    public InetSocketAddress answeredFrom() {
        return answeredFrom;
    }

    /** Answers taken so far, of any stream. */
    public long answers() {
        return answers;
    }

    /** This listener's clock as the time exchange uses it. */
    public WallClock wall() {
        return wall;
    }

    /** The sender's clock minus this listener's, as estimated at the last exchange; 0 before any. */
    public long offsetNanos() {
        return offset.nanos();
    }

    /** The round trip of the exchange the offset relies on; -1 before any. */
    public long roundTripNanos() {
        return roundTripNanos;
    }
}
