package org.liveaudio.control.sender;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.common.config.UnknownKeys;
import org.liveaudio.api.testing.MetaTypeAttributes;
import org.liveaudio.api.testing.MetaTypeAttributes.Attribute;

/**
 * The sender's {@link Broadcaster.Config}, and the MetaType bnd generates from it, against what
 * {@link SenderSettings} reads: the same keys, defaults, ranges and choices, so that they cannot drift apart.
 * Settings are read without a codec, so that only the sender's own checks apply.
 */
class SenderConfigTest {
    static Stream<Method> declaredDefaults() {
        return Arrays.stream(Broadcaster.Config.class.getDeclaredMethods()).filter(m -> m.getDefaultValue() != null);
    }

    static Stream<Arguments> keysAndDefaults() {
        return declaredDefaults().map(m -> Arguments.of(key(m), String.valueOf(m.getDefaultValue())));
    }

    static Stream<Arguments> rangedKeys() {
        return MetaTypeAttributes.of(Broadcaster.Config.class).stream().filter(a -> a.min() != null || a.max() != null)
                .map(a -> Arguments.of(a.id(), a));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("keysAndDefaults")
    void theDeclaredDefaultIsWhatAnAbsentKeyReads(String key, String declared) throws Exception {
        assertEquals(comparable(read(Map.of())), comparable(read(Map.of(key, declared))), key);
    }

    @Test
    void onlyTheFrameLengthDeclaresNoDefaultBecauseTheCodecsOwnApplies() {
        assertEquals(List.of(SenderSettings.KEY_FRAME_MILLIS), Arrays.stream(Broadcaster.Config.class
                .getDeclaredMethods()).filter(m -> m.getDefaultValue() == null).map(SenderConfigTest::key).toList());
    }

    @Test
    void theSenderReadsExactlyTheKeysItsConfigDescribes() throws Exception {
        Set<String> asked = new TreeSet<>();
        Map<String, Object> recording = new HashMap<>() {
            @Override
            public Object get(Object key) {
                asked.add((String) key);
                return super.get(key);
            }
        };

        read(recording);

        // The keys the sender reads are those its unknown-key warning takes as known: no typo slips by, no key
        // that is read is warned of.
        assertEquals(UnknownKeys.declaredBy(Broadcaster.Config.class), asked);
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
    void theMetaTypeOffersEverySourceTheSenderTakes() {
        Attribute source = MetaTypeAttributes.of(Broadcaster.Config.class).stream()
                .filter(a -> a.id().equals(SenderSettings.KEY_SOURCE)).findFirst().orElseThrow();

        assertEquals(List.copyOf(SenderSettings.SOURCES), source.options());
    }

    @Test
    void theMetaTypeShowsTheConfigsDefaults() {
        for (Attribute attribute : MetaTypeAttributes.of(Broadcaster.Config.class)) {
            Object declared = declaredDefaults().filter(m -> key(m).equals(attribute.id()))
                    .map(Method::getDefaultValue).findFirst().orElse(null);
            assertEquals(declared == null ? null : String.valueOf(declared), attribute.fallback(), attribute.id());
        }
    }

    private static void assertNotRefusedFor(String key, String value) {
        try {
            read(Map.of(key, value));
        } catch (InvalidSettingException e) {
            assertNotEquals(key, e.key(), e.getMessage());
        }
    }

    private static void assertRefusedFor(String key, String value) {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> read(Map.of(key, value)),
                key + "=" + value);
        assertEquals(key, refused.key());
        assertEquals(value, refused.value());
    }

    /** The property name DS and MetaType derive from an element's name; ours only drop a trailing {@code $}. */
    private static String key(Method element) {
        return element.getName().replace("$", "");
    }

    private static SenderSettings read(Map<String, ?> properties) throws InvalidSettingException {
        return SenderSettings.read(new SettingsReader(properties), name -> null);
    }

    /** Without the raw configuration, which naturally holds the keys as given. */
    private static SenderSettings comparable(SenderSettings s) {
        return new SenderSettings(s.endpoint(), s.source(), s.file(), s.stream(), s.loop(), s.toneHz(), s.pipe(),
                s.format(), s.frameMicros(), s.codec(), s.payloadType(), s.sdpFile(), s.playoutDelayMicros(),
                Map.of(), s.key(), s.announcing());
    }
}
