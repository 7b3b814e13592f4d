package org.liveaudio.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A LAN of separate hosts on this machine: one network namespace per host, each with one interface
 * ({@value #INTERFACE}) on a bridge that lives in a namespace of its own, so that no interface of the machine
 * itself is touched and nothing leaves it. Hosts get addresses from {@value #SUBNET}.0/24, inside the namespaces
 * only. Loss is applied by the kernel with nftables ({@code numgen random}) on a host's input, in its namespace.
 * Every namespace has the prefix {@value #PREFIX} and this JVM's process id: {@link #close} removes them (and
 * with them the veth pairs), also after a failure, and {@link #create} first removes those a run that died left.
 * Needs root, {@code ip} and {@code nft}: {@link #unavailable} says why not where they are missing.
 */
final class TestLan implements AutoCloseable {
    static final String INTERFACE = "lan0";
    static final String SUBNET = "10.213.0";
    static final String PREFIX = "latest-";
    private static final long COMMAND_SECONDS = 10;

    private final String prefix;
    private final List<String> hosts = new ArrayList<>();
    private final String bridge;

    private TestLan(String prefix) {
        this.prefix = prefix;
        this.bridge = prefix + "lan";
    }

    /** Why no LAN can be made here, or {@code null} when it can. */
    static String unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "the test LAN needs root (ip netns, veth, bridge, nftables); running as "
                    + System.getProperty("user.name") + ", so it is skipped";
        }
        for (String tool : List.of("ip", "nft")) {
            if (!onPath(tool)) {
                return "the test LAN needs " + tool + " (Debian packages iproute2 and nftables), which is not "
                        + "installed, so it is skipped";
            }
        }
        return null;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    /** A bridge and {@code count} hosts on it, host i at {@value #SUBNET}.(i+1). */
    static TestLan create(int count) throws IOException, InterruptedException {
        removeLeftovers();
        TestLan lan = new TestLan(PREFIX + ProcessHandle.current().pid() + "-");
        try {
            lan.run("ip", "netns", "add", lan.bridge);
            lan.run("ip", "-n", lan.bridge, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
            lan.run("ip", "-n", lan.bridge, "link", "set", "br0", "up");
            for (int i = 0; i < count; i++) {
                lan.addHost(i);
            }
            return lan;
        } catch (IOException | InterruptedException | RuntimeException e) {
            lan.close();
            throw e;
        }
    }

    private void addHost(int index) throws IOException, InterruptedException {
        String host = prefix + "h" + index;
        String port = "p" + index;
        run("ip", "netns", "add", host);
        hosts.add(host);
        run("ip", "link", "add", INTERFACE, "netns", host, "type", "veth", "peer", "name", port, "netns", bridge);
        run("ip", "-n", bridge, "link", "set", port, "master", "br0");
        run("ip", "-n", bridge, "link", "set", port, "up");
        run("ip", "-n", host, "addr", "add", address(index) + "/24", "dev", INTERFACE);
        run("ip", "-n", host, "link", "set", INTERFACE, "up");
        run("ip", "-n", host, "link", "set", "lo", "up");
    }

    static String address(int host) {
        return SUBNET + "." + (host + 1);
    }

    /** The command line prefix that runs a command on host {@code index}. */
    List<String> on(int index) {
        return List.of("ip", "netns", "exec", hosts.get(index));
    }

    /**
     * Drops a share {@code percent} of the UDP datagrams host {@code index} receives on {@code ports}, at random
     * ({@code numgen random}), from now on.
     */
    void loseRandomly(int index, int percent, int... ports) throws IOException, InterruptedException {
        String host = hosts.get(index);
        run("ip", "netns", "exec", host, "nft", "add", "table", "inet", "lanloss");
        run("ip", "netns", "exec", host, "nft", "add", "chain", "inet", "lanloss", "input",
                "{ type filter hook input priority 0; }");
        StringBuilder set = new StringBuilder();
        for (int p : ports) {
            set.append(set.length() == 0 ? "" : ", ").append(p);
        }
        run("ip", "netns", "exec", host, "nft", "add", "rule", "inet", "lanloss", "input", "udp", "dport",
                "{ " + set + " }", "numgen", "random", "mod", "100", "<", String.valueOf(percent), "counter", "drop");
    }

    /** The datagrams the loss rule of host {@code index} dropped so far, from its counter. */
    long dropped(int index) throws IOException, InterruptedException {
        String rules = run("ip", "netns", "exec", hosts.get(index), "nft", "list", "table", "inet", "lanloss");
        int at = rules.indexOf("packets ");
        return at < 0 ? 0 : Long.parseLong(rules.substring(at + 8, rules.indexOf(' ', at + 8)));
    }

    /** Removes every namespace of this LAN: the veth pairs go with them. */
    @Override
    public void close() {
        List<String> all = new ArrayList<>(hosts);
        all.add(bridge);
        for (String namespace : all) {
            try {
                run("ip", "netns", "delete", namespace);
            } catch (IOException | InterruptedException e) {
                System.err.println("TestLan: could not remove " + namespace + ": " + e.getMessage());
            }
        }
    }

    /** Namespaces of runs whose JVM is gone. */
    private static void removeLeftovers() throws IOException, InterruptedException {
        for (String line : run(List.of("ip", "netns", "list")).split("\n")) {
            String name = line.split(" ")[0];
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String pid = name.substring(PREFIX.length(), name.indexOf('-', PREFIX.length()));
            boolean alive = pid.chars().allMatch(Character::isDigit)
                    && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                run(List.of("ip", "netns", "delete", name));
            }
        }
    }

    private String run(String... command) throws IOException, InterruptedException {
        return run(List.of(command));
    }

    /** Runs a command to its end within a bound; its output, or an exception with it when it failed. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not end within " + COMMAND_SECONDS + " s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
        return output;
    }
}
