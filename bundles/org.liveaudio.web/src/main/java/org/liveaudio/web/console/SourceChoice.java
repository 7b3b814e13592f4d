package org.liveaudio.web.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.liveaudio.web.json.ApiException;

/**
 * Chooses what the sender plays: one of its built-in sources, or a file or playlist of the music folder. The
 * choice becomes the sender's configuration ({@code source}, and {@code file}), checked here first, so that a
 * choice the sender would refuse changes nothing and is answered with why.
 */
final class SourceChoice {
    static final String FILE = "file";
    static final String PIPE = "pipe";
    /** The sender's sources that need no more than their name. */
    static final List<String> BUILT_IN = List.of("melody", "tone", "line-in", PIPE);
    /** What the sender's file source plays: audio files and playlists. */
    static final Set<String> PLAYABLE = Set.of("wav", "flac", "mp3", "ogg", "oga", "opus", "m3u", "m3u8", "pls");
    private static final int MAX_FILES = 1000;

    /** What can be chosen now, and what plays. */
    record Choices(String source, String file, List<String> sources, List<String> files) {
    }

    private final SenderConfiguration sender;
    private final Path musicFolder;

    SourceChoice(SenderConfiguration sender, Path musicFolder) {
        this.sender = sender;
        this.musicFolder = musicFolder;
    }

    Choices choices() throws IOException, ApiException {
        Map<String, Object> current = configured();
        String source = String.valueOf(current.getOrDefault("source", "melody"));
        Object file = current.get(FILE);
        return new Choices(source, file == null ? null : Path.of(file.toString()).getFileName().toString(),
                BUILT_IN, files());
    }

    /**
     * Makes the sender play {@code source} ({@code file}: the music folder's file named {@code file}).
     *
     * @throws ApiException 400 for an unknown source or file, 409 when the sender cannot play it as configured
     */
    void choose(String source, String file) throws IOException, ApiException {
        Map<String, Object> next = new HashMap<>(configured());
        String chosen = source.strip().toLowerCase(Locale.ROOT);
        if (chosen.equals(FILE)) {
            if (file == null || !files().contains(file)) {
                throw new ApiException(400, "no playable file " + quoted(file) + " in the music folder "
                        + musicFolder + " (GET /api/sources lists them)");
            }
            next.put(FILE, musicFolder.resolve(file).toAbsolutePath().toString());
        } else if (!BUILT_IN.contains(chosen)) {
            throw new ApiException(400, "unknown source " + quoted(source) + "; one of " + String.join(", ", BUILT_IN)
                    + ", " + FILE);
        } else if (chosen.equals(PIPE) && !next.containsKey("pipe") && !next.containsKey("pipeCommand")) {
            throw new ApiException(409, "the sender has no pipe: set pipe or pipeCommand in its configuration file");
        }
        next.put("source", chosen);
        sender.update(next);
    }

    /** The playable files directly in the music folder, by name; none when there is no such folder. */
    List<String> files() throws IOException {
        if (!Files.isDirectory(musicFolder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(musicFolder)) {
            return entries.filter(Files::isRegularFile).map(path -> path.getFileName().toString())
                    .filter(SourceChoice::isPlayable).sorted().limit(MAX_FILES).toList();
        }
    }

    private Map<String, Object> configured() throws IOException, ApiException {
        Map<String, Object> current = sender.current();
        if (current == null) {
            throw new ApiException(409, "the sender has no configuration (PID " + SenderConfiguration.PID + ")");
        }
        return current;
    }

    private static boolean isPlayable(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && PLAYABLE.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** A name given by the caller, quoted and cut short, for an error message. */
    private static String quoted(String text) {
        if (text == null) {
            return "(none)";
        }
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return "\"" + shown.replaceAll("[\\p{Cntrl}\"]", "?") + "\"";
    }
}
