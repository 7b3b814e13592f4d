package org.liveaudio.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The FEC loss table as {@code fec-loss.csv} (a header of {@link FecLossRow#COLUMNS}, then a line per row) and as
 * Markdown ({@code fec-loss.md}). Plain Java, since it is written inside the OSGi framework.
 */
final class FecLossTable {
    static final String CSV = "fec-loss.csv";
    static final String MARKDOWN = "fec-loss.md";

    private FecLossTable() {
    }

    /** Replaces both files in {@code reports}, the CSV through a temporary file. */
    static void write(Path reports, List<FecLossRow> rows) throws IOException {
        Files.createDirectories(reports);
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", FecLossRow.COLUMNS));
        rows.forEach(row -> lines.add(String.join(",", row.values())));
        Path partial = reports.resolve(CSV + ".partial");
        Files.write(partial, lines, StandardCharsets.UTF_8);
        Files.move(partial, reports.resolve(CSV), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(reports.resolve(MARKDOWN), markdown(rows), StandardCharsets.UTF_8);
    }

    static List<FecLossRow> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<FecLossRow> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            Map<String, String> byColumn = new LinkedHashMap<>();
            for (int i = 0; i < header.length && i < values.length; i++) {
                byColumn.put(header[i], values[i]);
            }
            rows.add(FecLossRow.of(byColumn));
        }
        return rows;
    }

    /** One row per codec and FEC setting, one column of frames played intact per loss model. */
    static String markdown(List<FecLossRow> rows) {
        List<String> losses = rows.stream().map(FecLossRow::loss).distinct().toList();
        StringBuilder table = new StringBuilder("| codec | FEC | added delay (ms) | overhead |");
        losses.forEach(loss -> table.append(' ').append(loss).append(" |"));
        table.append("\n|---|---|---:|---:|").append("---:|".repeat(losses.size())).append('\n');
        Map<String, List<FecLossRow>> bySetting = new LinkedHashMap<>();
        rows.forEach(row -> bySetting.computeIfAbsent(row.codec() + "|" + row.fec(), key -> new ArrayList<>()).add(row));
        for (List<FecLossRow> setting : bySetting.values()) {
            FecLossRow first = setting.get(0);
            table.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f %% |", first.codec(), first.fec(),
                    first.addedDelayMillis(), first.overheadPercent()));
            for (String loss : losses) {
                table.append(setting.stream().filter(row -> row.loss().equals(loss)).findFirst()
                        .map(row -> String.format(Locale.ROOT, " %.2f %% |", row.intactPercent())).orElse(" |"));
            }
            table.append('\n');
        }
        return table.toString();
    }
}
