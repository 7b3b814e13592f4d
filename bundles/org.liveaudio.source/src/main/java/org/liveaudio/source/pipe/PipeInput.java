package org.liveaudio.source.pipe;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.api.audio.PipeSettings;
import org.liveaudio.source.pcm.JavaSoundFormat;
import org.liveaudio.source.pcm.LiveFeed;
import org.osgi.service.log.Logger;

/**
 * The clock thread's side of the pipe source: takes what the reader thread put in the ring and pads with
 * silence, never waiting, so a writer that is slow, silent or gone costs the stream nothing but silence.
 */
final class PipeInput implements AudioInput {
    static final String THREAD_NAME = "liveaudio-source-pipe";
    /** Long enough to ride out a writer's scheduling hiccups, short enough not to add much latency. */
    private static final int BUFFER_MILLIS = 250;
    private static final long CLOSE_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long JOIN_MILLIS = 50;

    private final PipeEnd end;
    private final PipeReader reader;
    private final LiveFeed feed;
    private final Thread thread;

    private PipeInput(PipeEnd end, AudioFormat pipeFormat, AudioFormat format, long startSample, Logger log) {
        this.end = end;
        this.feed = new LiveFeed(format, BUFFER_MILLIS, startSample);
        this.reader = new PipeReader(end, JavaSoundFormat.of(pipeFormat), JavaSoundFormat.of(format), feed.ring(),
                log);
        this.thread = new Thread(reader, THREAD_NAME);
        thread.setDaemon(true);
    }

    static PipeInput start(PipeSettings settings, AudioFormat format, long startSample, Logger log) {
        PipeEnd end = settings.fifo() != null ? new FifoEnd(settings.fifo()) : new CommandEnd(settings.command());
        PipeInput input = new PipeInput(end, settings.format(), format, startSample, log);
        input.thread.start();
        return input;
    }

    @Override
    public String description() {
        return reader.delivering() ? end.describe() : end.describe() + ": waiting for a writer";
    }

    @Override
    public int read(short[] pcm, int samples) {
        return feed.read(pcm, samples);
    }

    @Override
    public long position() {
        return feed.position();
    }

    /** Stops the reader; repeats the wake-up until it has ended, since it may be just about to block again. */
    @Override
    public void close() {
        reader.stop();
        long deadline = System.nanoTime() + CLOSE_NANOS;
        try {
            while (thread.isAlive() && System.nanoTime() < deadline) {
                LockSupport.unpark(thread);
                end.close();
                thread.join(JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
