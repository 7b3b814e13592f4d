package org.liveaudio.listener.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.common.config.UnknownKeys;
import org.liveaudio.listener.sap.StreamTuning;
import org.liveaudio.api.testing.MetaTypeAttributes;
import org.liveaudio.api.testing.MetaTypeAttributes.Attribute;

/**
 * The listener's {@link Listener.Config}, and the MetaType bnd generates from it, against what
 * {@link ListenerSettings} reads: the same keys, defaults, ranges and choices, so that they cannot drift apart.
 */
class ListenerConfigTest {
    private static final String FILE_URL = "file:/opt/liveaudio/config/org.liveaudio.listener-demo.cfg";

    static Stream<Arguments> keysAndDefaults() {
        return Arrays.stream(Listener.Config.class.getDeclaredMethods())
                .map(m -> Arguments.of(key(m), String.valueOf(m.getDefaultValue())));
    }

    static Stream<Arguments> rangedKeys() {
        return MetaTypeAttributes.of(Listener.Config.class).stream().filter(a -> a.min() != null || a.max() != null)
                .map(a -> Arguments.of(a.id(), a));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("keysAndDefaults")
    void theDeclaredDefaultIsWhatAnAbsentKeyReads(String key, String declared) throws Exception {
        assertEquals(ListenerSettings.read(fromFile(Map.of())), ListenerSettings.read(fromFile(Map.of(key, declared))),
                key);
    }

    @Test
    void theListenerReadsExactlyTheKeysItsConfigDescribes() throws Exception {
        Set<String> asked = new TreeSet<>();
        Map<String, Object> recording = new HashMap<>() {
            @Override
            public Object get(Object key) {
                asked.add((String) key);
                return super.get(key);
            }
        };

        ListenerSettings.read(recording);

        // Besides its own keys, a listener asks where its configuration came from, for its default name.
        // Its own keys are those its unknown-key warning takes as known.
        // stream=NAME is the component's to resolve (into group, port, codec...) before the settings are read.
        Set<String> expected = new TreeSet<>(UnknownKeys.declaredBy(Listener.Config.class));
        expected.remove(StreamTuning.KEY_STREAM);
        expected.addAll(List.of(SettingsReader.FILE_PROPERTY, "service.pid"));
        assertEquals(expected, asked);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rangedKeys")
    void theMetaTypeRangeIsWhatIsAcceptedAndJustOutsideItIsRefused(String key, Attribute attribute) {
        if (attribute.min() != null) {
            assertNotRefusedFor(key, attribute.min());
            assertRefusedFor(key, new BigDecimal(attribute.min()).subtract(BigDecimal.ONE).toPlainString());
        }
        if (attribute.max() != null) {
            assertNotRefusedFor(key, attribute.max());
            assertRefusedFor(key, new BigDecimal(attribute.max()).add(BigDecimal.ONE).toPlainString());
        }
    }

    @Test
    void theMetaTypeOffersEverySinkTheListenerTakes() {
        Attribute sink = MetaTypeAttributes.of(Listener.Config.class).stream()
                .filter(a -> a.id().equals(ListenerSettings.SINK)).findFirst().orElseThrow();

        assertEquals(List.copyOf(ListenerSettings.SINKS), sink.options());
    }

    @Test
    void theMetaTypeShowsTheConfigsDefaults() {
        Map<String, String> declared = keysAndDefaults().map(Arguments::get)
                .collect(Collectors.toMap(pair -> (String) pair[0], pair -> (String) pair[1]));

        for (Attribute attribute : MetaTypeAttributes.of(Listener.Config.class)) {
            assertEquals(declared.get(attribute.id()), attribute.fallback(), attribute.id());
        }
    }

    private static void assertNotRefusedFor(String key, String value) {
        try {
            ListenerSettings.read(fromFile(Map.of(key, value)));
        } catch (InvalidSettingException e) {
            assertNotEquals(key, e.key(), e.getMessage());
        }
    }

    private static void assertRefusedFor(String key, String value) {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> ListenerSettings.read(fromFile(Map.of(key, value))), key + "=" + value);
        assertEquals(key, refused.key());
        assertEquals(value, refused.value());
    }

    /** The property name DS and MetaType derive from an element's name; ours only drop a trailing {@code $}. */
    private static String key(Method element) {
        return element.getName().replace("$", "");
    }

    private static Map<String, Object> fromFile(Map<String, String> keys) {
        Map<String, Object> properties = new HashMap<>(keys);
        properties.put(SettingsReader.FILE_PROPERTY, FILE_URL);
        return properties;
    }
}
