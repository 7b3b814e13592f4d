package org.liveaudio.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Assume;

/**
 * A network namespace of a test's own with only a loopback interface, multicast routed onto it: tools that send
 * multicast without a way to name the interface (ffmpeg's SAP muxer) send there, and nothing leaves the machine.
 * Deleted by {@link #close()}, also after a failure. Needs root and iproute2.
 */
final class NetworkNamespace implements AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final long COMMAND_SECONDS = 10;

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /**
     * Skips the calling test, saying why, unless the distribution's processes can run here in a namespace of the
     * test's own: the distribution built and the namespace possible.
     */
    static void assumeDistributionRunsInOne() {
        String unavailable = Distribution.unavailable();
        Assume.assumeTrue(unavailable, unavailable == null);
        String noNamespace = unavailable();
        Assume.assumeTrue(noNamespace, noNamespace == null);
    }

    /** Why no namespace can be made here, or {@code null}. */
    static String unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "a network namespace needs root";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))
                && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
            return "no ip command (iproute2)";
        }
        return null;
    }

    static NetworkNamespace create(String prefix) throws IOException, InterruptedException {
        NetworkNamespace namespace = new NetworkNamespace(prefix + "-" + ProcessHandle.current().pid() + "-"
                + COUNT.incrementAndGet());
        run(List.of("ip", "netns", "add", namespace.name));
        try {
            run(List.of("ip", "-n", namespace.name, "link", "set", "lo", "up"));
            run(List.of("ip", "-n", namespace.name, "route", "add", "224.0.0.0/4", "dev", "lo"));
        } catch (IOException | RuntimeException e) {
            namespace.close();
            throw e;
        }
        return namespace;
    }

    /** {@code command} run inside the namespace. */
    List<String> exec(List<String> command) {
        List<String> inside = new ArrayList<>(List.of("ip", "netns", "exec", name));
        inside.addAll(command);
        return inside;
    }

    @Override
    public void close() {
        try {
            run(List.of("ip", "netns", "del", name));
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete the network namespace " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not end within " + COMMAND_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(command + " failed: " + new String(process.getInputStream().readAllBytes()));
        }
    }
}
