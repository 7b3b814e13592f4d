package org.liveaudio.source.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import org.liveaudio.source.decode.DecodedFile;
import org.liveaudio.source.pcm.SampleRing;
import org.osgi.service.log.Logger;

/**
 * The file source's disk side, on its own thread: walks the playlist, converts each file to the stream
 * format and keeps the ring full, so that the sender's clock thread never waits for the disk.
 *
 * <p>A file that cannot be played is reported once and skipped. When a whole pass over the list plays
 * nothing the source gives up and says why in its description; the input then plays silence.
 */
final class ReadAhead implements Runnable {
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int CHUNK_MILLIS = 20;

    private final Path path;
    private final boolean loop;
    private final long startSample;
    private final AudioFormat format;
    private final SampleRing ring;
    private final Logger log;
    private final int channels;
    private final int bytesPerSample;
    private final byte[] chunk;
    private final NowPlaying nowPlaying;
    /** Samples put in the ring; read-ahead thread only. */
    private long written;

    private volatile boolean stopped;
    private volatile boolean finished;
    private volatile String description;
    private volatile String ended;

    ReadAhead(Path path, boolean loop, long startSample, AudioFormat format, SampleRing ring, NowPlaying nowPlaying,
            Logger log) {
        this.path = path;
        this.nowPlaying = nowPlaying;
        this.loop = loop;
        this.startSample = startSample;
        this.format = format;
        this.ring = ring;
        this.log = log;
        this.channels = format.getChannels();
        this.bytesPerSample = format.getFrameSize();
        int chunkSamples = Math.min(Math.max(1, (int) format.getSampleRate() * CHUNK_MILLIS / 1000),
                ring.capacity() / channels);
        this.chunk = new byte[chunkSamples * bytesPerSample];
        this.description = (path == null ? "file" : "file " + path) + ": opening";
    }

    /** The file being read, which is up to the ring's length ahead of what plays; or why nothing plays. */
    String description() {
        return description;
    }

    /** What to say once the ring has run dry after the list ended without loop; {@code null} before. */
    String ended() {
        return ended;
    }

    /** True once the thread has nothing more to put in the ring (list ended, nothing playable, stopped). */
    boolean finished() {
        return finished;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        try {
            play(Playlist.of(path));
        } finally {
            finished = true;
        }
    }

    private void play(Playlist list) {
        list.refused().forEach(refused -> log.warn("{}; skipped", refused));
        if (list.size() == 0) {
            giveUp(list.label() + ": " + list.problem());
            return;
        }
        boolean[] warned = new boolean[list.size()];
        String lastProblem = null;
        long toSkip = startSample;
        while (!stopped) {
            long passSamples = 0;
            for (int i = 0; i < list.size() && !stopped; i++) {
                Path file = list.file(i);
                try (DecodedFile opened = StreamFormatConversion.open(file, format)) {
                    AudioInputStream in = opened.pcm();
                    description = list.playing(i);
                    long skipped = skip(in, toSkip);
                    toSkip -= skipped;
                    nowPlaying.starts(written, opened.title());
                    passSamples += skipped + pump(in);
                } catch (UnplayableFileException | IOException e) {
                    lastProblem = "file " + file + ": " + reason(e);
                    // a lone file is reported once, by giveUp below
                    if (!warned[i] && !list.isSingleFile()) {
                        warned[i] = true;
                        log.warn("{}; skipped", lastProblem);
                    }
                }
            }
            if (stopped) {
                return;
            }
            if (passSamples == 0) {
                giveUp(lastProblem == null ? list.label() + ": holds no audio"
                        : list.isSingleFile() ? lastProblem
                        : list.label() + ": nothing playable (" + lastProblem + ")");
                return;
            }
            if (!loop) {
                ended = list.shortLabel() + ": ended";
                return;
            }
            // a start position beyond the list's length wraps instead of decoding the list again and again
            toSkip %= passSamples;
        }
    }

    private void giveUp(String problem) {
        description = problem;
        log.warn("{}; playing silence", problem);
    }

    private static String reason(Exception e) {
        if (e instanceof UnplayableFileException) {
            return e.getMessage();
        }
        return "unreadable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** @return the samples skipped, fewer than asked when the file ends first */
    private long skip(AudioInputStream in, long samples) throws IOException {
        long remaining = samples * bytesPerSample;
        while (remaining > 0 && !stopped) {
            long skipped = in.skip(remaining);
            if (skipped <= 0) {
                skipped = in.read(chunk, 0, (int) Math.min(chunk.length, remaining));
                if (skipped < 0) {
                    break;
                }
            }
            remaining -= skipped;
        }
        return samples - remaining / bytesPerSample;
    }

    /** Copies the rest of the file into the ring as space frees up; @return the samples copied */
    private long pump(AudioInputStream in) throws IOException {
        long pumped = 0;
        while (!stopped) {
            if (ring.free() < chunk.length / Short.BYTES) {
                LockSupport.parkNanos(this, IDLE_NANOS);
                continue;
            }
            int read = in.read(chunk, 0, chunk.length);
            if (read < 0) {
                break;
            }
            int samples = read / bytesPerSample;
            ring.putLittleEndian(chunk, 0, samples * channels);
            pumped += samples;
            written += samples;
        }
        return pumped;
    }
}
