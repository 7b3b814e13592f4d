package org.liveaudio.itests;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws {@code soak.png} from {@code soak.csv}: the heap after GC and the thread count over the minutes of the
 * soak run, a grey line at every step ({@code soak-steps.csv}). Runs outside the framework after the integration
 * tests, as {@link ThroughputCharts} does; without the CSV (no soak run) it says so and draws nothing.
 *
 * <p>Argument: the reports folder.
 */
public final class SoakCharts {
    static final String PNG = "soak.png";
    private static final int WIDTH = 960;
    private static final int HEIGHT = 600;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Color HEAP = new Color(0, 90, 181);
    private static final Color THREADS = new Color(220, 50, 32);
    private static final Color STEP = new Color(190, 190, 190);

    private SoakCharts() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path reports = Path.of(args.length > 0 ? args[0] : "target/reports");
        Path csv = reports.resolve(SoakCsv.SAMPLES);
        if (!Files.isRegularFile(csv)) {
            System.out.println("No " + csv + " (no soak run; it runs with -Psoak): no soak chart drawn.");
            return;
        }
        List<SoakSample> samples = SoakCsv.read(csv).stream().map(SoakSample::of).toList();
        if (samples.isEmpty()) {
            System.out.println(csv + " holds no samples: no soak chart drawn.");
            return;
        }
        Path stepsCsv = reports.resolve(SoakCsv.STEPS);
        List<SoakWindow> steps = Files.isRegularFile(stepsCsv)
                ? SoakCsv.read(stepsCsv).stream().map(SoakWindow::of).toList() : List.of();
        ChartUtils.saveChartAsPNG(reports.resolve(PNG).toFile(), chart(samples, steps), WIDTH, HEIGHT);
        System.out.println("Soak chart: " + reports.resolve(PNG));
    }

    /** Heap on the left axis, threads on the right, both from zero so that a drift is seen at its true size. */
    private static JFreeChart chart(List<SoakSample> samples, List<SoakWindow> steps) {
        XYSeries heap = new XYSeries("heap used after GC (MiB, left)");
        XYSeries threads = new XYSeries("live threads (right)");
        for (SoakSample sample : samples) {
            heap.add(sample.minute(), sample.heapUsedMb());
            threads.add(sample.minute(), sample.threads());
        }
        NumberAxis minutes = new NumberAxis("minutes since the first sample");
        NumberAxis heapAxis = new NumberAxis("heap used after GC (MiB)");
        NumberAxis threadAxis = new NumberAxis("live threads");
        // Different headroom on the two axes keeps the lines apart when their figures happen to be alike.
        heapAxis.setRange(0, samples.stream().mapToDouble(SoakSample::heapUsedMb).max().orElse(1) * 1.6);
        threadAxis.setRange(0, samples.stream().mapToInt(SoakSample::threads).max().orElse(1) * 1.15);
        for (ValueAxis axis : new ValueAxis[] {minutes, heapAxis, threadAxis}) {
            axis.setLabelFont(LABEL);
            axis.setTickLabelFont(TICKS);
        }
        XYPlot plot = new XYPlot(new XYSeriesCollection(heap), minutes, heapAxis, renderer(HEAP));
        plot.setRangeAxis(1, threadAxis);
        plot.setDataset(1, new XYSeriesCollection(threads));
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, renderer(THREADS));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        // The first window starts at the first sample, before any step: no line for it.
        steps.stream().skip(1).forEach(step -> plot.addDomainMarker(new ValueMarker(step.fromMinute(), STEP,
                new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 4}, 0))));
        JFreeChart chart = new JFreeChart("Soak run: heap after GC and threads", TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        SoakSample last = samples.get(samples.size() - 1);
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "One sender and 10 listeners in one JVM, "
                + "loopback multicast; %.0f min, %d samples; grey lines: pauses, reconfigurations and swaps "
                + "(soak.md); lost %d (transport swaps included), late %d", last.minute(), samples.size(), last.lost(), last.late()), SUBTITLE));
        chart.getLegend().setItemFont(TICKS);
        return chart;
    }

    private static XYLineAndShapeRenderer renderer(Color colour) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, colour);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesShape(0, ShapeUtils.createDiamond(4));
        return renderer;
    }
}
