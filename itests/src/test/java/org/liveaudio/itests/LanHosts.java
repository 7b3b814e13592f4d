package org.liveaudio.itests;

import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distribution on the hosts of a {@link TestLan}: a copy of it per host, host 0 the sender and the others
 * listeners, each process started in its host's namespace. {@link #close} ends every process.
 */
final class LanHosts implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** What a process logs once every bundle of its start has started. */
    private static final String FRAMEWORK_STARTED = "FrameworkEvent STARTED";

    private final TestLan lan;
    private final Path folder;
    private final Map<String, String> stream;
    private final List<Distribution> copies = new ArrayList<>();
    private final List<DistributionProcess> listeners = new ArrayList<>();

    /** @param stream the keys the sender and every listener share: group, port, interface */
    LanHosts(TestLan lan, Path folder, Map<String, String> stream) {
        this.lan = lan;
        this.folder = folder;
        this.stream = stream;
    }

    /** Skips the test, saying why, where no test LAN can be made or no distribution is built. */
    static void assumeAvailable() {
        String noLan = TestLan.unavailable();
        assumeTrue(noLan, noLan == null);
        String noDistribution = Distribution.unavailable();
        assumeTrue(noDistribution, noDistribution == null);
    }

    /** Starts a listener on each of hosts 1..count with these keys besides the stream's; waits until each listens. */
    List<DistributionProcess> startListeners(int count, Map<String, String> keys) throws IOException,
            InterruptedException {
        for (int host = 1; host <= count; host++) {
            Distribution copy = copy(host);
            copy.configure("listener/org.liveaudio.listener-1.cfg", with(keys));
            listeners.add(copy.startWrapped(lan.on(host), "listener", Map.of()));
        }
        for (DistributionProcess listener : listeners) {
            listener.awaitLog("listening on " + stream.get("group") + ":" + stream.get("port"), 1, START_TIMEOUT);
            listener.awaitLog(FRAMEWORK_STARTED, 1, START_TIMEOUT);
        }
        return listeners;
    }

    /**
     * Starts the sender on host 0 with these keys besides the stream's; waits until every listener plays. Its
     * configuration is dropped into its folder once its framework has started, as a user's edit is, and FileInstall
     * starts the stream: a stream that starts with its process shares the start's CPU with its web console, and,
     * on two cores beside three listener processes, its clock thread was held up past 100 ms, skipping frames.
     */
    DistributionProcess startSender(Map<String, String> keys) throws IOException, InterruptedException {
        Distribution copy = copy(0);
        copy.configure("sender/org.liveaudio.sender.cfg", with(keys));
        Path configuration = copy.home().resolve("config/sender/org.liveaudio.sender.cfg");
        Path aside = folder.resolve("sender.cfg");
        Files.move(configuration, aside);
        DistributionProcess sender = copy.startWrapped(lan.on(0), "sender", Map.of());
        sender.awaitLog(FRAMEWORK_STARTED, 1, START_TIMEOUT);
        Files.move(aside, configuration, StandardCopyOption.ATOMIC_MOVE);
        for (DistributionProcess listener : listeners) {
            listener.awaitLog("playing stream ssrc", 1, START_TIMEOUT);
        }
        return sender;
    }

    /** A file of listener host {@code host}'s distribution (hosts 1.. in the order started). */
    Path listenerFile(int host, String relative) {
        return copies.get(host - 1).home().resolve(relative);
    }

    private Distribution copy(int host) throws IOException {
        Distribution copy = Distribution.copyTo(folder.resolve("host-" + host));
        copies.add(copy);
        return copy;
    }

    private Map<String, String> with(Map<String, String> own) {
        Map<String, String> all = new HashMap<>(stream);
        all.putAll(own);
        return all;
    }

    @Override
    public void close() {
        copies.forEach(Distribution::close);
    }
}
