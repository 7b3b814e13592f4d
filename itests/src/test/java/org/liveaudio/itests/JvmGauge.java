package org.liveaudio.itests;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;

/**
 * The JVM's heap after a full collection, its live threads and its loaded classes: what grows when something
 * leaks objects, threads or (after bundle updates) whole class loaders. In the Pax Exam native container the
 * framework, our bundles and the test share this JVM, so the figures are theirs together.
 */
final class JvmGauge {
    /** More than one collection: objects freed by cleaners or reference processing go in the next one. */
    private static final int COLLECTIONS = 3;
    private static final long SETTLE_MILLIS = 100;
    private static final double MEGABYTE = 1024.0 * 1024.0;

    /**
     * One reading; heap figures in MiB.
     *
     * @param threadNames the live threads' names, sorted: what tells which threads came or went
     */
    record Reading(double heapUsedMb, double heapCommittedMb, int threads, int loadedClasses,
            List<String> threadNames) {
    }

    private JvmGauge() {
    }

    static Reading afterFullCollection() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        for (int i = 1; i < COLLECTIONS; i++) {
            Thread.sleep(SETTLE_MILLIS);
            memory.gc();
        }
        // Read at once: the streams allocate on, and what they allocate after the last collection is not kept.
        var heap = memory.getHeapMemoryUsage();
        return new Reading(heap.getUsed() / MEGABYTE, heap.getCommitted() / MEGABYTE,
                ManagementFactory.getThreadMXBean().getThreadCount(),
                ManagementFactory.getClassLoadingMXBean().getLoadedClassCount(),
                Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList());
    }
}
