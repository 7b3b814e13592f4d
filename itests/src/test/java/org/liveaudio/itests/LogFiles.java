package org.liveaudio.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a test shows of a peer's or a process's log when it fails. */
final class LogFiles {
    private LogFiles() {
    }

    /** The end of {@code log} (empty if there is none yet), for a failure's message. */
    static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return text.substring(Math.max(0, text.length() - 2000));
    }
}
