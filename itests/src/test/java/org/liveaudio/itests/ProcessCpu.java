package org.liveaudio.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time another process has used so far, user and system, all its threads, as {@code /proc/PID/stat} counts
 * it: the figure {@code top} and {@code ps} show, and how issue 14 compares processes.
 */
final class ProcessCpu {
    /** Linux counts these times in clock ticks of USER_HZ, 100 a second on every architecture it exports them. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    /** Fields 14 and 15 (utime, stime), counted from the one after the command's closing parenthesis (field 3). */
    private static final int USER_TIME = 14 - 3;
    private static final int SYSTEM_TIME = 15 - 3;

    private ProcessCpu() {
    }

    static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.US_ASCII);
        // The command may hold spaces and parentheses: the fields after it start after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[USER_TIME]) + Long.parseLong(fields[SYSTEM_TIME])) * NANOS_PER_TICK;
    }
}
