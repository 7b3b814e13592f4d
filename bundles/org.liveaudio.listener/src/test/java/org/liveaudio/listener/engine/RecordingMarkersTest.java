package org.liveaudio.listener.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.listener.engine.RecordingMarkers.Recording;

class RecordingMarkersTest {
    private static final Recording DEMO = new Recording(Path.of("/tmp/rec/demo.wav"), new AudioFormat(48_000, 2));

    @TempDir
    Path folder;

    @Test
    void aRecordingSavedAtASwapIsContinuedOnce() throws IOException {
        RecordingMarkers markers = new RecordingMarkers(folder.resolve("data"));
        markers.save("demo", DEMO, 1_000);

        assertEquals(Optional.of(DEMO), markers.take("demo", 1_000 + RecordingMarkers.MAX_AGE_MILLIS));
        assertEquals(Optional.empty(), markers.take("demo", 2_000), "used up");
    }

    @Test
    void anOldMarkerIsAStoppedListenerNotASwap() throws IOException {
        RecordingMarkers markers = new RecordingMarkers(folder);
        markers.save("demo", DEMO, 1_000);

        assertEquals(Optional.empty(), markers.take("demo", 1_001 + RecordingMarkers.MAX_AGE_MILLIS));
        assertEquals(Optional.empty(), markers.take("other", 1_000));
    }

    @Test
    void anUnreadableMarkerIsReportedAndRemoved() throws IOException {
        Files.writeString(folder.resolve("recording-demo.properties"), "file=/x.wav\nsampleRate=lots\n");
        RecordingMarkers markers = new RecordingMarkers(folder);

        IOException refused = assertThrows(IOException.class, () -> markers.take("demo", 0));
        assertTrue(refused.getMessage().contains("unreadable recording marker"), refused.getMessage());
        assertEquals(Optional.empty(), markers.take("demo", 0));
    }

    @Test
    void aMarkerTakenTheMomentItWasSavedIsContinuedButOneFromTheFutureIsNot() throws IOException {
        RecordingMarkers markers = new RecordingMarkers(folder);
        markers.save("demo", DEMO, 1_000);
        markers.save("clock-stepped", DEMO, 1_001);

        assertEquals(Optional.of(DEMO), markers.take("demo", 1_000));
        assertEquals(Optional.empty(), markers.take("clock-stepped", 1_000));
    }
}
