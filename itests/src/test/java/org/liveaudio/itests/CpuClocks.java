package org.liveaudio.itests;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Predicate;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * CPU time used so far, user and system: by the threads of one name, and by the whole JVM. The process figure is
 * read as the platform MBean's attribute rather than through {@code com.sun.management}, which the OSGi framework
 * does not export to bundles.
 */
final class CpuClocks {
    private static final String OPERATING_SYSTEM = "java.lang:type=OperatingSystem";
    private static final String PROCESS_CPU_TIME = "ProcessCpuTime";

    private CpuClocks() {
    }

    /** The CPU time of the live threads whose names {@code names} accepts, or -1 when there is none. */
    static long threadCpuNanos(Predicate<String> names) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = -1;
        for (Thread thread : liveThreads()) {
            if (names.test(thread.getName())) {
                long nanos = threads.getThreadCpuTime(thread.getId());
                if (nanos >= 0) {
                    total = Math.max(total, 0) + nanos;
                }
            }
        }
        return total;
    }

    /**
     * Every live thread, from the root thread group: unlike {@link Thread#getAllStackTraces()}, this takes no
     * stack dumps, which stop every thread of the JVM, the sender's among them, at a safepoint.
     */
    private static Thread[] liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() * 2 + 16];
        int count = root.enumerate(threads, true);
        while (count == threads.length) {
            threads = new Thread[threads.length * 2];
            count = root.enumerate(threads, true);
        }
        return Arrays.copyOf(threads, count);
    }

    static long processCpuNanos() {
        try {
            Object nanos = ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(OPERATING_SYSTEM),
                    PROCESS_CPU_TIME);
            return ((Number) nanos).longValue();
        } catch (JMException e) {
            throw new IllegalStateException("this JVM does not tell its process CPU time", e);
        }
    }
}
