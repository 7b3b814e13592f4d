package org.liveaudio.source.pipe;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.liveaudio.source.pcm.FormatConversion;
import org.liveaudio.source.pcm.SampleRing;
import org.liveaudio.source.pcm.UnsupportedConversionException;
import org.osgi.service.log.Logger;

/**
 * The pipe source's reading side, on its own thread: waits for a writer, converts what it writes to the stream
 * format and puts it in the ring; when the writer goes, waits for the next. The log gets one line when a writer
 * starts delivering and one when it goes, and one per new problem (no fifo, a command that will not run).
 *
 * <p>When the ring is full this thread stops reading, so the pipe fills and the writer waits: a player that
 * writes as fast as it can (librespot's pipe backend) is paced by the sender's clock, as Snapcast paces it,
 * instead of racing through its songs; a writer that keeps its own time loses nothing.
 */
final class PipeReader implements Runnable {
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final int CHUNK_MILLIS = 10;

    private final PipeEnd end;
    private final AudioFormat pipeFormat;
    private final AudioFormat streamFormat;
    private final SampleRing ring;
    private final Logger log;
    private final byte[] chunk;
    private volatile boolean stopped;
    private volatile boolean delivering;
    private String lastProblem;

    PipeReader(PipeEnd end, AudioFormat pipeFormat, AudioFormat streamFormat, SampleRing ring, Logger log) {
        this.end = end;
        this.pipeFormat = pipeFormat;
        this.streamFormat = streamFormat;
        this.ring = ring;
        this.log = log;
        int chunkSamples = Math.min((int) streamFormat.getSampleRate() * CHUNK_MILLIS / 1000,
                ring.capacity() / streamFormat.getChannels());
        this.chunk = new byte[chunkSamples * streamFormat.getFrameSize()];
    }

    /** True while a writer delivers. */
    boolean delivering() {
        return delivering;
    }

    void stop() {
        stopped = true;
        end.close();
    }

    @Override
    public void run() {
        while (!stopped) {
            InputStream in;
            try {
                in = end.connect();
            } catch (IOException e) {
                problem(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                pause(end.retryNanos() > 0 ? end.retryNanos() : TimeUnit.SECONDS.toNanos(1));
                continue;
            }
            try (AudioInputStream pcm = FormatConversion.convert(
                    new AudioInputStream(in, pipeFormat, AudioSystem.NOT_SPECIFIED), streamFormat)) {
                pump(pcm);
            } catch (IOException e) {
                // the writer went mid-read, or close() closed the pipe under us: either way, this connection ended
            } catch (UnsupportedConversionException e) {
                log.warn("{}: {}; playing silence", end.describe(), e.getMessage());
                return;
            }
            boolean delivered = delivering;
            delivering = false;
            if (stopped) {
                return;
            }
            if (delivered) {
                log.info("{}: the writer has gone ({}); playing silence until it is back", end.describe(),
                        end.ended());
            } else {
                problem(end.ended() + " without writing anything");
            }
            pause(end.retryNanos());
        }
    }

    /** Copies into the ring until the writer goes; the first bytes mark it as {@link #delivering}. */
    private void pump(AudioInputStream pcm) throws IOException {
        while (!stopped) {
            if (ring.free() < chunk.length / Short.BYTES) {
                LockSupport.parkNanos(this, IDLE_NANOS);
                continue;
            }
            int read = pcm.read(chunk, 0, chunk.length);
            if (read < 0) {
                break;
            }
            if (read > 0 && !delivering) {
                delivering = true;
                lastProblem = null;
                log.info("{}: a writer is here; playing", end.describe());
            }
            ring.putLittleEndian(chunk, 0, read / Short.BYTES);
        }
    }

    /** Logs a problem once, however often it repeats, until a writer delivers or another problem comes. */
    private void problem(String problem) {
        if (!problem.equals(lastProblem)) {
            lastProblem = problem;
            log.warn("{}: {}; playing silence, trying again", end.describe(), problem);
        }
    }

    private void pause(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0 && !stopped; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
    }
}
