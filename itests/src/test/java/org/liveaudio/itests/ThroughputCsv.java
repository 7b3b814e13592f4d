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
 * {@code throughput.csv}: a header line of {@link ThroughputRow#COLUMNS}, then one line per run. Plain Java,
 * because the writer runs inside the OSGi framework, where a CSV library would have to be provisioned as a bundle,
 * and no value ever holds a comma or a quote.
 */
final class ThroughputCsv {
    static final String FILE_NAME = "throughput.csv";
    private static final String SEPARATOR = ",";

    private ThroughputCsv() {
    }

    /** Replaces the file with these rows, through a temporary file, so a reader never sees half of it. */
    static void write(Path file, List<ThroughputRow> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(SEPARATOR, ThroughputRow.COLUMNS));
        rows.forEach(row -> lines.add(String.join(SEPARATOR, row.values())));
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, lines, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }

    static List<ThroughputRow> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return List.of();
        }
        String[] header = lines.get(0).split(SEPARATOR, -1);
        List<ThroughputRow> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] values = line.split(SEPARATOR, -1);
            if (values.length != header.length) {
                throw new IOException(file + ": " + values.length + " values where the header names "
                        + header.length + ": " + line);
            }
            Map<String, String> byColumn = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                byColumn.put(header[i], values[i]);
            }
            rows.add(ThroughputRow.of(byColumn));
        }
        return rows;
    }
}
