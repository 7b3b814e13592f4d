package org.liveaudio.listener.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioDecoder;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.listener.buffer.Frame;
import org.liveaudio.listener.buffer.PlayoutStep;
import org.liveaudio.listener.drift.DriftCompensation;
import org.osgi.service.log.Logger;

/**
 * Decodes frames and writes them to the sink, on the playout thread. The codec and the sink come and go
 * with their bundles: the listener swaps them here under a lock that the playout thread holds for one
 * frame, so a swap waits at most one write. Without a sink frames are dropped; without a decoder they are
 * played as silence, so time goes on in the recording. A sink that plays on its own clock (it reports its
 * queue) gets every frame resampled to that clock; any other sink gets the decoded samples as they are.
 */
public final class OutputStage {
    /** What {@link #play} returns for a frame that did not reach the sink as itself. */
    public static final long NOT_HANDED = Long.MIN_VALUE;
    private static final int NOTHING_PREPARED = -1;

    private final Object lock = new Object();
    private final Logger log;
    private volatile String listener;

    private AudioOutput output;
    private boolean failed;
    private AudioCodec codec;
    private AudioFormat format;
    private AudioDecoder decoder;
    private int decoderSamples;
    private boolean refusalLogged;
    private short[] pcm = new short[0];
    private int preparedSamples = NOTHING_PREPARED;
    private boolean preparedDecoded;
    /** Frames decoded while the departing codec could, by extended sequence number; played while none is bound. */
    private final Map<Long, short[]> decodedAhead = new HashMap<>();
    /** Null while the sink needs no drift compensation. */
    private DriftCompensation drift;
    /** The attached sink's say, read by the playout thread outside the lock between prepare and hand-over. */
    private volatile boolean instantMatters;

    // Written by the playout thread only, read by any.
    private volatile long framesPlayed;
    private volatile long fillerFrames;
    private volatile long undecodable;
    private volatile long recovered;
    private volatile double sinkDriftPpm = Double.NaN;

    public OutputStage(String listener, AudioFormat format, Logger log) {
        this.listener = listener;
        this.format = format;
        this.log = log;
    }

    public void rename(String newListener) {
        listener = newListener;
    }

    /**
     * The codec in use is going (its bundle replaced) and still works while it is unregistered: decodes the frames
     * the reception holds now, so that they play as themselves, not as silence, while no codec is registered. The
     * copies are made outside the stage's lock and decoded under it; a rare event, so they may allocate.
     */
    public void decodeAhead(Reception reception) {
        synchronized (lock) {
            if (codec == null) {
                return; // gone already: every reconcile while none is registered asks again
            }
        }
        List<HeldFrame> held = new ArrayList<>();
        reception.forEachHeld((sequence, payload, length, samples) ->
                held.add(new HeldFrame(sequence, Arrays.copyOf(payload, length), samples)));
        synchronized (lock) {
            for (HeldFrame frame : held) {
                AudioDecoder current = decoderFor(frame.samples());
                if (current == null) {
                    return;
                }
                short[] decoded = new short[frame.samples() * format.channels()];
                if (current.decode(frame.payload(), 0, frame.payload().length, decoded) >= 0) {
                    decodedAhead.put(frame.sequence(), decoded);
                }
            }
        }
    }

    /** A copy of a frame the reception holds. */
    private record HeldFrame(long sequence, byte[] payload, int samples) {
    }

    /** Decoders come from this codec from now on; {@code null} while none is registered. */
    public void useCodec(AudioCodec newCodec, AudioFormat newFormat) {
        synchronized (lock) {
            if (newCodec == codec && newFormat.equals(format)) {
                return;
            }
            if (newCodec != null || !newFormat.equals(format)) {
                // A decoder again decodes what is still held; audio decoded for another format cannot play.
                decodedAhead.clear();
            }
            codec = newCodec;
            if (drift != null && !newFormat.equals(format)) {
                drift = new DriftCompensation(newFormat);
            }
            format = newFormat;
            int lastSamples = decoderSamples;
            decoder = null;
            decoderSamples = 0;
            refusalLogged = false;
            if (newCodec != null && lastSamples > 0) {
                warmUp(lastSamples);
            }
        }
    }

    /**
     * Makes the next decoder now and has it decode one frame, here rather than on the playout thread at a frame's
     * instant: a codec whose bundle was just updated runs code not loaded or compiled yet, and its first decode is
     * slow. Rare, so it may allocate.
     */
    private void warmUp(int samples) {
        AudioDecoder next = decoderFor(samples);
        if (next != null) {
            byte[] zeros = new byte[codec.maxPayloadBytes(format, samples)];
            next.decode(zeros, 0, zeros.length, new short[samples * format.channels()]);
        }
    }

    /** Frames go to this output from the next period on. */
    public void attach(AudioOutput newOutput) {
        synchronized (lock) {
            output = newOutput;
            failed = false;
            // A new sink has a clock and a queue of its own: learn both afresh.
            drift = newOutput.queuedSamples() >= 0 ? new DriftCompensation(format) : null;
            sinkDriftPpm = Double.NaN;
            instantMatters = newOutput.handOverInstantMatters();
        }
    }

    /** The output frames go to, or null. */
    public AudioOutput attached() {
        synchronized (lock) {
            return output;
        }
    }

    /** Stops writing and hands back the output for the caller to close, outside the lock. */
    public AudioOutput detach() {
        synchronized (lock) {
            AudioOutput previous = output;
            output = null;
            drift = null;
            sinkDriftPpm = Double.NaN;
            instantMatters = false;
            return previous;
        }
    }

    /**
     * Whether the attached sink needs each frame at its instant to within microseconds
     * ({@link AudioOutput#handOverInstantMatters}); false while none is attached, for frames are then dropped.
     */
    public boolean handOverInstantMatters() {
        return instantMatters;
    }

    /** Whether frames would go anywhere: an output is attached and has not failed. */
    public boolean ready() {
        synchronized (lock) {
            return writable();
        }
    }

    /** The output's own description, or null when none is attached. */
    public String description() {
        synchronized (lock) {
            return output == null ? null : output.description();
        }
    }

    /**
     * Decodes what this period plays into the stage's buffer, ready for {@link #handOver}: the received frame, the
     * decoder's concealment of a missing one, or silence. Apart from the hand-over, so that a synchronized
     * playout hands the frame over at its instant with nothing left to do but the write.
     */
    public void prepare(PlayoutStep step, Frame frame) {
        synchronized (lock) {
            preparedSamples = NOTHING_PREPARED;
            if (!writable()) {
                return;
            }
            int samples = frame.samples();
            preparePcm(samples);
            AudioDecoder current = decoderFor(samples);
            preparedDecoded = false;
            if (current == null) {
                boolean decodedEarlier = step == PlayoutStep.FRAME && playDecodedAhead(frame.sequence(), samples);
                if (!decodedEarlier) {
                    if (step == PlayoutStep.FRAME) {
                        fillerFrames++;
                    }
                    silence(samples);
                }
            } else if (step == PlayoutStep.FRAME) {
                if (current.decode(frame.payload(), 0, frame.length(), pcm) < 0) {
                    undecodable++;
                    fillerFrames++;
                    current.conceal(pcm, samples);
                } else {
                    preparedDecoded = true;
                }
            } else if (step == PlayoutStep.CONCEALED) {
                conceal(current, frame, samples);
            } else {
                silence(samples);
            }
            preparedSamples = samples;
        }
    }

    /**
     * Writes what {@link #prepare} made ready to the sink.
     *
     * @return {@link System#nanoTime()} just before a decoded received frame went to the sink, or
     *         {@link #NOT_HANDED} when none did: no sink, a failed write, or filler played in its place
     */
    public long handOver() {
        synchronized (lock) {
            int samples = preparedSamples;
            preparedSamples = NOTHING_PREPARED;
            if (samples == NOTHING_PREPARED || !writable()) {
                return NOT_HANDED;
            }
            long handed = System.nanoTime();
            return write(samples) && preparedDecoded ? handed : NOT_HANDED;
        }
    }

    /** Decodes a received frame and writes it to the sink at once; returns as {@link #handOver}. */
    public long play(Frame frame) {
        synchronized (lock) {
            prepare(PlayoutStep.FRAME, frame);
            return handOver();
        }
    }

    /** A lost frame: rebuilt from the next frame's copy of it where the codec carries one, else concealed. */
    private void conceal(AudioDecoder current, Frame frame, int samples) {
        if (frame.nextLength() > 0
                && current.recover(frame.next(), 0, frame.nextLength(), pcm, samples) != AudioDecoder.NOT_RECOVERED) {
            recovered++;
        } else {
            current.conceal(pcm, samples);
        }
    }

    /** Puts the frame decoded ahead for {@code sequence} in the buffer, if there is one. */
    private boolean playDecodedAhead(long sequence, int samples) {
        if (decodedAhead.isEmpty()) {
            return false;
        }
        short[] decoded = decodedAhead.remove(sequence);
        if (decoded == null || decoded.length != samples * format.channels()) {
            return false;
        }
        System.arraycopy(decoded, 0, pcm, 0, decoded.length);
        preparedDecoded = true;
        return true;
    }

    private boolean writable() {
        return output != null && !failed;
    }

    private void preparePcm(int samples) {
        int values = samples * format.channels();
        if (pcm.length < values) {
            pcm = new short[values];
        }
    }

    private void silence(int samples) {
        Arrays.fill(pcm, 0, samples * format.channels(), (short) 0);
    }

    private AudioDecoder decoderFor(int samples) {
        if (codec == null) {
            return null;
        }
        if (decoder == null || decoderSamples != samples) {
            if (!codec.supports(format, samples)) {
                if (!refusalLogged) {
                    refusalLogged = true;
                    log.warn("listener " + listener + ": codec " + codec.name() + " cannot decode " + format
                            + " frames of " + samples + " samples (it supports " + codec.supportedFormats()
                            + "); playing silence");
                }
                return null;
            }
            decoder = codec.newDecoder(format, samples);
            decoderSamples = samples;
        }
        return decoder;
    }

    private boolean write(int samples) {
        try {
            if (drift == null) {
                output.write(pcm, samples);
            } else {
                int resampled = drift.resample(pcm, samples);
                output.write(drift.resampled(), resampled);
                drift.queued(output.queuedSamples(), samples);
                sinkDriftPpm = drift.sinkDriftPpm();
            }
            framesPlayed++;
            return true;
        } catch (IOException e) {
            failed = true;
            log.warn("listener " + listener + ": writing to " + output.description() + " failed (" + e.getMessage()
                    + "); audio is dropped until the sink is replaced or reconfigured");
            return false;
        }
    }

    /** Frames handed to a sink, filler included. */
    public long framesPlayed() {
        return framesPlayed;
    }

    /** Frames played as silence or concealment although they arrived: no decoder, or an undecodable payload. */
    public long fillerFrames() {
        return fillerFrames;
    }

    /** How fast the sink's clock runs against the sender's, in ppm; NaN when the sink needs no compensation. */
    public double sinkDriftPpm() {
        return sinkDriftPpm;
    }

    /** Lost frames rebuilt from the redundancy in the frame after them. */
    public long recovered() {
        return recovered;
    }

    /** Payloads the decoder refused. */
    public long undecodable() {
        return undecodable;
    }
}
