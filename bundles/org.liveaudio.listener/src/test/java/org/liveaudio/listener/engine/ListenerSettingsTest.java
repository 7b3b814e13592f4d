package org.liveaudio.listener.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.net.StreamKey;

class ListenerSettingsTest {
    private static final String FILE_URL = "file:/opt/liveaudio/config/org.liveaudio.listener-demo.cfg";

    private static Map<String, Object> fromFile(String... keysAndValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(SettingsReader.FILE_PROPERTY, FILE_URL);
        properties.put("service.pid", "org.liveaudio.listener~demo");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void absentKeysTakeTheDefaultsAndTheNameComesFromTheFile() throws InvalidSettingException {
        ListenerSettings settings = ListenerSettings.read(fromFile());

        assertEquals("demo", settings.name());
        assertEquals("239.255.0.1:5004 on lo", settings.endpoint().toString());
        assertEquals(1, settings.endpoint().ttl());
        assertEquals(20, settings.bufferMillis());
        assertEquals("speaker", settings.sink());
        assertEquals(Path.of("recordings/demo.wav").toAbsolutePath(), settings.file());
        assertEquals("L16", settings.codec());
        assertEquals(96, settings.payloadType());
        assertEquals(new AudioFormat(48_000, 2), settings.format());
    }

    @Test
    void everyKeyIsRead() throws InvalidSettingException {
        ListenerSettings settings = ListenerSettings.read(fromFile("name", "kitchen", "group", "239.255.7.7",
                "port", "6000", "interface", "lo", "bufferMillis", "0", "sink", "WAV", "file", "/tmp/k.wav",
                "codec", "opus", "payloadType", "127", "sampleRate", "44100", "channels", "1",
                "clockOffsetMillis", "-50", "clockDriftPpm", "100"));

        assertEquals("kitchen", settings.name());
        assertEquals("239.255.7.7:6000 on lo", settings.endpoint().toString());
        assertEquals(0, settings.bufferMillis());
        assertEquals("wav", settings.sink());
        assertEquals(Path.of("/tmp/k.wav"), settings.file());
        assertEquals("opus", settings.codec());
        assertEquals(127, settings.payloadType());
        assertEquals(new AudioFormat(44_100, 1), settings.format());
        assertEquals(-50, settings.clockOffsetMillis());
        assertEquals(100, settings.clockDriftPpm());
    }

    @Test
    void typedValuesFromCodeAreAccepted() throws InvalidSettingException {
        Map<String, Object> properties = fromFile();
        properties.put("port", 5008);
        properties.put("bufferMillis", 40L);

        ListenerSettings settings = ListenerSettings.read(properties);

        assertEquals(5008, settings.endpoint().port());
        assertEquals(40, settings.bufferMillis());
    }

    @Test
    void emptyNameAndFileMeanTheDefaults() throws InvalidSettingException {
        ListenerSettings settings = ListenerSettings.read(fromFile("name", "", "file", " "));

        assertEquals("demo", settings.name());
        assertEquals(Path.of("recordings/demo.wav").toAbsolutePath(), settings.file());
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource(delimiter = '|', value = {
        "name|bad/name",
        "name|-dash",
        "group|10.0.0.1",
        "group|255.255.255.255",
        "group|stream.example.org",
        "port|0",
        "port|65535",
        "port|http",
        "port|5004.5",
        "interface|nosuch0",
        "bufferMillis|-1",
        "bufferMillis|2001",
        "bufferMillis|twenty",
        "sink|tape",
        "sink|''",
        "codec|L 16",
        "payloadType|-1",
        "payloadType|128",
        "payloadType|dynamic",
        "sampleRate|7999",
        "sampleRate|192001",
        "sampleRate|48k",
        "channels|0",
        "channels|9",
        "channels|stereo",
        "clockOffsetMillis|10001",
        "clockDriftPpm|-501",
        "clockDriftPpm|501",
        "clockDriftPpm|fast"
    })
    void badValueIsRefusedNamingItsKey(String key, String value) {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> ListenerSettings.read(fromFile(key, value)));

        assertEquals(key, refused.key());
        assertEquals(value, refused.value());
    }

    @Test
    void folderAsFileIsRefused(@TempDir Path folder) {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> ListenerSettings.read(fromFile("file", folder.toString())));

        assertEquals("file", refused.key());
    }

    @Test
    void unusablePathAsFileIsRefused() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> ListenerSettings.read(fromFile("file", "rec\u0000ording.wav")));

        assertEquals("file", refused.key());
    }

    @Test
    void aKeyFileIsReadAndAMissingOrMalformedOneRefusedWithoutItsContent(@TempDir Path folder) throws Exception {
        StreamKey key = StreamKey.generate(new java.security.SecureRandom());
        Path file = folder.resolve("stream.key");
        java.nio.file.Files.writeString(file, key.inline());
        assertEquals(key, ListenerSettings.read(fromFile("keyFile", file.toString())).key());
        assertEquals(null, ListenerSettings.read(fromFile()).key());

        InvalidSettingException missing = assertThrows(InvalidSettingException.class,
                () -> ListenerSettings.read(fromFile("keyFile", folder.resolve("absent.key").toString())));
        assertEquals("keyFile", missing.key());
        java.nio.file.Files.writeString(file, key.inline().substring(2));
        InvalidSettingException malformed = assertThrows(InvalidSettingException.class,
                () -> ListenerSettings.read(fromFile("keyFile", file.toString())));
        assertEquals("keyFile", malformed.key());
        org.junit.jupiter.api.Assertions.assertTrue(malformed.value().startsWith(file.toString()), malformed.value());
        org.junit.jupiter.api.Assertions.assertFalse(malformed.getMessage().contains(key.inline().substring(2)));
    }

    @Test
    void refusalSaysWhatIsAllowed() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> ListenerSettings.read(fromFile("sink", "tape")));

        assertEquals("sink=tape refused; allowed: one of speaker, wav, null, timing", refused.getMessage());
    }

    @Test
    void defaultNameComesFromTheFileElseFromThePid() {
        assertEquals("demo", ListenerSettings.defaultName(fromFile()));
        assertEquals("my room", ListenerSettings.defaultName(
                Map.of(SettingsReader.FILE_PROPERTY, "file:/c/org.liveaudio.listener-my%20room.cfg")));
        assertEquals("hall", ListenerSettings.defaultName(Map.of("service.pid", "org.liveaudio.listener~hall")));
        assertEquals("org.liveaudio.listener.3f2a",
                ListenerSettings.defaultName(Map.of("service.pid", "org.liveaudio.listener.3f2a")));
    }

    @Test
    void nameOfABadConfigurationFallsBackToTheDefault() {
        assertEquals("demo", ListenerSettings.nameOf(fromFile("name", "no/slashes")));
        assertEquals("kitchen", ListenerSettings.nameOf(fromFile("name", "kitchen", "port", "x")));
    }

    @Test
    void changesAreDescribedKeyByKey() throws InvalidSettingException {
        ListenerSettings before = ListenerSettings.read(fromFile());
        ListenerSettings after = ListenerSettings.read(fromFile("port", "5006", "sink", "wav"));

        assertEquals("endpoint 239.255.0.1:5004 on lo -> 239.255.0.1:5006 on lo, sink speaker -> wav",
                after.changesSince(before));
        assertEquals("", after.changesSince(after));
    }

    @Test
    void everyChangedKeyIsDescribedInTheOrderOfTheFile() throws InvalidSettingException {
        ListenerSettings before = ListenerSettings.read(fromFile());
        ListenerSettings after = ListenerSettings.read(fromFile("name", "porch", "group", "239.255.0.2",
                "bufferMillis", "40", "sink", "null", "file", "/tmp/porch.wav", "codec", "opus", "payloadType", "97",
                "channels", "1", "clockOffsetMillis", "3", "clockDriftPpm", "-7"));

        assertEquals("name demo -> porch, endpoint 239.255.0.1:5004 on lo -> 239.255.0.2:5004 on lo, "
                + "bufferMillis 20 -> 40, sink speaker -> null, file " + before.file() + " -> /tmp/porch.wav, "
                + "codec L16 -> opus, payloadType 96 -> 97, format " + before.format() + " -> " + after.format()
                + ", clockOffsetMillis 0 -> 3, clockDriftPpm 0 -> -7", after.changesSince(before));
    }

    @Test
    void aFileLocationThatIsNoFileUriNamesTheListenerByItsLastSegment() {
        assertEquals("porch", ListenerSettings.defaultName(
                Map.of(SettingsReader.FILE_PROPERTY, "/etc/liveaudio/org.liveaudio.listener-porch.cfg")));
        assertEquals("den", ListenerSettings.defaultName(
                Map.of(SettingsReader.FILE_PROPERTY, "C:\\liveaudio\\org.liveaudio.listener-den.config")));
    }
}
