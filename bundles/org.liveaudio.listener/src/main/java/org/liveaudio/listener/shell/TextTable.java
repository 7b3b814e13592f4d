package org.liveaudio.listener.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Columns padded to their widest cell; numbers right-aligned, text left-aligned, the last column unpadded.
 * A row with fewer cells than the header ends in a note that runs on and does not widen its column.
 */
final class TextTable {
    private static final String GAP = "  ";

    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /** @param columns the header; a name starting with '>' is right-aligned (the '>' is not shown) */
    TextTable(String... columns) {
        rightAligned = new boolean[columns.length];
        String[] header = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            rightAligned[i] = columns[i].startsWith(">");
            header[i] = rightAligned[i] ? columns[i].substring(1) : columns[i];
        }
        rows.add(header);
    }

    TextTable row(Object... cells) {
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = String.valueOf(cells[i]);
        }
        rows.add(row);
        return this;
    }

    @Override
    public String toString() {
        int[] widths = new int[rightAligned.length];
        for (String[] row : rows) {
            int measured = row.length < widths.length ? row.length - 1 : row.length;
            for (int i = 0; i < measured; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            if (text.length() > 0) {
                text.append('\n');
            }
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean last = i == row.length - 1;
                String padding = " ".repeat(Math.max(0, widths[i] - row[i].length()));
                line.append(i == 0 ? "" : GAP);
                line.append(rightAligned[i] ? padding + row[i] : last ? row[i] : row[i] + padding);
            }
            text.append(line.toString().stripTrailing());
        }
        return text.toString();
    }
}
