package org.liveaudio.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a soak run must show, each as a rule, the figure the run measured and whether it holds.
 *
 * <ul>
 * <li>Heap flat: the median heap after GC over the last sixth of the samples is at most the median over the
 * first sixth after warm-up (the first twelfth) plus 10 MiB or 20 %, whichever is more: in an hour, minutes
 * 51-60 against minutes 5-14. The median, so that one sample caught mid-step does not decide; a leak of a
 * tenth of a MiB a minute fails an hour.
 * <li>Threads back: the JVM's live threads at the last sample are as many as at the first sample after
 * warm-up, give or take {@link #THREAD_SLACK} for threads that come and go on their own between samples. Not
 * the very first sample, which still sees threads of the start-up. The names that differ are listed, so that
 * whatever the slack covers is named.
 * <li>No loss on loopback: no listener lost a packet in any window that holds no transport swap.
 * <li>Every listener present at every sample.
 * <li>Every recording finalized, those closed by moving the listener to a new file and those closed at the end.
 * </ul>
 */
final class SoakVerdict {
    static final int THREAD_SLACK = 2;
    private static final double HEAP_SLACK_MB = 10;
    private static final double HEAP_SLACK_FRACTION = 0.20;
    private static final int WARM_UP_DIVISOR = 12;
    private static final int WINDOW_DIVISOR = 6;
    private static final int MIN_WINDOW = 3;

    /** One rule and how the run fared. */
    record Check(String rule, String measured, boolean holds) {
    }

    private SoakVerdict() {
    }

    /**
     * @param threadNames each sample's thread names, sorted, in the order of {@code samples}
     * @param recordings every recording file of the run, and whether its header says it was finalized
     */
    static List<Check> of(List<SoakSample> samples, List<List<String>> threadNames, List<SoakWindow> windows,
            Map<String, Boolean> recordings, int listeners) {
        List<Check> checks = new ArrayList<>();
        checks.add(heap(samples));
        checks.add(threads(samples, threadNames));
        checks.add(loss(windows, samples.isEmpty() ? 0 : samples.get(samples.size() - 1).lateAroundGc()));
        checks.add(listeners(samples, listeners));
        long open = recordings.values().stream().filter(finalized -> !finalized).count();
        checks.add(new Check("every recording finalized", recordings.size() - open + " of " + recordings.size()
                + " finalized" + (open == 0 ? "" : "; not: " + recordings.entrySet().stream()
                        .filter(e -> !e.getValue()).map(Map.Entry::getKey).toList()), open == 0 && !recordings.isEmpty()));
        return checks;
    }

    private static Check heap(List<SoakSample> samples) {
        int count = samples.size();
        int warmUp = warmUp(count);
        int window = Math.max(MIN_WINDOW, count / WINDOW_DIVISOR);
        String rule = String.format(Locale.ROOT, "heap after GC flat: median of the last %d samples <= median of "
                + "samples %d-%d + max(%.0f MiB, %.0f %%)", window, warmUp, warmUp + window - 1, HEAP_SLACK_MB,
                HEAP_SLACK_FRACTION * 100);
        if (count < warmUp + 2 * window) {
            return new Check(rule, "only " + count + " samples", false);
        }
        double first = median(samples.subList(warmUp, warmUp + window));
        double last = median(samples.subList(count - window, count));
        double bound = first + Math.max(HEAP_SLACK_MB, first * HEAP_SLACK_FRACTION);
        return new Check(rule, String.format(Locale.ROOT, "%.1f MiB, then %.1f MiB (%+.1f MiB; bound %.1f MiB)",
                first, last, last - first, bound), last <= bound);
    }

    private static double median(List<SoakSample> samples) {
        double[] heaps = samples.stream().mapToDouble(SoakSample::heapUsedMb).sorted().toArray();
        int middle = heaps.length / 2;
        return heaps.length % 2 == 1 ? heaps[middle] : (heaps[middle - 1] + heaps[middle]) / 2;
    }

    private static Check threads(List<SoakSample> samples, List<List<String>> threadNames) {
        int count = samples.size();
        int from = warmUp(count);
        String rule = "threads at the end = at sample " + from + " (after warm-up) +- " + THREAD_SLACK;
        if (count <= from) {
            return new Check(rule, "only " + count + " samples", false);
        }
        int start = samples.get(from).threads();
        int end = samples.get(count - 1).threads();
        List<SoakSample> after = samples.subList(from, count);
        int min = after.stream().mapToInt(SoakSample::threads).min().orElseThrow();
        int max = after.stream().mapToInt(SoakSample::threads).max().orElseThrow();
        return new Check(rule, start + " -> " + end + " (" + min + "-" + max + " after warm-up; at the first sample "
                + samples.get(0).threads() + ")" + namesThatDiffer(threadNames.get(from), threadNames.get(count - 1)),
                Math.abs(end - start) <= THREAD_SLACK);
    }

    /** The names only at the end and those gone by then, each name as often as it is more on that side. */
    private static String namesThatDiffer(List<String> before, List<String> after) {
        List<String> gone = new ArrayList<>(before);
        after.forEach(gone::remove);
        List<String> added = new ArrayList<>(after);
        before.forEach(added::remove);
        return (added.isEmpty() ? "" : "; new: " + added) + (gone.isEmpty() ? "" : "; gone: " + gone);
    }

    private static int warmUp(int samples) {
        return Math.max(1, samples / WARM_UP_DIVISOR);
    }

    private static Check loss(List<SoakWindow> windows, long lateAroundGc) {
        long lost = windows.stream().filter(w -> !w.mayLose()).mapToLong(SoakWindow::lost).sum();
        long apart = windows.stream().filter(SoakWindow::mayLose).mapToLong(SoakWindow::lost).sum();
        long late = windows.stream().mapToLong(SoakWindow::late).sum();
        List<String> losing = windows.stream().filter(w -> !w.mayLose() && w.lost() > 0)
                .map(w -> w.step() + ": " + w.lost()).toList();
        return new Check("0 lost outside the transport swaps' windows", lost + " lost" + (losing.isEmpty() ? ""
                : " " + losing) + "; in transport swap windows " + apart + " lost (counted apart); " + late
                + " late in all (" + lateAroundGc + " of them around the forced GCs)", lost == 0);
    }

    private static Check listeners(List<SoakSample> samples, int listeners) {
        int fewest = samples.stream().mapToInt(SoakSample::listeners).min().orElse(0);
        return new Check("all " + listeners + " listeners registered at every sample", "fewest " + fewest,
                fewest == listeners);
    }
}
