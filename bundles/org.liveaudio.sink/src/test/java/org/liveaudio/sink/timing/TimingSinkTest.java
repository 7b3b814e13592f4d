package org.liveaudio.sink.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.api.audio.SinkSettings;

class TimingSinkTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);

    @TempDir
    Path dir;

    @Test
    void eachFrameIsOneLineOfItsHandOverInstantFingerprintAndLength() throws Exception {
        Path log = dir.resolve("room.timing");
        short[] first = {1, -2, 300, -400};
        short[] second = {5, 6, 7, 8, 9, 10};
        long before = System.nanoTime();
        try (AudioOutput output = new TimingSink().open(new SinkSettings(log, false), STEREO)) {
            output.write(first, 2);
            output.write(second, 3);
            assertEquals(5, output.samplesWritten());
        }
        long after = System.nanoTime();

        List<String> lines = Files.readAllLines(log);
        assertEquals(TimingOutput.HEADER.strip(), lines.get(0));
        assertEquals(3, lines.size());
        String[] one = lines.get(1).split(" ");
        String[] two = lines.get(2).split(" ");
        long handedFirst = Long.parseLong(one[0]);
        long handedSecond = Long.parseLong(two[0]);
        assertTrue(before <= handedFirst && handedFirst <= handedSecond && handedSecond <= after);
        assertEquals(String.format("%08x", crc(first)), one[1]);
        assertEquals(String.format("%08x", crc(second)), two[1]);
        assertNotEquals(one[1], two[1]);
        assertEquals("2", one[2]);
        assertEquals("3", two[2]);
    }

    @Test
    void aReopenedSinkAppendsWithoutASecondHeader() throws Exception {
        Path log = dir.resolve("room.timing");
        try (AudioOutput output = new TimingSink().open(new SinkSettings(log, false), STEREO)) {
            output.write(new short[] {1, 2}, 1);
        }
        try (AudioOutput output = new TimingSink().open(new SinkSettings(log, true), STEREO)) {
            output.write(new short[] {3, 4}, 1);
        }
        assertEquals(3, Files.readAllLines(log).size());
    }

    @Test
    void withoutAFileItRefusesToOpen() {
        assertThrows(IOException.class, () -> new TimingSink().open(new SinkSettings(null, false), STEREO));
    }

    private static long crc(short[] pcm) {
        CRC32 crc = new CRC32();
        for (short value : pcm) {
            crc.update(value >> 8);
            crc.update(value);
        }
        return crc.getValue();
    }
}
