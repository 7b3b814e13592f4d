package org.liveaudio.source.file;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.source.pcm.JavaSoundFormat;
import org.liveaudio.source.pcm.SampleRing;
import org.osgi.service.log.Logger;

/**
 * The clock thread's side of the file source: takes what the read-ahead thread buffered and pads with
 * silence when the buffer is empty (the stream starting, a slow disk, the list ended), never waiting.
 *
 * <p>{@link #position()} counts only samples that came from the files, so reopening at it resumes the
 * playlist exactly where it was, whatever silence was inserted.
 */
final class FileInput implements AudioInput {
    static final String THREAD_NAME = "liveaudio-source-file";
    private static final int BUFFER_MILLIS = 500;
    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(2);

    private final SampleRing ring;
    private final ReadAhead readAhead;
    private final Thread thread;
    private final int channels;
    private final long startSample;
    private final NowPlaying nowPlaying = new NowPlaying();
    /** Written by the clock thread only; volatile for {@link #title()}, which others call. */
    private volatile long position;

    private FileInput(Path path, boolean loop, AudioFormat format, long startSample, Logger log) {
        this.channels = format.channels();
        this.ring = new SampleRing(Math.max(1, format.sampleRate() * BUFFER_MILLIS / 1000) * channels);
        this.readAhead = new ReadAhead(path, loop, startSample, JavaSoundFormat.of(format), ring, nowPlaying, log);
        this.thread = new Thread(readAhead, THREAD_NAME);
        this.position = startSample;
        this.startSample = startSample;
        thread.setDaemon(true);
    }

    static FileInput start(Path path, boolean loop, AudioFormat format, long startSample, Logger log) {
        FileInput input = new FileInput(path, loop, format, startSample, log);
        input.thread.start();
        return input;
    }

    @Override
    public String description() {
        String ended = readAhead.ended();
        return ended != null && ring.available() == 0 ? ended : readAhead.description();
    }

    /** The tags of the file whose audio the clock thread takes now; empty once the list has ended. */
    @Override
    public String title() {
        return readAhead.ended() != null && ring.available() == 0 ? "" : nowPlaying.at(position - startSample);
    }

    @Override
    public int read(short[] pcm, int samples) {
        int values = samples * channels;
        int taken = ring.take(pcm, values);
        Arrays.fill(pcm, taken, values, (short) 0);
        int fromFile = taken / channels;
        position += fromFile;
        return fromFile;
    }

    @Override
    public long position() {
        return position;
    }

    /** True when everything the files had to give has been read. */
    boolean drained() {
        return readAhead.finished() && ring.available() == 0;
    }

    @Override
    public void close() {
        readAhead.stop();
        LockSupport.unpark(thread);
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
