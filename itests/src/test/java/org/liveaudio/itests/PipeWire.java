package org.liveaudio.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A PipeWire of a test's own, headless: the daemon with a configuration that loads {@code module-rtp-sink} or
 * {@code module-rtp-source} beside a dummy driver (no sound card), WirePlumber on a D-Bus session of its own to link
 * streams as on a desktop, {@code pw-cat} to play a file into the RTP sink and {@code pw-record} to record the RTP
 * source. Everything runs bounded in time and inside {@code wrap} (a network
 * namespace: the RTP sink and its SAP announcements go to the default route otherwise); {@link #close()} ends it.
 */
final class PipeWire implements AutoCloseable {
    private static final List<Path> PROGRAMS = List.of(Path.of("/usr/bin/pipewire"),
            Path.of("/usr/bin/wireplumber"), Path.of("/usr/bin/pw-cat"), Path.of("/usr/bin/pw-cli"),
            Path.of("/usr/bin/pw-record"), Path.of("/usr/bin/dbus-run-session"));
    /** Longer than any test that uses it runs; {@code timeout} ends the daemons after it should the test not. */
    private static final Duration LIFETIME = Duration.ofMinutes(3);
    private static final Duration LINK_TIMEOUT = Duration.ofSeconds(20);
    /** The node name of the RTP sink, which {@code pw-cat --target} names. */
    static final String SINK = "liveaudio-test-rtp-sink";
    /** The node name PipeWire's RTP source gives the stream it receives, which {@code pw-record --target} names. */
    static final String SOURCE = "liveaudio-test-rtp-source";

    private final Path folder;
    private final UnaryOperator<List<String>> wrap;
    private final List<Process> processes = new ArrayList<>();

    private PipeWire(Path folder, UnaryOperator<List<String>> wrap) {
        this.folder = folder;
        this.wrap = wrap;
    }

    /** Why the tests cannot run PipeWire here, or {@code null}. */
    static String unavailable() {
        return PROGRAMS.stream().allMatch(Files::isExecutable) ? null : "no PipeWire (Debian: pipewire, pipewire-bin, "
                + "wireplumber and dbus-daemon; .ci/run installs them); missing: " + PROGRAMS.stream()
                .filter(program -> !Files.isExecutable(program)).toList();
    }

    /**
     * Starts PipeWire with an RTP sink that sends L16/48000/2 to {@code group}:{@code port} on {@code lo} and
     * announces it by SAP as {@code name} at PipeWire's default SAP address (224.0.0.56), and WirePlumber.
     */
    static PipeWire startRtpSink(Path folder, String name, String group, int port, UnaryOperator<List<String>> wrap)
            throws IOException, InterruptedException {
        return start(folder, RTP_SINK.formatted(name, group, port, SINK), SINK, wrap);
    }

    /**
     * Starts PipeWire with an RTP source that listens for SAP on {@code lo} at {@code sapAddress} and receives the
     * stream announced as {@code name} into a source node {@link #SOURCE}, once it hears it; and WirePlumber.
     */
    static PipeWire startRtpSource(Path folder, String sapAddress, String name, UnaryOperator<List<String>> wrap)
            throws IOException, InterruptedException {
        return start(folder, RTP_SOURCE.formatted(sapAddress, name, SOURCE), null, wrap);
    }

    private static PipeWire start(Path folder, String module, String node, UnaryOperator<List<String>> wrap)
            throws IOException, InterruptedException {
        // As a desktop's XDG_RUNTIME_DIR: the daemon's socket there is for its owner only.
        Files.createDirectories(folder.resolve("runtime"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path config = folder.resolve("pipewire.conf");
        Files.writeString(config, DAEMON.formatted(module));
        PipeWire pipeWire = new PipeWire(folder, wrap);
        try {
            pipeWire.start(List.of("pipewire", "-c", config.toString()), "pipewire.log");
            pipeWire.awaitNode(node == null ? "Dummy-Driver" : node);
            pipeWire.start(List.of("dbus-run-session", "--", "wireplumber"), "wireplumber.log");
            return pipeWire;
        } catch (IOException | RuntimeException | InterruptedException | Error e) {
            pipeWire.close();
            throw e;
        }
    }

    /** Waits until the graph has a node named {@code name}. */
    void awaitNode(String name) throws IOException, InterruptedException {
        awaitOutput(List.of("pw-cli", "ls", "Node"), "node.name = \"" + name + "\"", "the node " + name);
    }

    /**
     * Records {@code seconds} of the node {@code target} into {@code wav} (16-bit, 48 kHz, stereo), ended by an
     * interrupt so that {@code pw-record} finishes the file; its exit code.
     */
    int record(String target, Path wav, int seconds) throws IOException, InterruptedException {
        Path log = folder.resolve("pw-record.log");
        Process process = builder(List.of("timeout", "-s", "INT", "-k", "10", String.valueOf(seconds), "pw-record",
                "--target", target, "--format", "s16", "--rate", "48000", "--channels", "2", wav.toString()), log)
                .start();
        try {
            if (!process.waitFor(seconds + 20L, TimeUnit.SECONDS)) {
                throw new AssertionError("pw-record still recording after " + (seconds + 20) + " s\n"
                        + LogFiles.tail(log) + logs());
            }
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    /** Plays {@code wav} into the RTP sink at the real-time rate, to its end; {@code pw-cat}'s exit code. */
    int play(Path wav, Duration timeout) throws IOException, InterruptedException {
        Path log = folder.resolve("pw-cat.log");
        Process process = builder(List.of("pw-cat", "--playback", "--target", SINK, wav.toString()), log).start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("pw-cat still playing after " + timeout.toSeconds() + " s\n"
                        + LogFiles.tail(log) + logs());
            }
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    /** The tails of PipeWire's and WirePlumber's logs, for a failure's message. */
    String logs() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("pipewire.log", "wireplumber.log")) {
            Path log = folder.resolve(name);
            if (Files.exists(log)) {
                text.append("\n").append(name).append(":\n").append(LogFiles.tail(log));
            }
        }
        return text.toString();
    }

    private void start(List<String> command, String logName) throws IOException {
        List<String> bounded = new ArrayList<>(List.of("timeout", "-k", "5", String.valueOf(LIFETIME.toSeconds())));
        bounded.addAll(command);
        processes.add(builder(bounded, folder.resolve(logName)).start());
    }

    private void awaitOutput(List<String> command, String expected, String what)
            throws IOException, InterruptedException {
        Path log = folder.resolve("probe.log");
        long deadline = System.nanoTime() + LINK_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Process probe = builder(command, log).start();
            if (probe.waitFor(5, TimeUnit.SECONDS) && Files.readString(log).contains(expected)) {
                return;
            }
            probe.destroyForcibly();
            Thread.sleep(200);
        }
        throw new AssertionError("PipeWire did not show " + what + " within " + LINK_TIMEOUT.toSeconds() + " s"
                + logs());
    }

    private ProcessBuilder builder(List<String> command, Path log) {
        ProcessBuilder builder = new ProcessBuilder(wrap.apply(command)).redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("XDG_RUNTIME_DIR", folder.resolve("runtime").toString());
        // WirePlumber keeps volumes and defaults there: a user's own must neither leak in nor be overwritten.
        builder.environment().put("XDG_STATE_HOME", folder.resolve("state").toString());
        builder.environment().put("XDG_CONFIG_HOME", folder.resolve("config").toString());
        return builder;
    }

    /** Ends WirePlumber and its D-Bus, then PipeWire, each with every process it started. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /**
     * The smallest daemon configuration that serves: the native protocol and the factories WirePlumber and
     * {@code pw-cat} use, a dummy driver to clock the graph in place of a sound card, and one RTP module.
     */
    private static final String DAEMON = """
            context.properties = {
                core.daemon = true
                core.name = pipewire-0
                default.clock.rate = 48000
            }
            context.spa-libs = {
                audio.convert.* = audioconvert/libspa-audioconvert
                support.* = support/libspa-support
            }
            context.modules = [
                { name = libpipewire-module-protocol-native }
                { name = libpipewire-module-metadata }
                { name = libpipewire-module-spa-node-factory }
                { name = libpipewire-module-client-node }
                { name = libpipewire-module-access }
                { name = libpipewire-module-adapter }
                { name = libpipewire-module-link-factory }
            %s
            ]
            context.objects = [
                { factory = metadata args = { metadata.name = default } }
                { factory = spa-node-factory
                    args = { factory.name = support.node.driver node.name = Dummy-Driver priority.driver = 20000 }
                }
            ]
            """;

    /** The RTP sink as a desktop would offer it: a virtual sink ({@code Audio/Sink}) that applications play to. */
    private static final String RTP_SINK = """
                { name = libpipewire-module-rtp-sink
                    args = {
                        sess.name = "%s"
                        destination.ip = "%s"
                        destination.port = %d
                        local.ifname = "lo"
                        net.ttl = 1
                        net.loop = true
                        audio.format = "S16BE"
                        audio.rate = 48000
                        audio.channels = 2
                        audio.position = [ FL FR ]
                        stream.props = { media.class = "Audio/Sink" node.name = "%s" }
                    }
                }""";

    /** The RTP source: a source node ({@code Audio/Source}) for the stream of that name that SAP announces. */
    private static final String RTP_SOURCE = """
                { name = libpipewire-module-rtp-source
                    args = {
                        sap.ip = "%s"
                        local.ifname = "lo"
                        sess.latency.msec = 100
                        stream.props = { media.class = "Audio/Source" }
                        stream.rules = [
                            { matches = [ { rtp.session = "%s" } ]
                              actions = { create-stream = { node.name = "%s" } } }
                        ]
                    }
                }""";
}
