package org.liveaudio.control.sender;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps the stream's SDP file in step with the session and endpoint. Writes only when the description
 * changes, each time with a higher version, and replaces the file in one move so that a tool reading it
 * never sees half of it.
 */
final class SdpPublisher {
    private SessionDescription published;
    private Path publishedTo;
    private String text = "";
    private long version;

    /**
     * Publishes {@code description} to {@code file}, choosing its version.
     *
     * @param wallSeconds the wall clock, which keeps versions growing across restarts of the sender
     * @return what went wrong, or an empty string
     */
    String publish(SessionDescription description, Path file, long wallSeconds) {
        SessionDescription unversioned = withVersion(description, 0);
        if (unversioned.equals(published) && file.equals(publishedTo)) {
            return "";
        }
        long nextVersion = Math.max(version + 1, wallSeconds);
        String nextText = withVersion(description, nextVersion).text();
        try {
            write(file, nextText);
        } catch (IOException e) {
            return "cannot write the SDP file " + file + ": " + e;
        }
        published = unversioned;
        publishedTo = file;
        version = nextVersion;
        text = nextText;
        return "";
    }

    /** The SDP last written, or an empty string before the first. */
    String text() {
        return text;
    }

    private static void write(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static SessionDescription withVersion(SessionDescription d, long version) {
        return new SessionDescription(d.sessionId(), version, d.origin(), d.endpoint(), d.payloadType(),
                d.encoding(), d.clockRate(), d.channels(), d.frameMicros(), d.formatParameters(),
                d.playoutDelayMicros(), d.name(), d.information(), d.clockSignalling());
    }
}
