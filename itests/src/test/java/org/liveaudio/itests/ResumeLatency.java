package org.liveaudio.itests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.liveaudio.api.stream.StreamControl;

/**
 * How long audio takes from the sender's capture to a client of a served stream (an Icecast mount), measured
 * where it can be seen from outside: the stream is paused until the client's audio stops, then played, and the
 * time from {@code play()} to the client's first decoded bytes is the latency of that first frame. The client is
 * ffmpeg decoding to a pipe as fast as the audio comes, past the backlog a server sends a new client: the floor a
 * player adds its own buffer to.
 */
final class ResumeLatency {
    private static final Duration BACKLOG_DRAIN = Duration.ofSeconds(3);
    /** Longer than any gap between the client's reads while audio flows. */
    private static final Duration QUIET = Duration.ofMillis(700);
    private static final Duration RESUME_TIMEOUT = Duration.ofSeconds(10);
    private static final int READ_BYTES = 4096;

    private final Object lock = new Object();
    private long lastReadNanos;
    private long bytesRead;

    private ResumeLatency() {
    }

    /** What pauses and plays the stream: the sender itself, or a console's API in another process. */
    interface Gate {
        void pause() throws Exception;

        void play() throws Exception;

        static Gate of(StreamControl sender) {
            return new Gate() {
                @Override
                public void pause() {
                    sender.pause();
                }

                @Override
                public void play() {
                    sender.play();
                }
            };
        }
    }

    /**
     * @return each resume's latency in ms, sorted
     */
    static List<Double> measure(Gate sender, String url, int resumes, Path log) throws Exception {
        ResumeLatency meter = new ResumeLatency();
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-i", url,
                "-f", "s16le", "-ac", "2", "-ar", "48000", "-flush_packets", "1", "pipe:1")
                .redirectError(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                        .toFile())).start();
        Thread reader = new Thread(() -> meter.read(ffmpeg.getInputStream()), "resume-latency-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            Thread.sleep(BACKLOG_DRAIN.toMillis());
            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < resumes; i++) {
                sender.pause();
                meter.awaitQuiet();
                long played = System.nanoTime();
                sender.play();
                latencies.add((meter.awaitReadAfter(played) - played) / 1e6);
            }
            Collections.sort(latencies);
            return latencies;
        } finally {
            sender.play();
            ffmpeg.destroyForcibly();
            ffmpeg.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static String summary(List<Double> sorted) {
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f ms (min / median / max of %d)", sorted.get(0),
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
    }

    private void read(InputStream in) {
        byte[] buffer = new byte[READ_BYTES];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (lock) {
                    lastReadNanos = System.nanoTime();
                    bytesRead += n;
                    lock.notifyAll();
                }
            }
        } catch (IOException e) {
            // ffmpeg was stopped: the measurement is over
        }
    }

    /** Waits until the client has read nothing for {@link #QUIET}: the paused stream's last audio is through. */
    private void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + RESUME_TIMEOUT.toNanos();
        while (true) {
            long last;
            synchronized (lock) {
                last = lastReadNanos;
            }
            long now = System.nanoTime();
            if (now - last >= QUIET.toNanos()) {
                return;
            }
            if (now - deadline > 0) {
                throw new AssertionError("the client still read audio " + RESUME_TIMEOUT.toSeconds()
                        + " s after the pause");
            }
            Thread.sleep(20);
        }
    }

    private long awaitReadAfter(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + RESUME_TIMEOUT.toNanos();
        synchronized (lock) {
            while (lastReadNanos - nanos <= 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no audio reached the client within " + RESUME_TIMEOUT.toSeconds()
                            + " s of play (" + bytesRead + " bytes read in all)");
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return lastReadNanos;
        }
    }
}
