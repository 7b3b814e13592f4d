package org.liveaudio.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One {@code bin/liveaudio ROLE} process of a {@link Distribution}: commands go to its Gogo shell through its
 * input, its console output into a file, and its log file is where the test waits for what it says. Every wait
 * is bounded; a process that does not end on {@code stop 0} is destroyed.
 */
final class DistributionProcess implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 20;

    private final String role;
    private final Process process;
    private final OutputStream shell;
    private final Path console;
    private final Path log;

    private DistributionProcess(String role, Process process, Path console, Path log) {
        this.role = role;
        this.process = process;
        this.shell = process.getOutputStream();
        this.console = console;
        this.log = log;
    }

    /**
     * @param index numbers the console files of several processes of one distribution
     * @param environment variables set for the process beside the test's own
     */
    static DistributionProcess start(Path home, String role, int index, Map<String, String> environment,
            String... javaOptions) throws IOException {
        return start(home, role, index, environment, command -> command, javaOptions);
    }

    /** @param wrapper a command that runs the script, such as {@code ip netns exec HOST} */
    static DistributionProcess start(Path home, String role, int index, Map<String, String> environment,
            List<String> wrapper, String... javaOptions) throws IOException {
        return start(home, role, index, environment, command -> {
            List<String> wrapped = new ArrayList<>(wrapper);
            wrapped.addAll(command);
            return wrapped;
        }, javaOptions);
    }

    /** @param wrap puts the command inside another, e.g. {@link NetworkNamespace#exec} */
    static DistributionProcess start(Path home, String role, int index, Map<String, String> environment,
            UnaryOperator<List<String>> wrap, String... javaOptions) throws IOException {
        Path console = home.resolve("console-" + index + "-" + role + ".txt");
        // The script names the log by role; a second listener process would write a "-2" file (see README).
        Path log = home.resolve("log").resolve("liveaudio-" + role + ".log");
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("liveaudio").toString(), role));
        command.addAll(List.of(javaOptions));
        ProcessBuilder builder = new ProcessBuilder(wrap.apply(command)).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(console.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new DistributionProcess(role, process, console, log);
    }

    /** Types {@code line} into the process's shell. */
    void command(String line) throws IOException {
        shell.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        shell.flush();
    }

    /**
     * Types {@code line} into the shell and returns what it printed: the console from there up to the output of an
     * {@code echo} of a marker typed after it (the shell's input is a pipe, which it does not echo).
     *
     * @throws AssertionError when the marker has not come after {@code timeout}, with the end of the console
     */
    String output(String line, Duration timeout) throws IOException, InterruptedException {
        int start = consoleText().length();
        String marker = "end of " + line + " " + System.nanoTime();
        command(line);
        command("echo " + marker);
        long deadline = System.nanoTime() + timeout.toNanos();
        int end;
        while ((end = consoleText().indexOf(marker, start)) < 0) {
            if (System.nanoTime() - deadline > 0 || !process.isAlive()) {
                throw new AssertionError("the " + role + " printed no output of \"" + line + "\" within "
                        + timeout.toSeconds() + " s (" + (process.isAlive() ? "running" : "ended") + ")\nconsole:\n"
                        + LogFiles.tail(console));
            }
            Thread.sleep(POLL_MILLIS);
        }
        return consoleText().substring(start, end);
    }

    /**
     * Types {@code line} into the shell until what it prints contains {@code text}; returns that output. For what
     * happens as the framework starts, where a log line may be lost while the log bundle is refreshed.
     */
    String awaitOutput(String line, String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String output = "";
        while (System.nanoTime() - deadline < 0) {
            output = output(line, timeout);
            if (output.contains(text)) {
                return output;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the " + role + "'s \"" + line + "\" did not print \"" + text + "\" within "
                + timeout.toSeconds() + " s; last:\n" + output);
    }

    /** Everything the process printed so far. */
    String consoleText() throws IOException {
        return Files.readString(console, StandardCharsets.UTF_8);
    }

    /** The process's id: the JVM's, for the script replaces itself with it. */
    long pid() {
        return process.pid();
    }

    /** How many lines of the log contain {@code text} now. */
    int logLines(String text) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        return (int) Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(line -> line.contains(text))
                .count();
    }

    /**
     * Waits until the log has at least {@code count} lines containing {@code text}.
     *
     * @throws AssertionError after {@code timeout}, with the end of the log and the console
     */
    void awaitLog(String text, int count, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (logLines(text) < count) {
            if (System.nanoTime() - deadline > 0 || !process.isAlive()) {
                throw new AssertionError("the " + role + " did not log \"" + text + "\" " + count + " times within "
                        + timeout.toSeconds() + " s (" + (process.isAlive() ? "running" : "ended") + ")\nlog:\n"
                        + LogFiles.tail(log) + "\nconsole:\n" + LogFiles.tail(console));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** {@code stop 0}, then waits for the process to end; whether it ended by itself. */
    boolean stop() throws InterruptedException {
        if (process.isAlive()) {
            try {
                command("stop 0");
            } catch (IOException e) {
                // The shell's input is closed: the process is ending already.
            }
        }
        return process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    Path log() {
        return log;
    }

    /** Stops the process if it still runs, by force when {@code stop 0} is not enough. */
    @Override
    public void close() {
        try {
            if (!stop()) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
