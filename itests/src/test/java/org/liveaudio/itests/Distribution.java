package org.liveaudio.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A copy of the built distribution ({@code distribution/target/liveaudio}) in a folder of a test's own, whose
 * processes ({@code bin/liveaudio sender|listener}) the test starts as a user would, each in a JVM of its own.
 * Its configuration files are rewritten with what the test gives; every process it started is ended by
 * {@link #close()}, also after a failure.
 */
final class Distribution implements AutoCloseable {
    /** Where the reactor built the distribution; the failsafe configuration passes it. */
    static final String LOCATION_PROPERTY = "liveaudio.distribution";

    private final Path home;
    private final List<DistributionProcess> started = new ArrayList<>();

    private Distribution(Path home) {
        this.home = home;
    }

    /** Why no copy can be made here, or {@code null} when the distribution is built. */
    static String unavailable() {
        String built = System.getProperty(LOCATION_PROPERTY);
        if (built == null || !Files.isExecutable(Path.of(built, "bin", "liveaudio"))) {
            return "no built distribution at " + built + " (" + LOCATION_PROPERTY + "): build the whole reactor";
        }
        return null;
    }

    /** A fresh copy of the built distribution in {@code folder}, which must not exist yet. */
    static Distribution copyTo(Path folder) throws IOException {
        Path built = Path.of(System.getProperty(LOCATION_PROPERTY));
        try (Stream<Path> paths = Files.walk(built)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path copy = folder.resolve(built.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new Distribution(folder);
    }

    Path home() {
        return home;
    }

    /**
     * Rewrites the configuration file {@code relative} (under {@code config/}): each key of {@code values} set to
     * its value, every other line kept.
     */
    void configure(String relative, Map<String, String> values) throws IOException {
        Path file = home.resolve("config").resolve(relative);
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            boolean replaced = !line.startsWith("#") && equals > 0 && values.containsKey(line.substring(0, equals));
            if (!replaced) {
                lines.add(line);
            }
        }
        values.forEach((key, value) -> lines.add(key + "=" + value));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** Starts {@code bin/liveaudio ROLE}, its shell's input a pipe the test writes commands to. */
    DistributionProcess start(String role, String... javaOptions) throws IOException {
        return start(role, Map.of(), javaOptions);
    }

    /** Starts {@code bin/liveaudio ROLE} with {@code environment} set beside the test's own. */
    DistributionProcess start(String role, Map<String, String> environment, String... javaOptions)
            throws IOException {
        return startWrapped(List.of(), role, environment, javaOptions);
    }

    /**
     * Starts {@code bin/liveaudio ROLE} under {@code wrapper}, a command that runs it elsewhere (e.g. {@code ip netns
     * exec HOST}, which execs it, so the process is still the JVM).
     */
    DistributionProcess startWrapped(List<String> wrapper, String role, Map<String, String> environment,
            String... javaOptions) throws IOException {
        DistributionProcess process = DistributionProcess.start(home, role, started.size(), environment, wrapper,
                javaOptions);
        started.add(process);
        return process;
    }

    /** The processes started, in order. */
    List<DistributionProcess> processes() {
        return List.copyOf(started);
    }

    /** Starts {@code bin/liveaudio ROLE} inside {@code namespace}. */
    DistributionProcess startIn(NetworkNamespace namespace, String role) throws IOException {
        DistributionProcess process = DistributionProcess.start(home, role, started.size(), Map.of(),
                namespace::exec);
        started.add(process);
        return process;
    }

    /** Ends every process still running: {@code stop 0} first, then by force. */
    @Override
    public void close() {
        for (DistributionProcess process : started) {
            process.close();
        }
    }
}
