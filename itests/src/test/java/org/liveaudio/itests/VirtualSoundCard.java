package org.liveaudio.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A sound card without hardware: a PulseAudio daemon of the test's own with one null sink, which plays what it is
 * given in real time on its own clock (this machine's), and ALSA's default device routed to it through ALSA's
 * PulseAudio plugin, so that Java Sound plays into it. What it played is recorded from the sink's monitor with
 * {@code parec}. The daemon, its socket and its configuration live in a temporary folder that {@link #close()}
 * removes after ending the daemon, also after a failure; a process given {@link #environment()} plays into it and
 * nowhere else.
 */
final class VirtualSoundCard implements AutoCloseable {
    static final String SINK = "room1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 50;
    /** Where Debian's libasound2-plugins puts ALSA's PulseAudio plugin. */
    private static final List<Path> PLUGIN_FOLDERS = List.of(Path.of("/usr/lib/x86_64-linux-gnu/alsa-lib"),
            Path.of("/usr/lib/aarch64-linux-gnu/alsa-lib"), Path.of("/usr/lib/alsa-lib"));

    private final Path folder;
    private final Process daemon;
    private final Map<String, String> environment;

    private VirtualSoundCard(Path folder, Process daemon, Map<String, String> environment) {
        this.folder = folder;
        this.daemon = daemon;
        this.environment = environment;
    }

    /** Why no card can be made here, or {@code null} when the tools are installed. */
    static String unavailable() {
        for (String tool : List.of("pulseaudio", "pactl", "parec")) {
            if (!onPath(tool)) {
                return "no " + tool + " on the PATH: install Debian's pulseaudio and pulseaudio-utils, as .ci/run does";
            }
        }
        boolean plugin = PLUGIN_FOLDERS.stream()
                .anyMatch(dir -> Files.exists(dir.resolve("libasound_module_pcm_pulse.so")));
        return plugin ? null : "no ALSA PulseAudio plugin in " + PLUGIN_FOLDERS
                + ": install Debian's libasound2-plugins, as .ci/run does";
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    /**
     * Starts the daemon with its null sink at 48 kHz and waits until it answers.
     *
     * @param log where the daemon writes what it says
     * @return the card, or {@code null} when the daemon did not come up (it is then ended; its log says why)
     */
    static VirtualSoundCard start(Path log) throws IOException, InterruptedException {
        // A short path of its own: the daemon's socket path must stay within the 108 bytes a socket address holds.
        Path folder = Files.createTempDirectory("liveaudio-card-");
        Path runtime = Files.createDirectory(folder.resolve("runtime"));
        Path config = Files.createDirectories(folder.resolve("config").resolve("alsa"));
        Files.writeString(config.resolve("asoundrc"), "pcm.!default { type pulse }\nctl.!default { type pulse }\n",
                StandardCharsets.US_ASCII);
        Map<String, String> environment = Map.of(
                "HOME", Files.createDirectory(folder.resolve("home")).toString(),
                "XDG_RUNTIME_DIR", runtime.toString(),
                // ALSA reads $XDG_CONFIG_HOME/alsa/asoundrc after the system's files: its default device goes here.
                "XDG_CONFIG_HOME", folder.resolve("config").toString(),
                "PULSE_SERVER", "unix:" + runtime.resolve("pulse").resolve("native"),
                "PULSE_SINK", SINK);
        // Not daemonized: the test owns the process and can end it. No idle exit, no default script, no session bus.
        ProcessBuilder builder = new ProcessBuilder("pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1",
                "--use-pid-file=no", "--log-target=stderr", "-L", "module-native-protocol-unix auth-anonymous=1",
                "-L", "module-null-sink sink_name=" + SINK + " rate=48000 channels=2 norewinds=1")
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        VirtualSoundCard card = new VirtualSoundCard(folder, builder.start(), environment);
        if (!card.awaitSink()) {
            card.close();
            return null;
        }
        return card;
    }

    /** Whether {@code pactl} lists the sink before the timeout, with the daemon still running. */
    private boolean awaitSink() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (daemon.isAlive() && System.nanoTime() - deadline < 0) {
            Process pactl = tool("pactl", "list", "short", "sinks").redirectErrorStream(true).start();
            boolean ended = pactl.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            String sinks = new String(pactl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            pactl.destroyForcibly();
            if (ended && pactl.exitValue() == 0 && sinks.contains(SINK)) {
                return true;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return false;
    }

    /** A PulseAudio client of this card, its input empty. */
    private ProcessBuilder tool(String... command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        return builder;
    }

    /** The variables that make a process's default sound device this card. */
    Map<String, String> environment() {
        return environment;
    }

    /**
     * Starts recording what the card plays, as raw signed 16-bit little-endian stereo at 48 kHz, into
     * {@code raw}; its messages go to {@code log}.
     */
    Recording record(Path raw, Path log) throws IOException {
        Process parec = tool("parec", "-d", SINK + ".monitor", "--format=s16le", "--rate=48000", "--channels=2",
                "--raw").redirectOutput(raw.toFile()).redirectError(log.toFile()).start();
        return new Recording(parec);
    }

    /** A running {@code parec}; {@link #close()} ends it, which leaves its file complete. */
    static final class Recording implements AutoCloseable {
        private final Process parec;

        private Recording(Process parec) {
            this.parec = parec;
        }

        /** Whether it still records: it ends early only when the card went away. */
        boolean running() {
            return parec.isAlive();
        }

        @Override
        public void close() throws InterruptedException {
            end(parec);
        }
    }

    /** Ends the daemon and removes its folder. */
    @Override
    public void close() throws IOException, InterruptedException {
        end(daemon);
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** SIGTERM, then by force: a bounded wait either way. */
    private static void end(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
