package org.liveaudio.control.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;

class RelaySettingsTest {
    private static final IcecastRelay.Config DEFAULTS = SettingsReader.defaults(IcecastRelay.Config.class);

    @TempDir
    Path folder;

    private Path passwordFile;

    @BeforeEach
    void writePassword() throws Exception {
        passwordFile = folder.resolve("password");
        Files.writeString(passwordFile, "  s3cret  \nsecond line\n");
    }

    @Test
    void theDefaultsNeedOnlyThePasswordFile() throws Exception {
        RelaySettings settings = RelaySettings.read(Map.of("passwordFile", passwordFile.toString()), DEFAULTS);

        assertEquals(new RelaySettings("127.0.0.1", 8000, "/live.opus", "source", passwordFile, 128,
                "Live Audio Streamer"), settings);
        assertEquals("http://127.0.0.1:8000/live.opus", settings.target());
        assertEquals("s3cret", RelaySettings.password(passwordFile));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "url | https://example.org:8443",
        "url | http://example.org",
        "url | http://example.org:8000/live.opus",
        "url | http://user:pw@example.org:8000",
        "url | not a url",
        "mount | live.opus",
        "mount | /",
        "mount | /a b",
        "user | a:b",
        "user | ''",
        "bitrate | 5",
        "bitrate | 511",
        "bitrate | fast"})
    void aBadValueIsRefusedNamingItsKey(String key, String value) {
        Map<String, Object> properties = new HashMap<>(Map.of("passwordFile", passwordFile.toString()));
        properties.put(key, value);

        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> RelaySettings.read(properties, DEFAULTS));
        assertEquals(key, refused.key());
        assertEquals(value, refused.value());
    }

    @Test
    void aNameOfMoreThanOneLineIsRefusedSoThatItCannotAddARequestHeader() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> RelaySettings.read(
                Map.of("passwordFile", passwordFile.toString(), "name", "x\r\nX-Evil: 1"), DEFAULTS));
        assertEquals("name", refused.key());
    }

    @Test
    void anEmptyPasswordFileIsRefusedWithoutAnyOfItsContent() throws Exception {
        Files.writeString(passwordFile, "\n");
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> RelaySettings.password(passwordFile));
        assertEquals("passwordFile", refused.key());
        assertEquals(passwordFile.toString(), refused.value());
    }

    @Test
    void aPasswordNeverShowsInTheRefusalOfAnotherKey() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> RelaySettings.read(
                Map.of("passwordFile", passwordFile.toString(), "bitrate", "0"), DEFAULTS));
        assertFalse(refused.getMessage().contains("s3cret"));
    }
}
