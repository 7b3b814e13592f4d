package org.liveaudio.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The soak run's CSV files in its reports folder, rewritten whole after every sample, so that a run cut short
 * (or still running) leaves what it measured so far. Plain Java for the same reason as {@link ThroughputCsv}:
 * the writer runs inside the framework, and no value holds a comma or a quote.
 */
final class SoakCsv {
    static final String SAMPLES = "soak.csv";
    static final String LISTENERS = "soak-listeners.csv";
    static final String STEPS = "soak-steps.csv";
    private static final String SEPARATOR = ",";

    private SoakCsv() {
    }

    /** Replaces the file through a temporary one, so that a reader (the chart) never sees half of it. */
    static void write(Path file, List<String> columns, List<List<String>> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(SEPARATOR, columns));
        for (List<String> row : rows) {
            if (row.stream().anyMatch(value -> value.contains(SEPARATOR))) {
                throw new IllegalArgumentException(file + ": a value holds the separator: " + row);
            }
            lines.add(String.join(SEPARATOR, row));
        }
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, lines, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Each line after the header, by column name. */
    static List<Map<String, String>> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Map<String, String>> rows = new ArrayList<>();
        if (lines.isEmpty()) {
            return rows;
        }
        String[] header = lines.get(0).split(SEPARATOR, -1);
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(SEPARATOR, -1);
            if (values.length != header.length) {
                throw new IOException(file + ": " + values.length + " values where the header names "
                        + header.length + ": " + line);
            }
            Map<String, String> byColumn = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                byColumn.put(header[i], values[i]);
            }
            rows.add(byColumn);
        }
        return rows;
    }
}
