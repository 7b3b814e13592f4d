package org.liveaudio.control.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.net.StreamKey;

class NewKeyTest {
    @TempDir
    Path folder;

    @Test
    void aPrintedKeyIsFreshEachTimeAndParses() {
        String first = NewKey.printed();
        String second = NewKey.printed();
        String key = first.lines().findFirst().orElseThrow();
        assertEquals(40, key.length());
        StreamKey.parse(key);
        assertNotEquals(key, second.lines().findFirst().orElseThrow());
    }

    @Test
    void aWrittenKeyIsInANewFileOnlyItsOwnerReadsAndIsNotShown() throws Exception {
        Path file = folder.resolve("stream.key");
        String said = NewKey.written(file.toString());

        StreamKey key = StreamKey.read(file, "keyFile");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        assertFalse(said.contains(key.inline()), said);
        assertTrue(said.contains(key.id()) && said.contains("keyFile=" + file), said);
    }

    @Test
    void aGcmKeyIsWrittenOnRequestAndAnUnknownSuiteRefused() throws Exception {
        Path file = folder.resolve("gcm.key");
        NewKey.written(file.toString(), StreamKey.SUITE_GCM);
        assertEquals(StreamKey.SUITE_GCM, StreamKey.read(file, "keyFile").suite());
        assertTrue(NewKey.written(folder.resolve("x.key").toString(), "AES_CM_256").startsWith("not written"));
        assertFalse(Files.exists(folder.resolve("x.key")));
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path file = folder.resolve("stream.key");
        Files.writeString(file, "the key a stream uses");
        assertTrue(NewKey.written(file.toString()).startsWith("not written"));
        assertEquals("the key a stream uses", Files.readString(file));
    }
}
