package org.liveaudio.listener.buffer;

import java.util.Arrays;

/**
 * Puts the packets of one RTP stream back in sequence and hands the playout one frame per period.
 *
 * <p>A ring of preallocated slots indexed by extended (never wrapping) sequence number holds what arrived
 * ahead of playout. Playout starts once the target depth is buffered. Each period plays the next expected
 * sequence number: the frame if it is there, concealment if it is missing while later frames are
 * buffered (a loss), silence if nothing at all is buffered (an underrun). When nothing has arrived for the
 * target depth plus {@link #IDLE_MARGIN_NANOS}, the stream is idle (the sender paused or stopped): the
 * playout stops, the dry spell's underruns are taken back, and the next packet prebuffers again. A sender that
 * pauses continues its sequence numbers by one, so a pause is never counted as loss.
 *
 * <p>Not thread-safe: the listener guards it with one lock that the receive thread holds to file a packet
 * and the playout thread holds to take one. Allocates nothing: slots are preallocated, and one grows only
 * when a frame longer than it arrives.
 */
public final class JitterBuffer {
    /** RFC 3550 appendix A.1: a jump further than this is a restarted sequence, not a gap. */
    static final int MAX_DROPOUT = 3000;
    /** How long the buffer may stay dry, beyond its target depth, before the stream counts as idle. */
    static final long IDLE_MARGIN_NANOS = 100_000_000L;
    /** How long the buffer must hold more than the prebuffer's depth, at its shallowest, before that is trimmed. */
    static final long LATENCY_WINDOW_NANOS = 1_000_000_000L;
    /** The shortest frame the ring is sized for; shorter frames still work, with less headroom. */
    private static final int MIN_FRAME_MICROS = 2_500;
    /** What the ring holds beyond the target depth, for jitter bursts and a slow sink. */
    private static final int HEADROOM_MILLIS = 320;
    private static final long NO_SEQUENCE = Long.MIN_VALUE;
    /** What {@link #headTimestamp} returns while the buffer is not playing. */
    public static final long NOT_PLAYING = -2;
    /** What {@link #headTimestamp} returns when neither the frame due next nor any after it has arrived. */
    public static final long MISSING = -1;
    private static final long TIMESTAMP_MASK = 0xFFFF_FFFFL;
    /** What {@link #insert} takes for a frame no codec measured: as long as the last. */
    public static final int AS_BEFORE = 0;

    private enum State { EMPTY, PREBUFFERING, PLAYING, IDLE }

    private final int capacity;
    private final int mask;
    private final byte[][] payloads;
    private final int[] lengths;
    private final int[] samples;
    private final long[] sequences;
    private final long[] senderTimes;
    private final long[] timestamps;
    /** The RTP clock rate, in which frames are measured: a codec decodes to this rate. */
    private final int clockRate;
    private long targetSamples;
    private long idleAfterNanos;
    /** Underruns since the last frame played: taken back if the dry spell turns out to be a pause. */
    private long dryPeriods;
    private final StreamCounters counters;

    private State state = State.EMPTY;
    /** The next sequence to play; while prebuffering, the lowest one buffered. */
    private long head;
    private long highest;
    /** While prebuffering after idle: the sequence that was due when the stream went idle. */
    private long resumeFloor = NO_SEQUENCE;
    private int frameSamples;
    private int buffered;
    private long lastArrivalNanos;
    /** Since when the buffer has played, and its shallowest depth since in samples: {@link #boundLatency}'s window. */
    private long windowStartNanos;
    private long shallowestSamples = Long.MAX_VALUE;
    /** The sender time and timestamp of the packet being filed, so the paths that store it need not pass them. */
    private long arrivalSenderNanos;
    private long arrivalTimestamp;
    /** RFC 3550 A.1 probation: the sequence that would confirm a jump, or -1. */
    private int confirmingSequence = -1;

    /**
     * @param capacity slots in the ring, a power of two (see {@link #capacityFor})
     * @param targetMillis audio to buffer before playing (0 plays from the first frame)
     * @param clockRate the RTP clock rate, in which the frames' samples are counted
     * @param slotBytes payload bytes to preallocate per slot; larger frames grow their slot once
     */
    public JitterBuffer(int capacity, int targetMillis, int clockRate, int slotBytes, StreamCounters counters) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity " + capacity + " is not a power of two");
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.payloads = new byte[capacity][slotBytes];
        this.lengths = new int[capacity];
        this.samples = new int[capacity];
        this.sequences = new long[capacity];
        this.senderTimes = new long[capacity];
        this.timestamps = new long[capacity];
        Arrays.fill(sequences, NO_SEQUENCE);
        this.clockRate = clockRate;
        prebufferMillis(targetMillis);
        this.counters = counters;
    }

    /**
     * Sets the audio to buffer before playing from the next prebuffer on. A listener that plays in step with the
     * sender's clock sets 0: its deadlines, not the depth, hold frames back.
     */
    public void prebufferMillis(int targetMillis) {
        targetSamples = Math.max(1, (long) targetMillis * clockRate / 1000);
        idleAfterNanos = targetMillis * 1_000_000L + IDLE_MARGIN_NANOS;
    }

    /** Slots for the target depth plus headroom, at the shortest frame length in use. */
    public static int capacityFor(int targetMillis) {
        int frames = (int) Math.ceil((targetMillis + HEADROOM_MILLIS) * 1000.0 / MIN_FRAME_MICROS);
        return Integer.highestOneBit(frames - 1) << 1;
    }

    /**
     * Files one packet's payload, copying it.
     *
     * @param timestamp the packet's RTP timestamp, by which a synchronized playout schedules it
     * @param measured the samples the payload holds, as its codec reads it, or {@link #AS_BEFORE} while no codec
     *     can tell: the frame is then taken to be as long as the last one
     * @param senderNanos the frame's time on the sender's clock, handed back with the frame when it plays
     * @return true when this packet completed the prebuffer, so playout can start now
     */
    public boolean insert(int sequence, long timestamp, int measured, byte[] payload, int offset, int length,
            long arrivalNanos, long senderNanos) {
        int frame = measured == AS_BEFORE ? frameSamples : measured;
        if (frame <= 0) {
            counters.undecodable++;
            return false;
        }
        counters.received++;
        lastArrivalNanos = arrivalNanos;
        arrivalSenderNanos = senderNanos;
        arrivalTimestamp = timestamp;
        if (state == State.EMPTY) {
            return begin(sequence, NO_SEQUENCE, frame, payload, offset, length);
        }
        long extended = extend(sequence);
        if (Math.abs(extended - highest) > MAX_DROPOUT) {
            return jump(sequence, frame, payload, offset, length);
        }
        confirmingSequence = -1;
        return switch (state) {
            case IDLE -> resume(extended, frame, payload, offset, length);
            case PREBUFFERING -> prebuffer(extended, frame, payload, offset, length);
            default -> insertWhilePlaying(extended, frame, payload, offset, length);
        };
    }

    /**
     * Files a packet that was lost on the way and rebuilt from FEC repair packets, as {@link #insert} does: counted
     * as recovered when it is in time to play, never as received or reordered, since it did not arrive.
     */
    public boolean insertRebuilt(int sequence, long timestamp, int measured, byte[] payload, int offset, int length,
            long arrivalNanos, long senderNanos) {
        long received = counters.received;
        long reordered = counters.reordered;
        long refused = counters.late + counters.duplicates + counters.undecodable;
        boolean prebuffered = insert(sequence, timestamp, measured, payload, offset, length, arrivalNanos, senderNanos);
        counters.reordered = reordered;
        if (counters.received > received) {
            counters.received = received;
            if (counters.late + counters.duplicates + counters.undecodable == refused) {
                counters.fecRecovered++;
            }
        }
        return prebuffered;
    }

    /** The 16-bit sequence number placed nearest to the highest one seen, so that wrap-around is seamless. */
    private long extend(int sequence) {
        return highest + (short) (sequence - (int) highest);
    }

    private boolean begin(int sequence, long floor, int frame, byte[] payload, int offset, int length) {
        state = State.PREBUFFERING;
        resumeFloor = floor;
        head = sequence;
        highest = sequence;
        store(sequence, frame, payload, offset, length);
        return prebufferComplete();
    }

    /** A sequence far from the last: taken as a restarted sender once the next packet follows it (RFC 3550 A.1). */
    private boolean jump(int sequence, int frame, byte[] payload, int offset, int length) {
        if (sequence != confirmingSequence) {
            confirmingSequence = (sequence + 1) & 0xFFFF;
            counters.late++;
            return false;
        }
        clear();
        return begin(sequence, NO_SEQUENCE, frame, payload, offset, length);
    }

    private boolean resume(long extended, int frame, byte[] payload, int offset, int length) {
        if (extended < head) {
            counters.late++;
            return false;
        }
        state = State.PREBUFFERING;
        resumeFloor = head;
        head = extended;
        highest = extended;
        store(extended, frame, payload, offset, length);
        return prebufferComplete();
    }

    private boolean prebuffer(long extended, int frame, byte[] payload, int offset, int length) {
        if (extended < head) {
            boolean playedBeforeIdle = resumeFloor != NO_SEQUENCE && extended < resumeFloor;
            if (playedBeforeIdle || highest - extended >= capacity) {
                counters.late++;
                return false;
            }
            counters.reordered++;
            head = extended;
        } else if (extended <= highest) {
            if (holds(extended)) {
                counters.duplicates++;
                return false;
            }
            counters.reordered++;
        } else {
            advanceHighest(extended);
        }
        store(extended, frame, payload, offset, length);
        return prebufferComplete();
    }

    private boolean insertWhilePlaying(long extended, int frame, byte[] payload, int offset, int length) {
        if (extended < head) {
            counters.late++;
            return false;
        }
        if (extended <= highest) {
            if (holds(extended)) {
                counters.duplicates++;
                return false;
            }
            counters.reordered++;
        } else {
            advanceHighest(extended);
        }
        store(extended, frame, payload, offset, length);
        return false;
    }

    private void advanceHighest(long extended) {
        if (extended - head >= capacity) {
            dropBefore(extended - capacity + 1);
        }
        highest = extended;
    }

    /** Overflow: what no longer fits is dropped, oldest first; frames as late, gaps as lost. */
    private void dropBefore(long newHead) {
        if (resumeFloor != NO_SEQUENCE) {
            counters.lost += head - resumeFloor;
            resumeFloor = newHead;
        }
        long end = Math.min(newHead, head + capacity);
        for (long sequence = head; sequence < end; sequence++) {
            if (holds(sequence)) {
                release(index(sequence));
                counters.late++;
            } else {
                counters.lost++;
            }
        }
        counters.lost += newHead - end;
        head = newHead;
    }

    private boolean prebufferComplete() {
        long span = highest - head + 1;
        if (span * frameSamples < targetSamples && span < capacity) {
            return false;
        }
        if (resumeFloor != NO_SEQUENCE) {
            // Sequence numbers that went missing while the stream was idle: lost, but not worth concealing.
            counters.lost += head - resumeFloor;
            resumeFloor = NO_SEQUENCE;
        }
        state = State.PLAYING;
        return true;
    }

    private void store(long extended, int frame, byte[] payload, int offset, int length) {
        int slot = index(extended);
        if (payloads[slot].length < length) {
            payloads[slot] = new byte[length];
        }
        System.arraycopy(payload, offset, payloads[slot], 0, length);
        lengths[slot] = length;
        samples[slot] = frame;
        sequences[slot] = extended;
        senderTimes[slot] = arrivalSenderNanos;
        timestamps[slot] = arrivalTimestamp;
        buffered++;
        if (extended == highest) {
            frameSamples = frame;
        }
    }

    /** Takes what to play in this period into {@code out}. */
    public PlayoutStep poll(long nowNanos, Frame out) {
        if (state != State.PLAYING) {
            return PlayoutStep.WAITING;
        }
        int slot = index(head);
        if (sequences[slot] == head) {
            dryPeriods = 0;
            out.take(payloads[slot], lengths[slot], samples[slot], clockRate, head, senderTimes[slot]);
            release(slot);
            head++;
            return PlayoutStep.FRAME;
        }
        if (highest > head) {
            dryPeriods = 0;
            counters.lost++;
            counters.concealed++;
            out.fill(frameSamples, clockRate, head);
            int next = index(head + 1);
            if (sequences[next] == head + 1) {
                // The frame after the lost one may carry a copy of it (Opus in-band FEC).
                out.lookAhead(payloads[next], lengths[next]);
            }
            head++;
            return PlayoutStep.CONCEALED;
        }
        if (nowNanos - lastArrivalNanos > idleAfterNanos) {
            // Nothing came back: the sender paused or stopped, so the silence just played was no underrun.
            counters.underruns -= dryPeriods;
            dryPeriods = 0;
            state = State.IDLE;
            return PlayoutStep.WAITING;
        }
        // The frame may still come: it stays due, so an underrun delays the stream instead of losing it.
        dryPeriods++;
        counters.underruns++;
        out.fill(frameSamples, clockRate, head);
        return PlayoutStep.UNDERRUN;
    }

    /**
     * The RTP timestamp of the frame due next: its own if it is here; if it is missing, the one it must have had,
     * counted back from the next frame that is here; {@link #MISSING} if none is, or {@link #NOT_PLAYING}.
     */
    public long headTimestamp() {
        if (state != State.PLAYING) {
            return NOT_PLAYING;
        }
        for (long sequence = head; sequence <= highest; sequence++) {
            int slot = index(sequence);
            if (sequences[slot] == sequence) {
                return (timestamps[slot] - (sequence - head) * samples[slot]) & TIMESTAMP_MASK;
            }
        }
        return MISSING;
    }

    /** Whether the frame due next has arrived. */
    public boolean headArrived() {
        return state == State.PLAYING && sequences[index(head)] == head;
    }

    /**
     * Passes over the frame due next, whose time to play has gone by: dropped as late if it is here, counted as
     * lost if a later one is; while nothing later has come, it stays due.
     *
     * <p>A frame whose period was played as filler while nothing after it had come (an underrun) had its slot: if
     * it was lost, that filler was its concealment, and the underrun is taken back. One that had no slot (the
     * playout stalled past its instant) is counted as {@linkplain StreamCounters#passedOver passed over}.
     */
    public void dropDue() {
        if (state != State.PLAYING) {
            return;
        }
        int slot = index(head);
        boolean hadSlot = dryPeriods > 0;
        if (sequences[slot] == head) {
            release(slot);
            counters.late++;
        } else if (highest > head) {
            counters.lost++;
            if (hadSlot) {
                counters.underruns--;
                counters.concealed++;
            } else {
                counters.passedOver++;
            }
        } else {
            return;
        }
        if (hadSlot) {
            dryPeriods--;
        }
        head++;
    }

    /**
     * Passes over the oldest frames (as {@link #dropDue} does) until no more than the prebuffer's depth is left:
     * what piled up while playout waited, which playing from the oldest would leave that much late for as long as
     * the stream plays.
     */
    public void trimToPrebuffer() {
        while (state == State.PLAYING && highest > head && (highest - head + 1) * frameSamples > targetSamples) {
            dropDue();
        }
    }

    /**
     * For playout by this machine's clock, before each poll: once a {@link #LATENCY_WINDOW_NANOS}, if the buffer held
     * more than a frame beyond the prebuffer's depth all that while, it is trimmed to that depth. A burst that came
     * as playout began, or a sender whose clock runs faster than this machine's, would otherwise keep that much
     * latency for as long as the stream plays.
     */
    public void boundLatency(long nowNanos) {
        if (state != State.PLAYING || highest < head) {
            shallowestSamples = Long.MAX_VALUE;
            return;
        }
        if (shallowestSamples == Long.MAX_VALUE) {
            windowStartNanos = nowNanos;
        }
        shallowestSamples = Math.min(shallowestSamples, (highest - head + 1) * frameSamples);
        if (nowNanos - windowStartNanos >= LATENCY_WINDOW_NANOS) {
            if (shallowestSamples > targetSamples + frameSamples) {
                trimToPrebuffer();
            }
            shallowestSamples = Long.MAX_VALUE;
        }
    }

    /** Forgets the sequence and what is buffered, keeping the counters: a new source starts afresh. */
    public void restart() {
        clear();
        state = State.EMPTY;
        resumeFloor = NO_SEQUENCE;
        confirmingSequence = -1;
        dryPeriods = 0;
    }

    private void clear() {
        Arrays.fill(sequences, NO_SEQUENCE);
        buffered = 0;
    }

    private boolean holds(long extended) {
        return sequences[index(extended)] == extended;
    }

    private void release(int slot) {
        sequences[slot] = NO_SEQUENCE;
        buffered--;
    }

    private int index(long extended) {
        return (int) extended & mask;
    }

    /** What {@link #forEachHeld} shows a frame as. */
    public interface HeldFrame {
        void held(long extendedSequence, byte[] payload, int length, int samples);
    }

    /**
     * Shows every frame held, oldest first, its payload valid only during the call: for decoding them ahead while
     * the decoder can still do it (its codec's bundle being replaced).
     */
    public void forEachHeld(HeldFrame visitor) {
        if (buffered == 0) {
            return;
        }
        for (long extended = head; extended <= highest; extended++) {
            if (holds(extended)) {
                int slot = index(extended);
                visitor.held(extended, payloads[slot], lengths[slot], samples[slot]);
            }
        }
    }

    public int bufferedFrames() {
        return buffered;
    }

    /** Samples in the latest frame in sequence, 0 before the first packet. */
    public int frameSamples() {
        return frameSamples;
    }

    public int capacity() {
        return capacity;
    }

    public StreamCounters counters() {
        return counters;
    }
}
