package org.liveaudio.source.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.liveaudio.source.decode.AudioFiles;

/**
 * What a {@code file} setting names: one audio file, a playlist file ({@link PlaylistFile}), or the audio files of
 * a folder in name order.
 */
final class Playlist {
    private final Path path;
    private final List<Path> files;
    private final List<String> refused;
    private final String problem;

    private Playlist(Path path, List<Path> files, String problem) {
        this(path, files, List.of(), problem);
    }

    private Playlist(Path path, List<Path> files, List<String> refused, String problem) {
        this.path = path;
        this.files = files;
        this.refused = refused;
        this.problem = problem;
    }

    /** Looks at the disk; never throws: a path that gives nothing to play yields an empty list and why. */
    static Playlist of(Path path) {
        if (path == null) {
            return new Playlist(null, List.of(), "no file configured");
        }
        if (!Files.exists(path)) {
            return new Playlist(path, List.of(), "does not exist");
        }
        if (PlaylistFile.isPlaylist(path) && !Files.isDirectory(path)) {
            return ofPlaylistFile(path);
        }
        if (!Files.isDirectory(path)) {
            return new Playlist(path, List.of(path), "");
        }
        try (Stream<Path> entries = Files.list(path)) {
            List<Path> audio = entries
                    .filter(AudioFiles::isAudioFile)
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
            return new Playlist(path, audio, audio.isEmpty() ? "no audio files in the folder (."
                    + String.join(", .", new TreeSet<>(AudioFiles.EXTENSIONS)) + ")" : "");
        } catch (IOException e) {
            return new Playlist(path, List.of(), "cannot list the folder: " + e.getMessage());
        }
    }

    private static Playlist ofPlaylistFile(Path path) {
        try {
            PlaylistFile list = PlaylistFile.read(path);
            return new Playlist(path, list.files(), list.refused(),
                    list.files().isEmpty() ? "no files in the playlist" : "");
        } catch (IOException e) {
            return new Playlist(path, List.of(), "cannot read the playlist: " + e.getMessage());
        }
    }

    /** One line per playlist entry that names no file, to be reported once. */
    List<String> refused() {
        return refused;
    }

    /** {@code file <path>} or just {@code file} when no path was given, to start a status line. */
    String label() {
        return path == null ? "file" : "file " + path;
    }

    /** {@code file <name>}, short, for the status line once the list has ended. */
    String shortLabel() {
        return path == null ? "file" : "file " + path.getFileName();
    }

    int size() {
        return files.size();
    }

    Path file(int index) {
        return files.get(index);
    }

    /** Why the list is empty; empty when it is not. */
    String problem() {
        return problem;
    }

    /** True when the setting names a file rather than a folder. */
    boolean isSingleFile() {
        return files.size() == 1 && files.get(0).equals(path);
    }

    /** The status line while {@code index} plays, e.g. {@code file song.wav (2/5)}. */
    String playing(int index) {
        String name = "file " + files.get(index).getFileName();
        return isSingleFile() ? name : name + " (" + (index + 1) + "/" + size() + ")";
    }
}
