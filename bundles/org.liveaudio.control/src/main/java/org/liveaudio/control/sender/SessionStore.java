package org.liveaudio.control.sender;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.osgi.service.log.Logger;

/**
 * Keeps a {@link SessionState} in a file from one run of the sender to the next (the bundle's data area,
 * which survives a bundle update). A state is read once: a second start must not reuse sequence numbers.
 */
final class SessionStore {
    private final Path file;
    private final Logger log;

    /** @param file {@code null} where the framework has no file system; nothing is kept then */
    SessionStore(Path file, Logger log) {
        this.file = file;
        this.log = log;
    }

    void save(SessionState state) {
        if (file == null) {
            return;
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                state.toProperties().store(out, "RTP session of the Live Audio Streamer sender");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Cannot keep the RTP session in {} ({}); the next sender starts a new one", file, e.toString());
        }
    }

    /** The state saved last, if any, removing it from the store. */
    SessionState take() {
        if (file == null || !Files.exists(file)) {
            return null;
        }
        try {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            return SessionState.fromProperties(properties);
        } catch (IOException | IllegalArgumentException e) {
            log.info("Ignoring the unreadable RTP session in {} ({})", file, e.toString());
            return null;
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Cannot remove {} ({}); a later sender may repeat sequence numbers", file, e.toString());
            }
        }
    }
}
