package org.liveaudio.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What listeners with {@code sink=timing} logged: one line per frame handed over to the sink, {@code NANOS CRC
 * SAMPLES}, NANOS by {@link System#nanoTime()}. Read once the listeners have stopped, which flushes the logs. Tells
 * how long a listener handed over nothing at all, silence included: what a user hears as a stall, whichever
 * instance of the listener (one whose bundle is being replaced, or its successor) did the handing over.
 */
final class HandOverLogs {
    private final Map<String, long[]> instants;

    private HandOverLogs(Map<String, long[]> instants) {
        this.instants = instants;
    }

    static HandOverLogs read(Map<String, Path> logs) throws IOException {
        Map<String, long[]> instants = new LinkedHashMap<>();
        for (Map.Entry<String, Path> log : logs.entrySet()) {
            List<String> lines = Files.readAllLines(log.getValue());
            long[] handed = lines.stream().filter(line -> !line.startsWith("#")).map(line -> line.split(" "))
                    .filter(fields -> fields.length == 3).mapToLong(fields -> Long.parseLong(fields[0])).toArray();
            instants.put(log.getKey(), handed);
        }
        return new HandOverLogs(instants);
    }

    /**
     * The longest time, in ms, that any of the listeners handed over no frame between {@code fromNanos} and
     * {@code toNanos}; a listener that handed over fewer than two frames meanwhile counts as silent throughout.
     */
    double longestStallMillis(long fromNanos, long toNanos) {
        long longest = 0;
        for (long[] handed : instants.values()) {
            long previous = fromNanos;
            for (long instant : handed) {
                if (instant < fromNanos) {
                    continue;
                }
                if (instant > toNanos) {
                    break;
                }
                longest = Math.max(longest, instant - previous);
                previous = instant;
            }
            longest = Math.max(longest, toNanos - previous);
        }
        return longest / 1e6;
    }
}
