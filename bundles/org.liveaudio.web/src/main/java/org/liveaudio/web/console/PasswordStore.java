package org.liveaudio.web.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.Objects;
import org.liveaudio.web.auth.PasswordFile;
import org.liveaudio.web.auth.PasswordHash;
import org.osgi.service.log.Logger;

/**
 * The console's password, read from its file when first needed and again whenever the file changes, so that a
 * new password takes effect without a restart. One log line per change of state (read, hashed, missing,
 * unreadable); never the password or its hash.
 */
final class PasswordStore {
    private final Path file;
    private final SecureRandom random;
    private final Logger log;
    private FileTime readAt;
    private PasswordHash hash;
    private String problem = "";

    PasswordStore(Path file, SecureRandom random, Logger log) {
        this.file = file;
        this.random = random;
        this.log = log;
    }

    Path file() {
        return file;
    }

    /** Whether {@code password} is the console's; false when there is no usable password file. */
    synchronized boolean matches(char[] password) {
        PasswordHash current = current();
        return current != null && current.matches(password);
    }

    /** Why no password can be checked, or empty when one can. */
    synchronized String problem() {
        current();
        return problem;
    }

    private PasswordHash current() {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            forget("no console password: " + file + " does not exist; the console changes nothing until it does "
                    + "(write a password into it, the console replaces it with its hash)");
            return null;
        } catch (IOException e) {
            forget("cannot read the console's password file " + file + ": " + e.getClass().getSimpleName());
            return null;
        }
        if (modified.equals(readAt)) {
            return hash;
        }
        try {
            PasswordFile.Loaded loaded = PasswordFile.load(file, random);
            hash = loaded.hash();
            readAt = Files.getLastModifiedTime(file);
            problem = "";
            log.info("Console password read from {}{}", file, loaded.hashedNow() ? ", and replaced by its hash" : "");
        } catch (IOException | IllegalArgumentException e) {
            forget("the console's password file " + file + " cannot be used (" + e.getMessage() + ")");
        }
        return hash;
    }

    private void forget(String reason) {
        hash = null;
        readAt = null;
        if (!Objects.equals(problem, reason)) {
            problem = reason;
            log.warn(reason);
        }
    }
}
