package org.liveaudio.web.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * The console's password, in a file of its own. The file holds one line: the password's {@link PasswordHash}, or,
 * as a user first writes it, the password itself, which {@link #load} replaces with its hash at once (as
 * {@code mosquitto_passwd -U} does), so the password is on disk in clear only until the console first reads it.
 */
public final class PasswordFile {
    private PasswordFile() {
    }

    /** What reading the file gave: the hash, and whether the file was rewritten to hold it. */
    public record Loaded(PasswordHash hash, boolean hashedNow) {
    }

    /**
     * Reads the password file, hashing a password found in clear and writing the hash back (readable by its owner
     * only).
     *
     * @throws IOException when the file cannot be read or rewritten, or is empty; the message never holds its
     *     content
     * @throws IllegalArgumentException when the line looks hashed but is damaged
     */
    public static Loaded load(Path file, SecureRandom random) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String line = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        if (line.isEmpty()) {
            throw new IOException("it is empty");
        }
        if (PasswordHash.isHashed(line)) {
            return new Loaded(PasswordHash.parse(line), false);
        }
        char[] password = line.strip().toCharArray();
        PasswordHash hash = PasswordHash.of(password, random);
        Arrays.fill(password, '\0');
        write(file, hash);
        return new Loaded(hash, true);
    }

    /** Writes {@code hash} to {@code file} whole or not at all, readable and writable by its owner only. */
    public static void write(Path file, PasswordHash hash) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(folder, ".password", ".tmp");
        try {
            setOwnerOnly(temporary);
            Files.writeString(temporary, hash.line() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void setOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): its folder's permissions guard it.
        }
    }
}
