package org.liveaudio.listener.engine;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.net.RepairReport;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.net.RtpPacket;
import org.liveaudio.api.net.RtpPacketHandler;
import org.liveaudio.listener.buffer.Frame;
import org.liveaudio.listener.buffer.InterarrivalJitter;
import org.liveaudio.listener.buffer.JitterBuffer;
import org.liveaudio.listener.buffer.PlayoutStep;
import org.liveaudio.listener.buffer.StreamCounters;
import org.liveaudio.listener.buffer.TimestampFit;
import org.liveaudio.listener.latency.LatencyMeter;
import org.liveaudio.listener.rtcp.ReportedStream;
import org.liveaudio.listener.rtcp.SenderTiming;
import org.liveaudio.listener.rtcp.SequenceStatistics;

/**
 * Where the receive thread and the playout thread meet. The receive thread validates each packet and files
 * its payload in the jitter buffer; the playout thread takes one frame per period. One lock guards both,
 * held only to check, count and copy. The stream state lives here, so it survives any transport, codec or
 * sink being replaced. The RTCP side reads it for receiver reports and releases the stream when its sender
 * says BYE.
 *
 * <p>It knows no payload format: the codec in use measures each payload and gives the RTP clock rate, on which
 * the jitter, the buffer and the timeline run. While no codec is registered (its bundle is being replaced) a
 * frame is taken to be as long as the last.
 */
public final class Reception implements RtpPacketHandler, ReportedStream {
    /** Slots are preallocated for frames of this length; longer frames grow their slot once. */
    private static final int PREALLOCATED_FRAME_MILLIS = 5;
    private static final long NOT_UNDECODABLE = Long.MIN_VALUE;
    private static final int NO_PAYLOAD_TYPE = -1;

    private final Object lock = new Object();
    private final StreamCounters counters = new StreamCounters();
    private final PacketGate gate;
    private final SequenceStatistics sequences = new SequenceStatistics();
    private final LatencyMeter latency;
    private final TimestampFit fit = new TimestampFit();
    private InterarrivalJitter jitter;
    private JitterBuffer buffer;
    private AudioFormat format;
    private int clockRate;
    private int bufferMillis;
    /** Measures the payloads; null while no codec is registered. */
    private AudioCodec codec;
    private boolean undecodableNoticed;
    private volatile UndecodablePayloads onUndecodable;
    /** The foreign payload type last told of. */
    private int noticedPayloadType = NO_PAYLOAD_TYPE;
    private volatile ForeignPayloadTypes onForeignPayloadType;
    private volatile Thread playout;
    private volatile LongConsumer onNewStream;
    private volatile long lockedSsrc = PacketGate.NO_SOURCE;
    private volatile long lockedAtNanos;
    /** The packets rebuilt from FEC before the locked stream began, which its repair report leaves out. */
    private long recoveredAtLock;
    /** Whether playout goes by the sender's clock, which makes a prebuffer needless. */
    private boolean synchronizedPlayout;

    public Reception(int payloadType, AudioFormat format, int bufferMillis, LatencyMeter latency) {
        this.gate = new PacketGate(payloadType);
        this.latency = latency;
        this.format = format;
        this.clockRate = format.sampleRate();
        this.bufferMillis = bufferMillis;
        this.jitter = new InterarrivalJitter(clockRate);
        this.buffer = newBuffer();
    }

    /** Told on the receive thread of packets of a payload type this listener does not take, once per type. */
    @FunctionalInterface
    public interface ForeignPayloadTypes {
        void first(long ssrc, int payloadType, int expectedPayloadType);
    }

    /** Told once per stream, on the receive thread, of the first payload the codec cannot read. */
    @FunctionalInterface
    public interface UndecodablePayloads {
        /**
         * @param timestampStep how far its timestamp moved from the packet before, or -1 when unknown: what another
         *     codec's reading of it would have to match
         */
        void first(long ssrc, byte[] payload, int offset, int length, long timestampStep);
    }

    private JitterBuffer newBuffer() {
        int slotBytes = clockRate * PREALLOCATED_FRAME_MILLIS / 1000 * format.bytesPerSample();
        JitterBuffer fresh = new JitterBuffer(JitterBuffer.capacityFor(bufferMillis), bufferMillis, clockRate,
                slotBytes, counters);
        if (synchronizedPlayout) {
            fresh.prebufferMillis(0);
        }
        return fresh;
    }

    /**
     * Takes a new configuration. A new format or depth rebuilds the buffer, dropping what it holds; the
     * locked stream and the counters stay.
     */
    public void reconfigure(int payloadType, AudioFormat newFormat, int newBufferMillis) {
        synchronized (lock) {
            gate.expect(payloadType);
            noticedPayloadType = NO_PAYLOAD_TYPE;
            if (newFormat.equals(format) && newBufferMillis == bufferMillis) {
                return;
            }
            format = newFormat;
            bufferMillis = newBufferMillis;
            rebuild(codec == null ? newFormat.sampleRate() : codec.clockRate(newFormat));
        }
    }

    /**
     * Payloads are measured by this codec from now on, and its clock rate times the stream; {@code null} while none
     * is registered. A new clock rate rebuilds the buffer.
     */
    public void useCodec(AudioCodec newCodec) {
        synchronized (lock) {
            codec = newCodec;
            if (newCodec != null && newCodec.clockRate(format) != clockRate) {
                rebuild(newCodec.clockRate(format));
            }
        }
    }

    /** Shows the frames the buffer holds, under the reception's lock; see {@link JitterBuffer#forEachHeld}. */
    public void forEachHeld(JitterBuffer.HeldFrame visitor) {
        synchronized (lock) {
            buffer.forEachHeld(visitor);
        }
    }

    private void rebuild(int newClockRate) {
        if (newClockRate != clockRate) {
            clockRate = newClockRate;
            jitter = new InterarrivalJitter(newClockRate);
        }
        buffer = newBuffer();
    }

    /** Where packets of a payload type this listener does not take are told. */
    public void onForeignPayloadType(ForeignPayloadTypes listener) {
        onForeignPayloadType = listener;
    }

    /** Where the first undecodable payload of each stream is told. */
    public void onUndecodable(UndecodablePayloads listener) {
        onUndecodable = listener;
    }

    /** The thread to wake as soon as a prebuffer completes. */
    public void wakeOnPrebuffered(Thread playoutThread) {
        playout = playoutThread;
    }

    @Override
    public void onPacket(RtpPacket packet) {
        boolean prebuffered;
        long newStream = PacketGate.NO_SOURCE;
        long undecodableStep = NOT_UNDECODABLE;
        synchronized (lock) {
            PacketGate.Verdict verdict = gate.check(packet.payloadType(), packet.ssrc(), packet.receivedNanos());
            if (verdict == PacketGate.Verdict.WRONG_PAYLOAD_TYPE) {
                noticeForeignType(packet.ssrc(), packet.payloadType());
                return;
            }
            if (verdict == PacketGate.Verdict.REJECT) {
                return;
            }
            if (verdict == PacketGate.Verdict.NEW_SOURCE) {
                buffer.restart();
                jitter.reset();
                sequences.restart(packet.sequence(), counters.received());
                recoveredAtLock = counters.fecRecovered();
                latency.relock();
                fit.reset();
                undecodableNoticed = false;
                // In this order: the playout thread reads the SSRC first, and with a new one must see its time.
                lockedAtNanos = packet.receivedNanos();
                lockedSsrc = packet.ssrc();
                newStream = packet.ssrc();
            } else if (!packet.recovered()) {
                sequences.update(packet.sequence(), counters.received());
            }
            if (!packet.recovered()) {
                jitter.update(packet.receivedNanos(), packet.timestamp());
            }
            int samples = measure(packet);
            long step = fit.lastStep(packet.sequence(), packet.timestamp());
            if (!fit.fits(packet.sequence(), packet.timestamp(), packet.marker(), samples) || samples < 0) {
                samples = -1;
                if (!undecodableNoticed) {
                    undecodableNoticed = true;
                    undecodableStep = step;
                }
            }
            if (packet.recovered()) {
                long sent = latency.senderTime(packet.ssrc(), packet.timestamp());
                prebuffered = buffer.insertRebuilt(packet.sequence(), packet.timestamp(), samples, packet.buffer(),
                        packet.payloadOffset(), packet.payloadLength(), packet.receivedNanos(), sent);
            } else {
                long sent = latency.received(packet.ssrc(), packet.timestamp(), packet.receivedNanos());
                prebuffered = buffer.insert(packet.sequence(), packet.timestamp(), samples, packet.buffer(),
                        packet.payloadOffset(), packet.payloadLength(), packet.receivedNanos(), sent);
            }
        }
        if (undecodableStep != NOT_UNDECODABLE) {
            UndecodablePayloads told = onUndecodable;
            if (told != null) {
                told.first(packet.ssrc(), packet.buffer(), packet.payloadOffset(), packet.payloadLength(),
                        undecodableStep);
            }
        }
        if (newStream != PacketGate.NO_SOURCE) {
            LongConsumer listener = onNewStream;
            if (listener != null) {
                listener.accept(newStream);
            }
        }
        Thread waiting = playout;
        if (prebuffered && waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    /**
     * Tells of packets of another payload type than the configured one, once per type until the configuration
     * changes: a sender set to another codec or payload type, whose packets are counted malformed and never play.
     * Under the lock, as the receive thread is the only caller, so a telling is never lost to a race.
     */
    private void noticeForeignType(long ssrc, int payloadType) {
        if (payloadType == noticedPayloadType) {
            return;
        }
        noticedPayloadType = payloadType;
        ForeignPayloadTypes told = onForeignPayloadType;
        if (told != null) {
            told.first(ssrc, payloadType, gate.payloadType());
        }
    }

    /** The samples the codec reads in the payload, or {@link JitterBuffer#AS_BEFORE} while there is no codec. */
    private int measure(RtpPacket packet) {
        return codec == null ? JitterBuffer.AS_BEFORE
                : codec.samplesIn(format, packet.buffer(), packet.payloadOffset(), packet.payloadLength());
    }

    /** The prebuffer of playout by this machine's clock. */
    public int bufferMillis() {
        synchronized (lock) {
            return bufferMillis;
        }
    }

    /** Called with the SSRC, on the receive thread, whenever the listener locks onto a stream. */
    public void onNewStream(LongConsumer listener) {
        onNewStream = listener;
    }

    /**
     * Playout goes by the sender's clock (true) or by its own, after a prebuffer of the configured depth (false),
     * from the newest frames that depth holds. Called by the playout thread when that changes.
     */
    public void synchronizedPlayout(boolean synchronize) {
        synchronized (lock) {
            if (synchronize != synchronizedPlayout) {
                synchronizedPlayout = synchronize;
                buffer.prebufferMillis(synchronize ? 0 : bufferMillis);
            }
            if (!synchronize) {
                // Frames piled up while playout waited for the sender's clock: its own clock starts from the newest.
                buffer.trimToPrebuffer();
            }
        }
    }

    /** The RTP timestamp of the frame due next, or {@link JitterBuffer#MISSING} or {@link JitterBuffer#NOT_PLAYING}. */
    public long headTimestamp() {
        synchronized (lock) {
            return buffer.headTimestamp();
        }
    }

    /** Whether the frame due next has arrived. */
    public boolean headArrived() {
        synchronized (lock) {
            return buffer.headArrived();
        }
    }

    /** Passes over the frame due next, whose time has gone by (see {@link JitterBuffer#dropDue}). */
    public void dropDue() {
        synchronized (lock) {
            buffer.dropDue();
        }
    }

    /** {@link System#nanoTime()} when the listener locked onto its stream. */
    public long lockedAtNanos() {
        return lockedAtNanos;
    }

    /**
     * Called by the playout thread once per period. Playing by this machine's clock, the buffer is kept within a
     * frame of its prebuffer's depth ({@link JitterBuffer#boundLatency}).
     */
    public PlayoutStep poll(long nowNanos, Frame out) {
        synchronized (lock) {
            if (!synchronizedPlayout) {
                buffer.boundLatency(nowNanos);
            }
            return buffer.poll(nowNanos, out);
        }
    }

    /** The locked SSRC, or -1 before the first packet; readable without the lock. */
    @Override
    public long lockedSsrc() {
        return lockedSsrc;
    }

    @Override
    public ReportBlock nextReportBlock(SenderTiming lastReport, long nowNanos) {
        synchronized (lock) {
            long ssrc = gate.ssrc();
            if (ssrc == PacketGate.NO_SOURCE) {
                return null;
            }
            boolean reported = lastReport != null && lastReport.ssrc() == ssrc;
            return sequences.nextBlock(ssrc, counters.received(), (long) jitter.timestampUnits(),
                    reported ? lastReport.lastSenderReport() : 0,
                    reported ? lastReport.delaySinceReport(nowNanos) : 0);
        }
    }

    @Override
    public RepairReport repairReport() {
        synchronized (lock) {
            long ssrc = gate.ssrc();
            if (ssrc == PacketGate.NO_SOURCE) {
                return null;
            }
            return sequences.repairs(ssrc, counters.received(), counters.fecRecovered() - recoveredAtLock);
        }
    }

    @Override
    public boolean wouldLock(long ssrc, long nowNanos) {
        synchronized (lock) {
            return gate.wouldTake(ssrc, nowNanos);
        }
    }

    @Override
    public boolean senderLeft(long ssrc, long nowNanos) {
        synchronized (lock) {
            return gate.release(ssrc, nowNanos);
        }
    }

    ReceptionStats stats() {
        synchronized (lock) {
            return new ReceptionStats(gate.ssrc(), counters.received(), counters.lost(), counters.late(),
                    counters.duplicates(), counters.reordered(), gate.malformed(), counters.undecodable(),
                    jitter.millis(), buffer.bufferedFrames(), counters.underruns(), counters.concealed(),
                    counters.passedOver(), counters.fecRecovered());
        }
    }
}
