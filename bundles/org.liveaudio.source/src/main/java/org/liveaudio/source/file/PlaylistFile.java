package org.liveaudio.source.file;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code .m3u}/{@code .m3u8} or {@code .pls} playlist as the files it lists, in order. Relative entries are
 * relative to the playlist's folder; comments and {@code #EXTINF} lines are skipped. An entry that names no file
 * (a URL: this source plays files, not streams) is refused with the reason, so that it can be reported.
 *
 * @param files the entries that name files, existing or not: a missing one is reported when its turn comes
 * @param refused one line per entry that names no file, saying which and why
 */
record PlaylistFile(List<Path> files, List<String> refused) {
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");
    private static final Pattern PLS_ENTRY = Pattern.compile("File(\\d+)=(.*)", Pattern.CASE_INSENSITIVE);

    static boolean isPlaylist(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".m3u") || name.endsWith(".m3u8") || name.endsWith(".pls");
    }

    static PlaylistFile read(Path playlist) throws IOException {
        List<String> lines = text(Files.readAllBytes(playlist)).lines().map(String::strip).toList();
        boolean pls = playlist.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pls");
        List<String> entries = pls ? plsEntries(lines) : m3uEntries(lines);
        List<Path> files = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Path folder = playlist.toAbsolutePath().getParent();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            String problem = "";
            try {
                if (entry.regionMatches(true, 0, "file://", 0, "file://".length())) {
                    files.add(Path.of(URI.create(entry)));
                } else if (URL.matcher(entry).matches()) {
                    problem = "a URL; only files play";
                } else {
                    files.add(folder.resolve(entry).normalize());
                }
            } catch (IllegalArgumentException e) { // InvalidPathException, or a file: URI that names no path
                problem = "not a file path";
            }
            if (!problem.isEmpty()) {
                refused.add("playlist " + playlist + " entry " + (i + 1) + " (" + entry + "): " + problem);
            }
        }
        return new PlaylistFile(List.copyOf(files), List.copyOf(refused));
    }

    /** Every line that is neither blank nor a comment ({@code #EXTM3U}, {@code #EXTINF:...} included). */
    private static List<String> m3uEntries(List<String> lines) {
        return lines.stream().filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /** The {@code FileN=} values in the order of N; titles, lengths and the header are skipped. */
    private static List<String> plsEntries(List<String> lines) {
        TreeMap<Integer, String> entries = new TreeMap<>();
        for (String line : lines) {
            Matcher entry = PLS_ENTRY.matcher(line);
            if (entry.matches()) {
                entries.put(Integer.parseInt(entry.group(1)), entry.group(2).strip());
            }
        }
        return List.copyOf(entries.values());
    }

    /** UTF-8 (always so for {@code .m3u8}, mostly so today for the others), else Latin-1 as older players wrote. */
    private static String text(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
