package org.liveaudio.source.decode;

import java.nio.file.Path;

/** The one wording of "now playing", whatever tag format the words came from. */
final class Titles {
    private Titles() {
    }

    /** "Artist - Title", or the title alone, or the file's name without extension when there is no title. */
    static String of(String artist, String title, Path file) {
        if (title == null || title.isBlank()) {
            return fileName(file);
        }
        return artist == null || artist.isBlank() ? title.strip() : artist.strip() + " - " + title.strip();
    }

    static String fileName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
