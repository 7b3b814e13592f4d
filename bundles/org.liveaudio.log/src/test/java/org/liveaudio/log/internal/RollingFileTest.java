package org.liveaudio.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollingFileTest {
    @TempDir
    Path folder;

    @Test
    void rollsOverAtTheLimitKeepingCountFilesAndWholeEntriesInOrder() throws Exception {
        Path file = folder.resolve("liveaudio-sender.log");
        try (RollingFile log = RollingFile.open(file, 1024, 3)) {
            for (int i = 0; i < 200; i++) {
                log.write(String.format("entry %03d %s%n", i, "x".repeat(i % 50)));
            }
        }

        List<String> kept = new ArrayList<>();
        for (String name : List.of("liveaudio-sender.log.2", "liveaudio-sender.log.1", "liveaudio-sender.log")) {
            Path part = folder.resolve(name);
            assertTrue(Files.size(part) <= 1024, name + " within the limit");
            kept.addAll(Files.readAllLines(part));
        }
        assertFalse(Files.exists(folder.resolve("liveaudio-sender.log.3")), "count bounded");
        int first = Integer.parseInt(kept.get(0).substring(6, 9));
        for (int k = 0; k < kept.size(); k++) {
            int i = first + k;
            assertEquals(String.format("entry %03d %s", i, "x".repeat(i % 50)), kept.get(k), "intact and in order");
        }
        assertEquals(199, first + kept.size() - 1, "the newest is in the file being written");
    }

    @Test
    void oneFileStartsAfreshAndAnOversizeEntryStaysWhole() throws Exception {
        Path file = folder.resolve("one.log");
        String big = "y".repeat(3000) + "\n";
        try (RollingFile log = RollingFile.open(file, 1024, 1)) {
            log.write("small\n");
            log.write(big);
            log.write("after\n");
        }
        assertEquals("after\n", Files.readString(file));
        assertFalse(Files.exists(folder.resolve("one.log.1")));
    }

    @Test
    void appendsToWhatIsThereAndCountsIt() throws Exception {
        Path file = folder.resolve("again.log");
        Files.writeString(file, "z".repeat(1020) + "\n");
        try (RollingFile log = RollingFile.open(file, 1024, 2)) {
            log.write("next run\n");
        }
        assertEquals("next run\n", Files.readString(file), "the earlier run's 1021 bytes counted: rolled");
        assertTrue(Files.readString(folder.resolve("again.log.1")).startsWith("zzz"));
    }

    @Test
    void aFileAnotherWriterHoldsIsLeftToItAndTheNextNameTaken() throws Exception {
        Path file = folder.resolve("liveaudio-listener.log");
        try (RollingFile first = RollingFile.open(file, 1024, 2);
                RollingFile second = RollingFile.open(file, 1024, 2)) {
            assertEquals(file, first.path());
            assertEquals(folder.resolve("liveaudio-listener-2.log"), second.path());
        }
        try (RollingFile later = RollingFile.open(file, 1024, 2)) {
            assertEquals(file, later.path(), "free again once the first closed");
        }
    }
}
