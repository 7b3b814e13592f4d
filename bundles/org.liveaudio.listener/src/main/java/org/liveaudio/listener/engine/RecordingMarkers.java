package org.liveaudio.listener.engine;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.liveaudio.api.audio.AudioFormat;

/**
 * Remembers, across an update or restart of this bundle, the WAV recording each listener was making, so that
 * the listener that comes back continues it instead of starting it anew. Kept in the bundle's data area, which
 * a new framework launch cleans: a marker only ever bridges a bundle swap within one run.
 */
final class RecordingMarkers {
    /** Older markers are from a listener that was stopped, not swapped. */
    static final long MAX_AGE_MILLIS = 30_000;

    /** A recording in progress: its file and format. */
    record Recording(Path file, AudioFormat format) {
    }

    private final Path folder;

    RecordingMarkers(Path folder) {
        this.folder = folder;
    }

    void save(String listener, Recording recording, long nowMillis) throws IOException {
        Properties marker = new Properties();
        marker.setProperty("file", recording.file().toString());
        marker.setProperty("sampleRate", Integer.toString(recording.format().sampleRate()));
        marker.setProperty("channels", Integer.toString(recording.format().channels()));
        marker.setProperty("savedMillis", Long.toString(nowMillis));
        Files.createDirectories(folder);
        try (Writer out = Files.newBufferedWriter(markerOf(listener))) {
            marker.store(out, "recording of listener " + listener + " in progress");
        }
    }

    /** The listener's recording if it was saved recently; the marker is used up either way. */
    Optional<Recording> take(String listener, long nowMillis) throws IOException {
        Path file = markerOf(listener);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties marker = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            marker.load(in);
        } finally {
            Files.deleteIfExists(file);
        }
        try {
            long age = nowMillis - Long.parseLong(marker.getProperty("savedMillis"));
            if (age < 0 || age > MAX_AGE_MILLIS) {
                return Optional.empty();
            }
            AudioFormat format = new AudioFormat(Integer.parseInt(marker.getProperty("sampleRate")),
                    Integer.parseInt(marker.getProperty("channels")));
            return Optional.of(new Recording(Path.of(marker.getProperty("file")), format));
        } catch (RuntimeException e) {
            throw new IOException("unreadable recording marker " + file + ": " + e.getMessage(), e);
        }
    }

    private Path markerOf(String listener) {
        return folder.resolve("recording-" + listener + ".properties");
    }
}
