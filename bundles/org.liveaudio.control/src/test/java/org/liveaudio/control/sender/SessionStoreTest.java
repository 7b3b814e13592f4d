package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.testing.RecordingLogger;

/** The session kept from one run of the sender to the next, read once. */
class SessionStoreTest {
    private static final SessionState STATE = new SessionState(0x1234_5678L, 65_535, 4_000_000_000L, 300, 288_000,
            1_440, "file:/music/a.wav", 1_700_000_000_000L, new SessionShape(48_000, 2, 5_000, "L16", 96));

    @TempDir
    Path dir;

    private final RecordingLogger log = new RecordingLogger();

    @Test
    void aSavedSessionIsTakenBackOnceAsItWas() {
        SessionStore store = new SessionStore(dir.resolve("session.properties"), log.logger());

        store.save(STATE);

        assertEquals(STATE, store.take());
        assertNull(store.take(), "a second start must not reuse the sequence numbers");
        assertEquals(List.of(), log.lines());
    }

    @Test
    void anUnreadableSessionIsIgnoredInOneLineAndRemoved() throws Exception {
        Path file = Files.writeString(dir.resolve("session.properties"), "ssrc=not a number\n");
        SessionStore store = new SessionStore(file, log.logger());

        assertNull(store.take());

        assertFalse(Files.exists(file));
        assertEquals(1, log.lines().size(), log.lines().toString());
        assertTrue(log.lines().get(0).startsWith("INFO Ignoring the unreadable RTP session in " + file),
                log.lines().get(0));
    }

    @Test
    void aSessionThatCannotBeRemovedIsWarnedOfForALaterSenderMayRepeatItsSequenceNumbers() throws Exception {
        Path file = Files.createDirectory(dir.resolve("session.properties"));
        Files.writeString(file.resolve("in the way"), "");
        SessionStore store = new SessionStore(file, log.logger());

        assertNull(store.take());

        assertTrue(log.warnings().stream().anyMatch(line -> line.startsWith("WARN Cannot remove " + file)),
                log.lines().toString());
    }

    @Test
    void aSessionThatCannotBeKeptIsWarnedOf() {
        Path file = dir.resolve("no such folder").resolve("session.properties");

        new SessionStore(file, log.logger()).save(STATE);

        assertEquals(1, log.warnings().size(), log.lines().toString());
        assertTrue(log.warnings().get(0).startsWith("WARN Cannot keep the RTP session in " + file),
                log.warnings().get(0));
    }

    @Test
    void withoutAFileSystemNothingIsKept() {
        SessionStore store = new SessionStore(null, log.logger());

        store.save(STATE);

        assertNull(store.take());
        assertEquals(List.of(), log.lines());
    }
}
