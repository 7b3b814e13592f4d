package org.liveaudio.itests;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line of {@code soak-steps.csv}: what the listeners counted from one step of a soak run to the next (the
 * first window runs from the first sample to the first step, the last to the end), summed over all listeners.
 *
 * @param step what was done at the window's start, as done (e.g. "codec update")
 * @param mayLose whether the step may lose packets on loopback ({@link SoakStep#mayLose()})
 */
record SoakWindow(String step, double fromMinute, double toMinute, boolean mayLose, long lost, long late,
        long concealed) {

    static final List<String> COLUMNS = List.of("step", "from_minute", "to_minute", "may_lose", "lost", "late",
            "concealed");

    List<String> values() {
        return List.of(step, decimal(fromMinute), decimal(toMinute), String.valueOf(mayLose), String.valueOf(lost),
                String.valueOf(late), String.valueOf(concealed));
    }

    static SoakWindow of(Map<String, String> byColumn) {
        return new SoakWindow(byColumn.get("step"), Double.parseDouble(byColumn.get("from_minute")),
                Double.parseDouble(byColumn.get("to_minute")), Boolean.parseBoolean(byColumn.get("may_lose")),
                Long.parseLong(byColumn.get("lost")), Long.parseLong(byColumn.get("late")),
                Long.parseLong(byColumn.get("concealed")));
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
