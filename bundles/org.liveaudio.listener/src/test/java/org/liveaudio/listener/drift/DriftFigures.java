package org.liveaudio.listener.drift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The measured figures the README quotes: each is printed as a {@code DRIFT } line and the whole set so far
 * is rewritten to {@code target/reports/drift.md} as it grows, whichever test measures first.
 */
final class DriftFigures {
    private static final Path REPORT = Path.of("target", "reports", "drift.md");
    private static final Map<String, String> FIGURES = new LinkedHashMap<>();

    private DriftFigures() {
    }

    static synchronized void record(String figure, String value) {
        System.out.println("DRIFT " + figure + ": " + value);
        FIGURES.put(figure, value);
        StringBuilder table = new StringBuilder("# Clock drift compensation\n\n| figure | value |\n|---|---|\n");
        FIGURES.forEach((name, measured) -> table.append("| ").append(name).append(" | ").append(measured)
                .append(" |\n"));
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
