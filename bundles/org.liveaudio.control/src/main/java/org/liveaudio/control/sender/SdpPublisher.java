package org.liveaudio.control.sender;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps the stream's SDP file in step with the session and endpoint. Writes only when the description
 * changes, each time with a higher version, and replaces the file in one move so that a tool reading it
 * never sees half of it. The SDP of a protected stream holds its key: that file is readable by its owner alone,
 * from the moment it is created, and what {@link #text()} gives others names the key by its id only.
 */
final class SdpPublisher {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

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
        SessionDescription versioned = withVersion(description, nextVersion);
        try {
            write(file, versioned.text(), description.key() != null);
        } catch (IOException e) {
            return "cannot write the SDP file " + file + ": " + e;
        }
        published = unversioned;
        publishedTo = file;
        version = nextVersion;
        text = versioned.withoutKey();
        return "";
    }

    /** The SDP last written, the key left out, or an empty string before the first. */
    String text() {
        return text;
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (secret) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
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
                d.playoutDelayMicros(), d.name(), d.information(), d.clockSignalling(), d.key(), d.layers());
    }
}
