package org.liveaudio.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The {@code ffmpeg} on the PATH as a peer of our bundles: every run bounded in time and its process destroyed
 * whatever happens, its output in a log file (a pipe left unread could block it).
 */
final class Ffmpeg {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private Ffmpeg() {
    }

    /** Why the tests cannot use ffmpeg here, or {@code null} when it is there and encodes with libopus. */
    static String unavailable(Path folder) throws InterruptedException {
        Path log = folder.resolve("ffmpeg-encoders.log");
        try {
            int exit = run(List.of("-hide_banner", "-encoders"), log, PROBE_TIMEOUT);
            if (exit != 0) {
                return "ffmpeg -encoders exited with " + exit + ": see " + log;
            }
            return Files.readString(log, StandardCharsets.UTF_8).contains("libopus") ? null
                    : "ffmpeg has no libopus encoder (ffmpeg -encoders): install Debian's ffmpeg";
        } catch (IOException e) {
            return "no ffmpeg on the PATH (" + e.getMessage() + "): install it, as .ci/run does";
        }
    }

    /**
     * Plays {@code url} for {@code seconds} into a WAV file, as a listener would, and finds the window of the source
     * in it: how alike what the URL serves is to what the sender read.
     *
     * @throws AssertionError if ffmpeg fails or is still running after {@code timeout}
     */
    static Correlation.Match playAndCorrelate(String url, double seconds, Path recording, Path log, short[] source,
            int sampleRate, int channels, int windowStart, int windowLength, Duration timeout) throws Exception {
        Files.deleteIfExists(recording);
        int exit = run(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-t", String.valueOf(seconds), "-i",
                url, "-ar", String.valueOf(sampleRate), "-ac", String.valueOf(channels), "-y", recording.toString()),
                log, timeout);
        if (exit != 0) {
            throw new AssertionError("ffmpeg playing " + url + " exited with " + exit + ":" + LogFiles.tail(log));
        }
        short[] played = WavFiles.read(recording, sampleRate, channels);
        return Correlation.best(source, played, channels, windowStart, windowLength);
    }

    /**
     * Runs ffmpeg with {@code arguments} to its end, its output into {@code log}; its exit code.
     *
     * @throws AssertionError if it is still running after {@code timeout} (it is then destroyed)
     */
    static int run(List<String> arguments, Path log, Duration timeout) throws IOException, InterruptedException {
        return run(arguments, log, timeout, command -> command);
    }

    /** @param wrap puts the command inside another, e.g. {@link NetworkNamespace#exec} */
    static int run(List<String> arguments, Path log, Duration timeout, UnaryOperator<List<String>> wrap)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(wrap.apply(command)).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("ffmpeg still running after " + timeout.toSeconds() + " s: " + command
                        + "\n" + LogFiles.tail(log));
            }
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }
}
