package org.liveaudio.control.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.liveaudio.api.net.StreamKey;

/**
 * What {@code stream:newkey} does: a fresh key from the platform's strong random source, printed once for the user
 * to keep, or written to a new file that only its owner can read, never over an existing one (which may hold the key
 * a running stream uses).
 */
final class NewKey {
    private static final SecureRandom RANDOM = new SecureRandom();

    private NewKey() {
    }

    static String printed() {
        StreamKey key = StreamKey.generate(RANDOM);
        return key.inline() + "\n(a new " + key + ": put it alone in a file readable only by you, e.g. with "
                + "umask 077, and name that file as keyFile in the sender's and the listeners' configuration; "
                + "it is not shown again)";
    }

    static String written(String location) {
        return written(location, StreamKey.SUITE);
    }

    /** As {@link #written(String)}, a key of {@code suite}. */
    static String written(String location, String suite) {
        if (!StreamKey.SUITE.equals(suite) && !StreamKey.SUITE_GCM.equals(suite)) {
            return "not written: no suite " + suite + " (there are " + StreamKey.SUITE + " and " + StreamKey.SUITE_GCM
                    + ")";
        }
        Path file = Path.of(location).toAbsolutePath().normalize();
        StreamKey key = StreamKey.generate(RANDOM, suite);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, "# " + key.suite() + " key (RFC 4568 inline), made by stream:newkey\n"
                    + key.inline() + "\n", StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            return "not written: " + file + " exists (it may hold the key a stream uses); name a new file";
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot write " + file + ": " + e;
        }
        return "wrote a new " + key + " to " + file + " (rw-------); set keyFile=" + file
                + " in the sender's and the listeners' configuration, and give the listeners' machines a copy";
    }
}
