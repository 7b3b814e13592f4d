package org.liveaudio.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.web.json.ApiException;

class SourceChoiceTest {
    /** The sender's configuration as a map; counts the updates, which a refused choice must not make. */
    private static final class FakeSender implements SenderConfiguration {
        Map<String, Object> properties;
        int updates;

        @Override
        public Map<String, Object> current() {
            return properties == null ? null : new HashMap<>(properties);
        }

        @Override
        public void update(Map<String, Object> next) {
            properties = new HashMap<>(next);
            updates++;
        }
    }

    @TempDir
    Path folder;

    private final FakeSender sender = new FakeSender();
    private Path music;
    private SourceChoice choice;

    @BeforeEach
    void music() throws IOException {
        music = Files.createDirectory(folder.resolve("music"));
        Files.writeString(music.resolve("b.flac"), "");
        Files.writeString(music.resolve("a.wav"), "");
        Files.writeString(music.resolve("evening.m3u"), "");
        Files.writeString(music.resolve("notes.txt"), "");
        Files.createDirectory(music.resolve("sub.wav"));
        Files.writeString(folder.resolve("secret.wav"), "");
        sender.properties = new HashMap<>(Map.of("source", "melody", "group", "239.255.0.9",
                "felix.fileinstall.filename", "file:/x/org.liveaudio.sender.cfg"));
        choice = new SourceChoice(sender, music);
    }

    @Test
    void theChoicesAreTheBuiltInSourcesAndThePlayableFilesOfTheMusicFolder() throws Exception {
        SourceChoice.Choices choices = choice.choices();
        assertEquals("melody", choices.source());
        assertNull(choices.file());
        assertEquals(List.of("a.wav", "b.flac", "evening.m3u"), choices.files());
        assertEquals(SourceChoice.BUILT_IN, choices.sources());
        assertEquals(List.of(), new SourceChoice(sender, folder.resolve("none")).files());
    }

    @Test
    void aBuiltInSourceBecomesTheSendersSourceAndEveryOtherKeyStays() throws Exception {
        choice.choose("Tone", null);
        assertEquals(1, sender.updates);
        assertEquals("tone", sender.properties.get("source"));
        assertEquals("239.255.0.9", sender.properties.get("group"));
        assertEquals("file:/x/org.liveaudio.sender.cfg", sender.properties.get("felix.fileinstall.filename"));
    }

    @Test
    void aFileOfTheMusicFolderIsPlayedByItsAbsolutePath() throws Exception {
        choice.choose("file", "b.flac");
        assertEquals("file", sender.properties.get("source"));
        assertEquals(music.resolve("b.flac").toAbsolutePath().toString(), sender.properties.get("file"));
        assertEquals("b.flac", choice.choices().file());
    }

    @Test
    void anUnknownSourceOrFileIsRefused400AndChangesNothing() {
        for (String[] refused : new String[][] {{"radio", null}, {"", null}, {"file", null}, {"file", "c.wav"},
            {"file", "notes.txt"}, {"file", "../secret.wav"}, {"file", "sub.wav"},
            {"file", music.resolve("a.wav").toString()}}) {
            ApiException e = assertThrows(ApiException.class, () -> choice.choose(refused[0], refused[1]),
                    String.join(",", String.valueOf(refused[0]), String.valueOf(refused[1])));
            assertEquals(400, e.status(), e.getMessage());
        }
        assertEquals(0, sender.updates);
        assertEquals("melody", sender.properties.get("source"));
    }

    @Test
    void thePipeWithoutAPipeConfiguredIsRefused409() throws Exception {
        ApiException e = assertThrows(ApiException.class, () -> choice.choose("pipe", null));
        assertEquals(409, e.status());
        assertEquals(0, sender.updates);
        sender.properties.put("pipeCommand", "cat /dev/zero");
        choice.choose("pipe", null);
        assertEquals("pipe", sender.properties.get("source"));
    }

    @Test
    void aSenderWithoutConfigurationIsRefused409() {
        sender.properties = null;
        assertEquals(409, assertThrows(ApiException.class, () -> choice.choose("melody", null)).status());
        assertEquals(0, sender.updates);
    }

    @Test
    void theRefusalQuotesWhatWasGivenCutShortAndWithoutControlCharacters() {
        ApiException e = assertThrows(ApiException.class, () -> choice.choose("x\n\"" + "y".repeat(100), null));
        assertTrue(e.getMessage().contains("\"x??yyyy"), e.getMessage());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }
}
