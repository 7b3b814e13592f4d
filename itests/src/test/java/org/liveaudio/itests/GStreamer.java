package org.liveaudio.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** {@code gst-launch-1.0} as a peer: a pipeline run to its end (or stopped), its output in a log. */
final class GStreamer {
    private static final Path LAUNCH = Path.of("/usr/bin/gst-launch-1.0");

    private GStreamer() {
    }

    /** Why the tests cannot use GStreamer here, or {@code null}. */
    static String unavailable() {
        return Files.isExecutable(LAUNCH) ? null
                : "no gst-launch-1.0 (Debian: gstreamer1.0-tools and -plugins-base, -good, -bad; .ci/run installs them)";
    }

    /**
     * Runs the pipeline {@code elements} (gst-launch's words) to its end; its exit code.
     *
     * @param wrap puts the command inside another, e.g. {@link NetworkNamespace#exec}
     * @throws AssertionError if it is still running after {@code timeout} (it is then destroyed)
     */
    static int run(List<String> elements, Path log, Duration timeout, UnaryOperator<List<String>> wrap)
            throws IOException, InterruptedException {
        Process process = start(elements, log, wrap);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("gst-launch-1.0 still running after " + timeout.toSeconds() + " s: "
                        + elements + "\n" + LogFiles.tail(log));
            }
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * Starts the pipeline with {@code -e}, so that the interrupt {@code timeout -s INT} sends after
     * {@code seconds} ends it with an end-of-stream that lets a muxer (wavenc) finish its file.
     */
    static Process startFor(long seconds, List<String> elements, Path log, UnaryOperator<List<String>> wrap)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("timeout", "-s", "INT", "-k", "10", String.valueOf(seconds),
                LAUNCH.toString(), "-e", "-q"));
        command.addAll(elements);
        return new ProcessBuilder(wrap.apply(command)).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    }

    private static Process start(List<String> elements, Path log, UnaryOperator<List<String>> wrap)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCH.toString(), "-q"));
        command.addAll(elements);
        return new ProcessBuilder(wrap.apply(command)).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    }
}
