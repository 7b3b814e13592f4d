package org.liveaudio.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Wireshark's command-line dissector as an independent judge of what we put on the wire: a capture on
 * loopback, bounded in time, then the capture read back with the dissectors told which ports carry RTP and RTCP.
 * Needs {@code tshark} (Debian's package of that name, which {@code .ci/run} installs) and root to capture.
 */
final class Tshark implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final Process capture;
    private final Path file;
    private final Path console;

    private Tshark(Process capture, Path file, Path console) {
        this.capture = capture;
        this.file = file;
        this.console = console;
    }

    /** Why no capture can be taken here, or {@code null}. */
    static String unavailable() {
        if (!Files.isExecutable(Path.of("/usr/bin/tshark"))) {
            return "tshark is not installed (Debian package tshark; .ci/run installs it)";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "capturing on lo needs root";
        }
        return null;
    }

    /**
     * Captures on {@code lo} what {@code filter} (a capture filter) lets through, at most {@code limit} long, into
     * {@code file}; returns once tshark says it captures.
     */
    static Tshark capture(Path file, String filter, Duration limit) throws IOException, InterruptedException {
        Path console = file.resolveSibling(file.getFileName() + ".txt");
        Process process = new ProcessBuilder("/usr/bin/tshark", "-i", "lo", "-a", "duration:" + limit.toSeconds(),
                "-f", filter, "-w", file.toString()).redirectErrorStream(true).redirectOutput(console.toFile())
                .start();
        Tshark tshark = new Tshark(process, file, console);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.readString(console, StandardCharsets.UTF_8).contains("Capturing on")) {
            if (System.nanoTime() - deadline > 0 || !process.isAlive()) {
                tshark.close();
                throw new AssertionError("tshark did not start capturing:\n" + Files.readString(console));
            }
            Thread.sleep(50);
        }
        return tshark;
    }

    /** Ends the capture (SIGTERM, on which tshark writes out what it has) and waits for the file. */
    void finish() throws InterruptedException {
        capture.destroy();
        if (!capture.waitFor(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            capture.destroyForcibly();
        }
    }

    /**
     * The capture read back, one line per packet that {@code displayFilter} keeps, with the {@code fields}
     * separated by tabs.
     *
     * @param decodeAs {@code udp.port==5004,rtp} and the like
     */
    List<String> fields(List<String> decodeAs, String displayFilter, String... fields)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/tshark", "-r", file.toString()));
        decodeAs.forEach(d -> command.addAll(List.of("-d", d)));
        command.addAll(List.of("-Y", displayFilter, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String field : fields) {
            command.addAll(List.of("-e", field));
        }
        return run(command);
    }

    /**
     * tshark's expert summary ({@code -z expert}) from notes up: one line per kind of finding, {@code "Notes: 4
     * Malformed SDP Invalid SDP line"} (severity, count, group, protocol, summary).
     */
    List<String> expertFindings(List<String> decodeAs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/tshark", "-r", file.toString(), "-q", "-z",
                "expert,note"));
        decodeAs.forEach(d -> command.addAll(List.of("-d", d)));
        List<String> findings = new ArrayList<>();
        String severity = "";
        for (String line : run(command)) {
            if (line.matches("(Errors|Warns|Notes|Chats) \\(\\d+\\)")) {
                severity = line.substring(0, line.indexOf(' '));
            } else if (line.matches("\\s+\\d+\\s+\\S+\\s+\\S+\\s+.*")) {
                findings.add(severity + ": " + line.strip().replaceAll("\\s+", " "));
            }
        }
        return findings;
    }

    private List<String> run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(file.getParent(), "tshark-", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tshark did not read " + file + " within " + READ_TIMEOUT.toSeconds() + " s");
        }
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        if (capture.isAlive()) {
            finish();
        }
    }
}
