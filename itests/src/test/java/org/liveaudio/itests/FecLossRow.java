package org.liveaudio.itests;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One listener of one run of {@link FecBenchIT}: a codec and FEC setting under a loss model, and what the
 * listener made of it over the lossy window.
 *
 * @param addedDelayMillis the playout delay the FEC setting adds (its block's span)
 * @param overheadPercent repair bytes against source bytes, as the sender counted them
 * @param dropped source packets the relay dropped
 */
record FecLossRow(String codec, String fec, double addedDelayMillis, double overheadPercent, String loss,
        long dropped, long fecRecovered, long codecFecRecovered, long lost, long concealed, long late, long played) {
    static final List<String> COLUMNS = List.of("codec", "fec", "addedDelayMillis", "overheadPercent", "loss",
            "dropped", "fecRecovered", "codecFecRecovered", "lost", "concealed", "late", "played", "intactPercent");

    /** Frames played as they were sent: neither concealed nor filler. */
    double intactPercent() {
        return played == 0 ? 0 : 100.0 * (played - concealed) / played;
    }

    List<String> values() {
        return List.of(codec, fec, format(addedDelayMillis), format(overheadPercent), loss, String.valueOf(dropped),
                String.valueOf(fecRecovered), String.valueOf(codecFecRecovered), String.valueOf(lost),
                String.valueOf(concealed), String.valueOf(late), String.valueOf(played),
                String.format(Locale.ROOT, "%.3f", intactPercent()));
    }

    static FecLossRow of(Map<String, String> values) {
        return new FecLossRow(values.get("codec"), values.get("fec"),
                Double.parseDouble(values.get("addedDelayMillis")), Double.parseDouble(values.get("overheadPercent")),
                values.get("loss"), Long.parseLong(values.get("dropped")), Long.parseLong(values.get("fecRecovered")),
                Long.parseLong(values.get("codecFecRecovered")), Long.parseLong(values.get("lost")),
                Long.parseLong(values.get("concealed")), Long.parseLong(values.get("late")),
                Long.parseLong(values.get("played")));
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
