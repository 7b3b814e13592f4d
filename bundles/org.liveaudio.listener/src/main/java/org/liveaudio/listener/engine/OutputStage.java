package org.liveaudio.listener.engine;

import java.io.IOException;
import java.util.Arrays;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioDecoder;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.listener.buffer.Frame;
import org.osgi.service.log.Logger;

/**
 * Decodes frames and writes them to the sink, on the playout thread. The codec and the sink come and go
 * with their bundles: the listener swaps them here under a lock that the playout thread holds for one
 * frame, so a swap waits at most one write. Without a sink frames are dropped; without a decoder they are
 * played as silence, so time goes on in the recording.
 */
public final class OutputStage {
    /** What {@link #play} returns for a frame that did not reach the sink as itself. */
    public static final long NOT_HANDED = Long.MIN_VALUE;

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

    // Written by the playout thread only, read by any.
    private volatile long framesPlayed;
    private volatile long fillerFrames;
    private volatile long undecodable;

    public OutputStage(String listener, AudioFormat format, Logger log) {
        this.listener = listener;
        this.format = format;
        this.log = log;
    }

    public void rename(String newListener) {
        listener = newListener;
    }

    /** Decoders come from this codec from now on; {@code null} while none is registered. */
    public void useCodec(AudioCodec newCodec, AudioFormat newFormat) {
        synchronized (lock) {
            if (newCodec == codec && newFormat.equals(format)) {
                return;
            }
            codec = newCodec;
            format = newFormat;
            decoder = null;
            decoderSamples = 0;
            refusalLogged = false;
        }
    }

    /** Frames go to this output from the next period on. */
    public void attach(AudioOutput newOutput) {
        synchronized (lock) {
            output = newOutput;
            failed = false;
        }
    }

    /** Stops writing and hands back the output for the caller to close, outside the lock. */
    public AudioOutput detach() {
        synchronized (lock) {
            AudioOutput previous = output;
            output = null;
            return previous;
        }
    }

    /** The output's own description, or null when none is attached. */
    public String description() {
        synchronized (lock) {
            return output == null ? null : output.description();
        }
    }

    /**
     * Decodes a received frame and writes it to the sink.
     *
     * @return {@link System#nanoTime()} just before the decoded frame went to the sink, or {@link #NOT_HANDED}
     *         when it did not: no sink, a failed write, or filler played in its place
     */
    public long play(Frame frame) {
        synchronized (lock) {
            if (!writable()) {
                return NOT_HANDED;
            }
            int samples = frame.samples();
            preparePcm(samples);
            AudioDecoder current = decoderFor(samples);
            boolean decoded = false;
            if (current == null) {
                fillerFrames++;
                silence(samples);
            } else if (current.decode(frame.payload(), 0, frame.length(), pcm) < 0) {
                undecodable++;
                fillerFrames++;
                current.conceal(pcm, samples);
            } else {
                decoded = true;
            }
            long handed = System.nanoTime();
            return write(samples) && decoded ? handed : NOT_HANDED;
        }
    }

    public void conceal(Frame frame) {
        synchronized (lock) {
            if (!writable()) {
                return;
            }
            int samples = frame.samples();
            preparePcm(samples);
            AudioDecoder current = decoderFor(samples);
            if (current == null) {
                silence(samples);
            } else {
                current.conceal(pcm, samples);
            }
            write(samples);
        }
    }

    public void silence(Frame frame) {
        synchronized (lock) {
            if (!writable()) {
                return;
            }
            preparePcm(frame.samples());
            silence(frame.samples());
            write(frame.samples());
        }
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
            output.write(pcm, samples);
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

    /** Payloads the decoder refused. */
    public long undecodable() {
        return undecodable;
    }
}
