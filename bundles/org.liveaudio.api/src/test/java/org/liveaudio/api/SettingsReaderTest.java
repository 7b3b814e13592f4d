package org.liveaudio.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {
    @interface Typed {
        int port() default 5004;

        String interface$() default "lo";

        double frameMillis();
    }

    private final SettingsReader reader = new SettingsReader(Map.of(
            "port", "5004", "bad", "abc", "big", "70000", "rate", 2.5, "loop", "FALSE", "sink", "WAV",
            SettingsReader.FILE_PROPERTY, "file:/opt/liveaudio/config/org.liveaudio.sender.cfg"));

    @Test
    void readsTextAndTypedValuesAndFallsBackWhenAbsent() throws Exception {
        assertEquals(5004, reader.integer("port", 1, 1, 65534));
        assertEquals(7, reader.integer("absent", 7, 1, 10));
        assertEquals(2.5, reader.decimal("rate", 5, 0.1, 100));
        assertFalse(reader.bool("loop", true));
        assertEquals("wav", reader.choice("sink", "speaker", new LinkedHashSet<>(List.of("speaker", "wav", "null"))));
    }

    @Test
    void originIsTheConfigurationFile() {
        assertEquals("/opt/liveaudio/config/org.liveaudio.sender.cfg", reader.origin());
    }

    @Test
    void badValuesAreRefusedWithKeyValueAndAllowed() {
        InvalidSettingException notNumber = assertThrows(InvalidSettingException.class,
                () -> reader.integer("bad", 1, 1, 65534));
        assertEquals("bad=abc refused; allowed: a whole number in 1..65534", notNumber.getMessage());
        assertEquals("big", assertThrows(InvalidSettingException.class,
                () -> reader.integer("big", 1, 1, 65534)).key());
        assertEquals("rate", assertThrows(InvalidSettingException.class,
                () -> reader.integer("rate", 1, 1, 10)).key());
        assertEquals("bad", assertThrows(InvalidSettingException.class, () -> reader.bool("bad", true)).key());
        assertEquals("sink=WAV refused; allowed: one of speaker, null", assertThrows(InvalidSettingException.class,
                () -> reader.choice("sink", "speaker", new LinkedHashSet<>(List.of("speaker", "null")))).getMessage());
    }

    @Test
    void defaultsAreTheTypedConfigurationsOwn() {
        Typed defaults = SettingsReader.defaults(Typed.class);

        assertEquals(5004, defaults.port());
        assertEquals("lo", defaults.interface$());
        assertEquals(Typed.class, defaults.annotationType());
        assertTrue(defaults.toString().contains(Typed.class.getName()), defaults.toString());
    }

    @Test
    void anElementWithoutADefaultSaysSoWhenRead() {
        Typed defaults = SettingsReader.defaults(Typed.class);

        IllegalStateException none = assertThrows(IllegalStateException.class, defaults::frameMillis);
        assertTrue(none.getMessage().endsWith("frameMillis() declares no default"), none.getMessage());
    }
}
