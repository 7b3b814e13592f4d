package org.liveaudio.itests;

import java.util.List;

/**
 * A cell of a table a {@code listener:*} command printed, read as a user reads it: by its column's name, in the row
 * under the header. The shell pads cells with two spaces or more and no cell holds two in a row, so that is where
 * one cell ends.
 */
final class ShellTable {
    private static final String CELL_GAP = "\\s{2,}";

    private ShellTable() {
    }

    /** The cell of {@code column} in the first row of the table in {@code output}. */
    static String cell(String output, String column) {
        List<String> lines = output.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            List<String> header = List.of(lines.get(i).trim().split(CELL_GAP));
            int index = header.indexOf(column);
            if (index >= 0) {
                String[] row = lines.get(i + 1).trim().split(CELL_GAP);
                if (row.length == header.size()) {
                    return row[index];
                }
            }
        }
        throw new AssertionError("no column \"" + column + "\" with a row under it in:\n" + output);
    }

    /** The cells of {@code column} in every row under the table's header in {@code output}; none without one. */
    static List<String> column(String output, String column) {
        List<String> lines = output.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            List<String> header = List.of(lines.get(i).trim().split(CELL_GAP));
            int index = header.indexOf(column);
            if (index >= 0) {
                return lines.subList(i + 1, lines.size()).stream().map(line -> line.trim().split(CELL_GAP))
                        .takeWhile(row -> row.length == header.size()).map(row -> row[index]).toList();
            }
        }
        return List.of();
    }
}
