package org.liveaudio.source.linein;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.TargetDataLine;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.source.pcm.LiveFeed;
import org.liveaudio.source.pcm.SampleRing;
import org.osgi.service.log.Logger;

/**
 * Live capture: a named thread blocks on the capture line and fills the ring, the clock thread takes from
 * it and pads with silence. When the clock thread does not keep up (the stream is paused) the newest audio
 * is dropped, so what plays after a pause is at most the ring's length old.
 */
final class LineInInput implements AudioInput {
    static final String THREAD_NAME = "liveaudio-source-line-in";
    private static final int BUFFER_MILLIS = 500;
    private static final int CHUNK_MILLIS = 10;
    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(2);
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final TargetDataLine line;
    private final Logger log;
    private final LiveFeed feed;
    private final SampleRing ring;
    private final byte[] chunk;
    private final Thread thread;
    private volatile boolean stopped;

    private LineInInput(TargetDataLine line, AudioFormat format, long startSample, Logger log) {
        this.line = line;
        this.log = log;
        this.feed = new LiveFeed(format, BUFFER_MILLIS, startSample);
        this.ring = feed.ring();
        this.chunk = new byte[format.sampleRate() * CHUNK_MILLIS / 1000 * format.bytesPerSample()];
        this.thread = new Thread(this::capture, THREAD_NAME);
        thread.setDaemon(true);
    }

    /** Starts capturing from an open line. */
    static LineInInput start(TargetDataLine line, AudioFormat format, long startSample, Logger log) {
        LineInInput input = new LineInInput(line, format, startSample, log);
        line.start();
        input.thread.start();
        return input;
    }

    private void capture() {
        while (!stopped) {
            int read = line.read(chunk, 0, chunk.length);
            if (read <= 0) {
                if (!line.isOpen()) {
                    if (!stopped) {
                        log.warn("line-in: the capture line closed; playing silence");
                    }
                    return;
                }
                LockSupport.parkNanos(this, IDLE_NANOS);
                continue;
            }
            int values = read / Short.BYTES;
            if (values <= ring.free()) {
                ring.putLittleEndian(chunk, 0, values);
            }
        }
    }

    @Override
    public String description() {
        return "line-in";
    }

    @Override
    public int read(short[] pcm, int samples) {
        return feed.read(pcm, samples);
    }

    @Override
    public long position() {
        return feed.position();
    }

    @Override
    public void close() {
        stopped = true;
        line.stop();
        line.close();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
