package org.liveaudio.itests;

import static org.junit.Assert.assertNotNull;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.After;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.StreamControl;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * What every integration test shares: the container (the framework-level bundles and our eight bundles, as the
 * distribution runs them), configuring a sender and listeners through ConfigAdmin on a loopback multicast group
 * of their own, and waiting for services and conditions with a bound.
 */
public abstract class StreamingTestSupport {
    static final String SENDER_PID = "org.liveaudio.sender";
    static final String LISTENER_FACTORY_PID = "org.liveaudio.listener";

    /** Our bundles in the order they are installed; the paths come from the pom (this reactor's target/ jars). */
    private static final List<String> OUR_BUNDLES = List.of("org.liveaudio.api", "org.liveaudio.log",
            "org.liveaudio.source", "org.liveaudio.codec", "org.liveaudio.transport", "org.liveaudio.sink",
            "org.liveaudio.control", "org.liveaudio.listener");

    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(15);

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configurationAdmin;

    private final List<Configuration> configurations = new ArrayList<>();
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    /** The container of every test class; {@code logName} names its log file in the itests target folder. */
    public static Option[] config(String logName) {
        Path log = targetDir().resolve(logName + ".log");
        try {
            // The log bundle appends: start each run's log afresh so that it shows this run only.
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Option> options = new ArrayList<>(List.of(
                mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.scr").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.log").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.gogo.runtime").versionAsInProject(),
                junitBundles(),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                // Felix Log keeps INFO from the start, as in the distribution.
                systemProperty("org.osgi.service.log.admin.loglevel").value("INFO"),
                systemProperty("liveaudio.log.file").value(log.toString())));
        for (String name : OUR_BUNDLES) {
            options.add(bundle(ourBundle(name)));
        }
        return options(options.toArray(Option[]::new));
    }

    private static String ourBundle(String name) {
        String path = System.getProperty("liveaudio.bundle." + name);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("bundle " + name + " not built: " + path
                    + " (run the build from the top-level folder)");
        }
        return new File(path).toURI().toString();
    }

    /** The itests module's target folder, where tests write their files. */
    static Path targetDir() {
        return Path.of(System.getProperty("liveaudio.itests.target", "target")).toAbsolutePath();
    }

    /** A group and port no other test run uses at the same time, on loopback. */
    static Map<String, Object> randomLoopbackEndpoint() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Map.of(
                "group", "239.255." + random.nextInt(1, 255) + "." + random.nextInt(1, 255),
                "port", String.valueOf(2 * random.nextInt(10_000, 30_000)),
                "interface", "lo",
                "ttl", "1");
    }

    @SafeVarargs
    static Map<String, Object> merge(Map<String, Object>... maps) {
        Map<String, Object> merged = new HashMap<>();
        Stream.of(maps).forEach(merged::putAll);
        return merged;
    }

    protected void configureSender(Map<String, Object> properties) throws IOException {
        configure(SENDER_PID, properties);
    }

    /** The configuration of {@code pid}, set to {@code properties}; deleted after the test. */
    protected void configure(String pid, Map<String, Object> properties) throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(pid, "?");
        configuration.update(dictionary(properties));
        remember(configuration);
    }

    protected Configuration addListener(String name, Map<String, Object> properties) throws IOException {
        return addListenerConfiguration(name, merge(properties, Map.of("name", name)));
    }

    /**
     * A listener's factory configuration named {@code configurationName}, its {@code name} key as given; an
     * endpoint's {@code ttl}, which is the sender's, left out (a listener warns of keys it does not know).
     */
    protected Configuration addListenerConfiguration(String configurationName, Map<String, Object> properties)
            throws IOException {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(LISTENER_FACTORY_PID,
                configurationName, "?");
        Map<String, Object> own = new HashMap<>(properties);
        own.remove("ttl");
        configuration.update(dictionary(own));
        remember(configuration);
        return configuration;
    }

    private void remember(Configuration configuration) {
        if (configurations.stream().noneMatch(c -> c.getPid().equals(configuration.getPid()))) {
            configurations.add(configuration);
        }
    }

    protected void delete(Configuration configuration) throws IOException {
        configurations.remove(configuration);
        configuration.delete();
    }

    /** Stops what the test started, so the next test of the class starts from nothing. */
    @After
    public void deleteConfigurationsAndReleaseServices() throws IOException, InterruptedException {
        for (Configuration configuration : configurations) {
            configuration.delete();
        }
        configurations.clear();
        trackers.forEach(ServiceTracker::close);
        trackers.clear();
        // ConfigAdmin deletes asynchronously: a next test that configured the sender's PID at once could have its
        // configuration overtaken by this deletion. Wait until the components have gone.
        waitUntil("the sender and the listeners of the test are gone", SERVICE_TIMEOUT,
                () -> registered(StreamControl.class) == 0 && registered(ListenerControl.class) == 0);
    }

    private int registered(Class<?> type) {
        try {
            ServiceReference<?>[] references = context.getServiceReferences(type.getName(), null);
            return references == null ? 0 : references.length;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Dictionary<String, Object> dictionary(Map<String, Object> properties) {
        return new Hashtable<>(properties);
    }

    protected StreamControl awaitSender() throws Exception {
        return awaitService(StreamControl.class, null);
    }

    protected ListenerControl awaitListener(String name) throws Exception {
        return awaitService(ListenerControl.class, "(" + ListenerControl.NAME + "=" + name + ")");
    }

    protected boolean listenerRegistered(String name) {
        try {
            return !context.getServiceReferences(ListenerControl.class,
                    "(" + ListenerControl.NAME + "=" + name + ")").isEmpty();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    protected <T> T awaitService(Class<T> type, String filter) throws Exception {
        String objectClass = "(objectClass=" + type.getName() + ")";
        String full = filter == null ? objectClass : "(&" + objectClass + filter + ")";
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter(full), null);
        tracker.open();
        // Held until the test ends: releasing a delayed component's service could deactivate it mid-test.
        trackers.add(tracker);
        T service = tracker.waitForService(SERVICE_TIMEOUT.toMillis());
        assertNotNull("no " + full + " within " + SERVICE_TIMEOUT.toSeconds() + " s", service);
        return service;
    }

    /** Polls {@code condition} until it holds; fails with {@code what} after {@code timeout}. */
    protected static void waitUntil(String what, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
