package org.liveaudio.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path folder;

    @Test
    void aPasswordInClearIsReplacedByItsHashReadableByItsOwnerOnly() throws IOException {
        Path file = folder.resolve("web.password");
        Files.writeString(file, "  open sesame\n");
        PasswordFile.Loaded loaded = PasswordFile.load(file, random);
        assertTrue(loaded.hashedNow());
        assertTrue(loaded.hash().matches("open sesame".toCharArray()));
        String stored = Files.readString(file);
        assertFalse(stored.contains("open sesame"), stored);
        assertTrue(PasswordHash.isHashed(stored), stored);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var left = Files.list(folder)) {
            assertEquals(1, left.count(), "no temporary file is left beside it");
        }
    }

    @Test
    void aHashedFileIsReadAsItIs() throws IOException {
        Path file = folder.resolve("web.password");
        String line = PasswordHash.of("pw".toCharArray(), random, 100).line();
        Files.writeString(file, "\n" + line + "\n");
        PasswordFile.Loaded loaded = PasswordFile.load(file, random);
        assertFalse(loaded.hashedNow());
        assertTrue(loaded.hash().matches("pw".toCharArray()));
        assertEquals("\n" + line + "\n", Files.readString(file));
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path file = folder.resolve("web.password");
        Files.writeString(file, "\n \n");
        assertThrows(IOException.class, () -> PasswordFile.load(file, random));
    }
}
