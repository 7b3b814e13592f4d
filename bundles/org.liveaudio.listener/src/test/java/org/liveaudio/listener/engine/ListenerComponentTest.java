package org.liveaudio.listener.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import org.liveaudio.listener.sap.SapBrowser;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioSink;
import org.liveaudio.api.audio.SinkSettings;
import org.liveaudio.listener.rtcp.FakeRtcpChannel;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.Succession;
import org.liveaudio.api.testing.FakeL16Codec;
import org.liveaudio.api.testing.RecordingLogger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.ComponentConstants;

/**
 * The {@link Listener} component as Declarative Services drives it, with a bundle context whose service registry
 * is a list: what it registers under which name, renames, refusals and unregistering.
 */
class ListenerComponentTest {
    @TempDir
    Path data;

    private final RecordingLogger log = new RecordingLogger();
    private final Registry registry = new Registry();
    private final List<Listener> activated = new CopyOnWriteArrayList<>();

    @AfterEach
    void deactivateAll() {
        activated.forEach(listener -> listener.deactivate(ComponentConstants.DEACTIVATION_REASON_DISABLED));
    }

    private static Map<String, Object> config(String file, String... keysAndValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(SettingsReader.FILE_PROPERTY, "file:/opt/liveaudio/config/" + file);
        properties.put("service.pid", "org.liveaudio.listener~" + file);
        properties.put("sink", "null");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    /** A component with its logger injected, activated as DS does. */
    private Listener activate(Map<String, Object> properties) throws ReflectiveOperationException {
        Listener listener = new Listener();
        Field logger = Listener.class.getDeclaredField("log");
        logger.setAccessible(true);
        logger.set(listener, log.logger());
        Field browser = Listener.class.getDeclaredField("browser");
        browser.setAccessible(true);
        browser.set(listener, new SapBrowser());
        listener.activate(registry.context(), properties);
        activated.add(listener);
        return listener;
    }

    @Test
    void activationRegistersTheListenerUnderTheNameOfItsFileAndSaysWhereItCameFrom()
            throws ReflectiveOperationException {
        activate(config("org.liveaudio.listener-kitchen.cfg"));

        Registration only = registry.only();
        assertEquals("kitchen", only.properties().get(ListenerControl.NAME));
        assertEquals("/opt/liveaudio/config/org.liveaudio.listener-kitchen.cfg",
                only.properties().get(ListenerNames.ORIGIN));
        assertEquals("kitchen", only.service().name());
    }

    @Test
    void aModifiedNameRenamesTheRegistrationAndTheEngine() throws ReflectiveOperationException {
        Listener listener = activate(config("org.liveaudio.listener-kitchen.cfg"));

        listener.modified(config("org.liveaudio.listener-kitchen.cfg", "name", "porch"));

        Registration only = registry.only();
        assertEquals("porch", only.properties().get(ListenerControl.NAME));
        assertEquals("porch", only.service().name());
    }

    @Test
    void aSecondListenerWithARunningListenersNameIsRefusedInOneLineAndStartsOnceRenamed()
            throws ReflectiveOperationException {
        activate(config("org.liveaudio.listener-kitchen.cfg"));

        Listener copy = activate(config("org.liveaudio.listener-copy.cfg", "name", "kitchen"));

        assertEquals(List.of("WARN /opt/liveaudio/config/org.liveaudio.listener-copy.cfg: name=kitchen refused; "
                + "allowed: a name no other listener has (the listener of "
                + "/opt/liveaudio/config/org.liveaudio.listener-kitchen.cfg is named so); this listener starts once it "
                + "is renamed"), log.lines().stream().filter(line -> line.startsWith("WARN")).toList());
        assertEquals("kitchen", registry.only().properties().get(ListenerControl.NAME), "the first plays on");

        copy.modified(config("org.liveaudio.listener-copy.cfg", "name", "porch"));
        assertEquals(List.of("kitchen", "porch"),
                registry.registrations.stream().map(r -> r.properties().get(ListenerControl.NAME)).toList());
    }

    @Test
    void deactivationUnregistersTheListener() throws ReflectiveOperationException {
        Listener listener = activate(config("org.liveaudio.listener-kitchen.cfg"));

        listener.deactivate(ComponentConstants.DEACTIVATION_REASON_DISABLED);
        activated.remove(listener);

        assertEquals(List.of(), registry.registrations);
    }

    @Test
    void unknownKeysAreWarnedOfWithTheKeyEachMostLikelyMeant() throws ReflectiveOperationException {
        Listener listener = activate(config("org.liveaudio.listener-kitchen.cfg", "bufferMilis", "40",
                "colour", "red", "service.factoryPid", "org.liveaudio.listener"));

        String file = "WARN /opt/liveaudio/config/org.liveaudio.listener-kitchen.cfg: ";
        assertEquals(List.of(file + "unknown key bufferMilis (did you mean bufferMillis?); it is ignored",
                file + "unknown key colour; it is ignored"), log.warnings());

        listener.modified(config("org.liveaudio.listener-kitchen.cfg", "snk", "wav"));
        assertEquals(file + "unknown key snk (did you mean sink?); it is ignored",
                log.warnings().get(log.warnings().size() - 1), "a modified configuration is checked again");
    }

    @Test
    void aRecordingOfAListenerWhoseBundleIsSwappedIsContinuedByTheListenerThatComesBack()
            throws ReflectiveOperationException, InterruptedException {
        Map<String, Object> recording = config("org.liveaudio.listener-kitchen.cfg", "sink", "wav", "file",
                data.resolve("kitchen.wav").toString());
        FakeSink wav = new FakeSink("wav");
        Listener before = activate(recording);
        before.bindSink(wav, Map.of(AudioSink.TYPE, "wav", Constants.SERVICE_ID, 1L));

        before.deactivate(ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED);
        activated.remove(before);
        Listener after = activate(recording);
        // Without a sink of its own yet, the successor closes the output its predecessor leaves it.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!wav.outputs.get(0).closed) {
            assertTrue(System.nanoTime() < deadline, "the output the predecessor left is closed");
            Thread.sleep(10);
        }
        after.bindSink(wav, Map.of(AudioSink.TYPE, "wav", Constants.SERVICE_ID, 1L));

        assertEquals(List.of(new SinkSettings(data.resolve("kitchen.wav"), false),
                new SinkSettings(data.resolve("kitchen.wav"), true)), wav.opened, "the recording goes on");
        assertEquals(List.of(), log.warnings());
    }

    @Test
    void aListenerWhoseBundleStopsLeavesItsSocketsToTheOneThatComesBackUnlessTheFrameworkStops()
            throws ReflectiveOperationException {
        Listener swapped = activate(config("org.liveaudio.listener-cellar.cfg"));
        swapped.bindTransport(new FakeTransport(), Map.of());
        swapped.deactivate(ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED);
        activated.remove(swapped);
        assertTrue(Succession.take("cellar").isPresent(), "an update or restart of the bundle: left for the successor");

        Listener disabled = activate(config("org.liveaudio.listener-loft.cfg"));
        disabled.bindTransport(new FakeTransport(), Map.of());
        disabled.deactivate(ComponentConstants.DEACTIVATION_REASON_DISABLED);
        activated.remove(disabled);
        Listener stopping = activate(config("org.liveaudio.listener-shed.cfg"));
        stopping.bindTransport(new FakeTransport(), Map.of());
        registry.frameworkState = Bundle.STOPPING;
        stopping.deactivate(ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED);
        activated.remove(stopping);
        assertEquals(Optional.empty(), Succession.take("loft"), "a listener stopped for good leaves nothing");
        assertEquals(Optional.empty(), Succession.take("shed"), "nor does one the framework stops");
    }

    @Test
    void aListenerStoppedForGoodLeavesNoRecordingToContinue() throws ReflectiveOperationException {
        Map<String, Object> recording = config("org.liveaudio.listener-kitchen.cfg", "sink", "wav", "file",
                data.resolve("kitchen.wav").toString());
        FakeSink wav = new FakeSink("wav");
        Listener before = activate(recording);
        before.bindSink(wav, Map.of(AudioSink.TYPE, "wav", Constants.SERVICE_ID, 1L));

        before.deactivate(ComponentConstants.DEACTIVATION_REASON_DISABLED);
        activated.remove(before);
        Listener after = activate(recording);
        after.bindSink(wav, Map.of(AudioSink.TYPE, "wav", Constants.SERVICE_ID, 1L));

        assertEquals(new SinkSettings(data.resolve("kitchen.wav"), false), wav.opened.get(1));
    }

    @Test
    void aTransportUnboundWhileTheFrameworkStopsHearsTheByeAndOneUnboundOtherwiseDoesNot()
            throws ReflectiveOperationException {
        Listener listener = activate(config("org.liveaudio.listener-kitchen.cfg"));
        FakeTransport first = new FakeTransport();
        listener.bindTransport(first, Map.of());
        FakeRtcpChannel firstChannel = first.openRtcp();

        listener.unbindTransport(first);
        assertEquals(List.of(), firstChannel.byes, "a transport swapped stays in the session");

        FakeTransport second = new FakeTransport();
        listener.bindTransport(second, Map.of());
        FakeRtcpChannel secondChannel = second.openRtcp();
        registry.frameworkState = Bundle.STOPPING;
        listener.unbindTransport(second);
        assertEquals(List.of("listener stopped"),
                secondChannel.byes.stream().map(FakeRtcpChannel.Bye::reason).toList());
        assertTrue(secondChannel.closed);
    }

    @Test
    void aTransportUnboundAfterTheContextWentIsNoReasonToSayBye() throws ReflectiveOperationException {
        Listener listener = activate(config("org.liveaudio.listener-kitchen.cfg"));
        FakeTransport transport = new FakeTransport();
        listener.bindTransport(transport, Map.of());
        FakeRtcpChannel channel = transport.openRtcp();
        registry.frameworkState = Bundle.STOPPING;
        registry.contextGone = true;

        listener.unbindTransport(transport);

        assertEquals(List.of(), channel.byes);
    }

    @Test
    void aRenameToARunningListenersNameIsRefusedAndTheOldNameKept() throws ReflectiveOperationException {
        activate(config("org.liveaudio.listener-kitchen.cfg"));
        Listener porch = activate(config("org.liveaudio.listener-porch.cfg"));

        porch.modified(config("org.liveaudio.listener-porch.cfg", "name", "kitchen"));

        assertEquals(List.of("WARN /opt/liveaudio/config/org.liveaudio.listener-porch.cfg: name=kitchen refused; "
                + "allowed: a name no other listener has (the listener of "
                + "/opt/liveaudio/config/org.liveaudio.listener-kitchen.cfg is named so); keeping the last good "
                + "configuration"), log.warnings());
        assertEquals(List.of("kitchen", "porch"),
                registry.registrations.stream().map(r -> r.properties().get(ListenerControl.NAME)).toList());
    }

    @Test
    void deactivationStopsTheListenersThreads() throws ReflectiveOperationException {
        Listener listener = activate(config("org.liveaudio.listener-kitchen.cfg"));

        listener.deactivate(ComponentConstants.DEACTIVATION_REASON_DISABLED);
        activated.remove(listener);

        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("liveaudio-listener-playout-kitchen")));
    }

    @Test
    void servicesComeAndGoThroughTheComponent() throws ReflectiveOperationException, InterruptedException {
        Listener listener = activate(config("org.liveaudio.listener-kitchen.cfg"));
        FakeL16Codec codec = new FakeL16Codec();
        FakeSink nothing = new FakeSink("null");
        listener.bindCodec(codec, Map.of(AudioCodec.NAME, "L16", Constants.SERVICE_ID, 1L));
        listener.bindSink(nothing, Map.of(AudioSink.TYPE, "null", Constants.SERVICE_ID, 2L));
        assertEquals(1, nothing.opened.size());

        listener.unbindSink(nothing);
        listener.unbindCodec(codec);
        FakeSink another = new FakeSink("null");
        listener.bindSink(another, Map.of(AudioSink.TYPE, "null", Constants.SERVICE_ID, 3L));

        assertTrue(nothing.outputs.get(0).closed);
        assertEquals(1, another.opened.size());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!log.at("info").contains("listener kitchen: no L16 codec registered (there are: none); frames play "
                + "as silence until one is")) {
            assertTrue(System.nanoTime() < deadline, "the codec, gone for a second, is said to be missing: "
                    + log.lines());
            Thread.sleep(10);
        }
    }

    @Test
    void anUnreadableRecordingMarkerIsWarnedOfAndTheRecordingStartsAnew() throws Exception {
        Path markers = Files.createDirectories(data.resolve("recordings"));
        Files.writeString(markers.resolve("recording-kitchen.properties"), "savedMillis=soon\n");

        activate(config("org.liveaudio.listener-kitchen.cfg"));

        assertEquals(1, log.warnings().size(), log.warnings().toString());
        assertTrue(log.warnings().get(0).startsWith("WARN listener kitchen: unreadable recording marker "),
                log.warnings().toString());
        assertTrue(log.warnings().get(0).endsWith("; the recording starts anew"), log.warnings().toString());
    }

    @Test
    void aRecordingThatCannotBeNotedForTheSwapIsWarnedOf() throws Exception {
        Map<String, Object> recording = config("org.liveaudio.listener-kitchen.cfg", "sink", "wav", "file",
                data.resolve("kitchen.wav").toString());
        Listener listener = activate(recording);
        listener.bindSink(new FakeSink("wav"), Map.of(AudioSink.TYPE, "wav", Constants.SERVICE_ID, 1L));
        Files.writeString(data.resolve("recordings"), "a file where the markers' folder goes");

        listener.deactivate(ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED);
        activated.remove(listener);

        assertEquals(1, log.warnings().size(), log.warnings().toString());
        assertTrue(log.warnings().get(0).startsWith("WARN listener kitchen: cannot note the recording "
                + data.resolve("kitchen.wav") + " for the bundle's return ("), log.warnings().toString());
        // What it left for a successor that this test does not start: a later test's listener of the name must not
        // find it.
        Succession.take("kitchen").ifPresent(departure -> departure.release().run());
    }

    private record Registration(ListenerControl service, Hashtable<String, Object> properties,
            ServiceReference<ListenerControl> reference) {
    }

    /** The bundle context's service registry, for ListenerControl services only, and its data area. */
    private final class Registry {
        final List<Registration> registrations = new CopyOnWriteArrayList<>();
        /** What the system bundle's getState answers. */
        volatile int frameworkState = Bundle.ACTIVE;
        /** Whether the context went with the bundle, as it does while the bundle stops. */
        volatile boolean contextGone;

        Registration only() {
            assertEquals(1, registrations.size(), registrations.toString());
            return registrations.get(0);
        }

        BundleContext context() {
            return proxy(BundleContext.class, (method, args) -> switch (method) {
                case "getDataFile" -> data.resolve((String) args[0]).toFile();
                case "getBundle" -> {
                    if (contextGone) {
                        throw new IllegalStateException("bundle context no longer valid");
                    }
                    yield proxy(Bundle.class, (bundleMethod, none) -> frameworkState);
                }
                case "registerService" -> register((ListenerControl) args[1], (Dictionary<?, ?>) args[2]);
                case "getServiceReferences" -> registrations.stream()
                        .filter(registration -> matches((String) args[1], registration))
                        .map(Registration::reference)
                        .toList();
                default -> throw new UnsupportedOperationException(method);
            });
        }

        private boolean matches(String filter, Registration registration) {
            try {
                return FrameworkUtil.createFilter(filter).match(registration.properties());
            } catch (InvalidSyntaxException e) {
                throw new AssertionError(filter, e);
            }
        }

        @SuppressWarnings("unchecked")
        private ServiceRegistration<ListenerControl> register(ListenerControl service, Dictionary<?, ?> properties) {
            Hashtable<String, Object> own = new Hashtable<>();
            for (Object key : Collections.list(properties.keys())) {
                own.put((String) key, properties.get(key));
            }
            ServiceReference<ListenerControl> reference = proxy(ServiceReference.class, (method, args) -> {
                if (method.equals("getProperty")) {
                    return own.get(args[0]);
                }
                throw new UnsupportedOperationException(method);
            });
            Registration registration = new Registration(service, own, reference);
            registrations.add(registration);
            return proxy(ServiceRegistration.class, (method, args) -> switch (method) {
                case "getReference" -> reference;
                case "setProperties" -> {
                    Dictionary<?, ?> changed = (Dictionary<?, ?>) args[0];
                    own.clear();
                    for (Object key : Collections.list(changed.keys())) {
                        own.put((String) key, changed.get(key));
                    }
                    yield null;
                }
                case "unregister" -> {
                    registrations.remove(registration);
                    yield null;
                }
                default -> throw new UnsupportedOperationException(method);
            });
        }
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<?> type, Answer answer) {
        return (T) Proxy.newProxyInstance(ListenerComponentTest.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    case "toString" -> type.getSimpleName();
                    default -> answer.answer(method.getName(), args);
                });
    }
}
