package org.liveaudio.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code soak.md}: the soak run summed up for a reader, the rules first, then every sample and every step. */
final class SoakReport {
    static final String FILE_NAME = "soak.md";

    private SoakReport() {
    }

    /** @param recordings every recording file, and whether it was found finalized (null: never closed) */
    static void write(Path reports, SoakSchedule schedule, List<SoakSample> samples, List<SoakWindow> windows,
            List<SoakVerdict.Check> checks, Map<Path, Boolean> recordings) throws IOException {
        StringBuilder md = new StringBuilder("# Soak run\n\n");
        double ran = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).minute();
        md.append(String.format(Locale.ROOT, "%s; planned %.1f min, sampled %.1f min (%d samples, one every %.2f "
                + "min); %d steps planned, %d taken. One sender (melody, L16 48 kHz stereo, 5 ms frames) and 10 "
                + "listeners (8 `sink=null`, 2 `sink=wav`) in one JVM (Felix, Pax Exam native container), loopback "
                + "multicast, %d cores. Heap after three forced full collections.%n%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), schedule.minutes(), ran,
                samples.size(), schedule.samplePeriodMillis() / 60_000.0, schedule.steps().size(),
                Math.max(0, windows.size() - 1), Runtime.getRuntime().availableProcessors()));
        md.append("| rule | measured | holds |\n|---|---|---|\n");
        checks.forEach(check -> md.append("| ").append(check.rule()).append(" | ").append(check.measured())
                .append(" | ").append(check.holds() ? "yes" : "**no**").append(" |\n"));
        md.append("\n## Samples\n\nCounters summed over the listeners since the first sample.\n\n"
                + "| minute | heap MiB after GC | committed MiB | threads | classes | listeners | received | lost "
                + "| late | of them around GC | concealed | packets sent | sender skipped |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        samples.forEach(s -> md.append(String.format(Locale.ROOT, "| %.2f | %.1f | %.1f | %d | %d | %d | %d | %d "
                + "| %d | %d | %d | %d | %d |%n", s.minute(), s.heapUsedMb(), s.heapCommittedMb(), s.threads(),
                s.loadedClasses(), s.listeners(), s.received(), s.lost(), s.late(), s.lateAroundGc(), s.concealed(),
                s.packetsSent(),
                s.senderSkippedFrames())));
        md.append("\n## Steps\n\nWhat the listeners counted from each step to the next, summed over the "
                + "listeners; a transport swap's window may lose packets and is counted apart.\n\n"
                + "| from min | to min | step | lost | late | concealed |\n|---:|---:|---|---:|---:|---:|\n");
        windows.forEach(w -> md.append(String.format(Locale.ROOT, "| %.2f | %.2f | %s%s | %d | %d | %d |%n",
                w.fromMinute(), w.toMinute(), w.step(), w.mayLose() ? " (may lose)" : "", w.lost(), w.late(),
                w.concealed())));
        md.append("\n## Recordings\n\n| file | finalized |\n|---|---|\n");
        recordings.forEach((file, finalized) -> md.append("| ").append(file.getFileName()).append(" | ")
                .append(finalized == null ? "never closed" : finalized ? "yes" : "**no**").append(" |\n"));
        Files.createDirectories(reports);
        Files.writeString(reports.resolve(FILE_NAME), md, StandardCharsets.UTF_8);
    }
}
