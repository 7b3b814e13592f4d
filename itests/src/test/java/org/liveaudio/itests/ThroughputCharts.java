package org.liveaudio.itests;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the charts of {@code throughput.csv} as PNGs beside it and prints the figures as a table. Runs outside the
 * OSGi framework, after the integration tests (the pom's exec-maven-plugin execution), headless. Without the CSV
 * (integration tests skipped) it says so and draws nothing.
 *
 * <p>Argument: the reports folder.
 */
public final class ThroughputCharts {
    static final String THROUGHPUT_PNG = "throughput-per-listener.png";
    static final String JITTER_PNG = "jitter.png";
    static final String CPU_PNG = "cpu.png";
    static final String LATENCY_PNG = "latency.png";
    private static final int WIDTH = 960;
    private static final int HEIGHT = 600;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font AXIS_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    /** Dark enough to read on white, and told apart without colour vision by the order of the legend. */
    private static final Color[] SERIES_COLOURS = {new Color(0, 90, 181), new Color(220, 50, 32),
        new Color(0, 140, 70), new Color(230, 130, 0)};
    private static final Font TICK_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private ThroughputCharts() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path reports = Path.of(args.length > 0 ? args[0] : "target/reports");
        Path csv = reports.resolve(ThroughputCsv.FILE_NAME);
        if (!Files.isRegularFile(csv)) {
            System.out.println("No " + csv + " (the throughput test did not run, e.g. -DskipITs): no charts drawn.");
            return;
        }
        List<ThroughputRow> rows = ThroughputCsv.read(csv);
        if (rows.isEmpty()) {
            System.out.println(csv + " holds no runs: no charts drawn.");
            return;
        }
        String about = about(rows, csv);
        save(reports.resolve(THROUGHPUT_PNG), throughputChart(rows, about));
        save(reports.resolve(JITTER_PNG), jitterChart(rows, about));
        save(reports.resolve(CPU_PNG), cpuChart(rows, about));
        save(reports.resolve(LATENCY_PNG), latencyChart(rows, about));
        System.out.println("Throughput of one sender to N listeners, from " + csv + ":");
        System.out.print(ThroughputReport.text(rows));
        System.out.println("Charts: " + reports.resolve(THROUGHPUT_PNG) + ", " + JITTER_PNG + ", " + CPU_PNG + ", "
                + LATENCY_PNG);
    }

    private static String about(List<ThroughputRow> rows, Path csv) throws IOException {
        String written = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                .format(Files.getLastModifiedTime(csv).toInstant().atZone(ZoneId.systemDefault()));
        double seconds = rows.stream().mapToDouble(ThroughputRow::seconds).average().orElse(0);
        return String.format(Locale.ROOT, "One sender and N listeners in one JVM (Felix), loopback multicast, "
                + "48 kHz stereo L16 in 5 ms frames; %.0f s per N; %d cores; %s", seconds,
                Runtime.getRuntime().availableProcessors(), written);
    }

    private static JFreeChart throughputChart(List<ThroughputRow> rows, String about) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("mean", rows, row -> row.meanBytesPerSecond() / 1000));
        data.addSeries(series("min", rows, row -> row.minBytesPerSecond() / 1000));
        data.addSeries(series("max", rows, row -> row.maxBytesPerSecond() / 1000));
        double realTime = rows.get(0).realTimeBytesPerSecond() / 1000;
        double highest = Math.max(realTime, rows.stream().mapToDouble(ThroughputRow::maxBytesPerSecond).max()
                .orElse(0) / 1000);
        JFreeChart chart = chart("Throughput per listener", about, "received per listener (kB/s, RTP header + "
                + "payload)", data);
        XYPlot plot = chart.getXYPlot();
        plot.getRangeAxis().setRange(0, highest * 1.3);
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        renderer.setSeriesLinesVisible(1, false);
        renderer.setSeriesLinesVisible(2, false);
        renderer.setSeriesShape(1, ShapeUtils.createDownTriangle(6));
        renderer.setSeriesShape(2, ShapeUtils.createUpTriangle(6));
        ValueMarker marker = new ValueMarker(realTime, new Color(200, 0, 0), new BasicStroke(1.5f,
                BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
        marker.setLabel(String.format(Locale.ROOT, "real time: %.1f kB/s (%.0f packets/s)", realTime,
                rows.get(0).realTimePacketsPerSecond()));
        marker.setLabelFont(TICK_LABEL);
        marker.setLabelPaint(new Color(200, 0, 0));
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(marker);
        chart.addSubtitle(new TextTitle(ThroughputReport.largestCompleteRun(rows), SUBTITLE));
        return chart;
    }

    private static JFreeChart jitterChart(List<ThroughputRow> rows, String about) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("mean (over listeners and samples, every 100 ms)", rows,
                ThroughputRow::meanJitterMillis));
        data.addSeries(series("largest (any listener, any sample)", rows, ThroughputRow::maxJitterMillis));
        JFreeChart chart = chart("Interarrival jitter (RFC 3550) at the listeners", about, "jitter (ms)", data);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(true);
        return chart;
    }

    /** Runs without a sender report in their window measured no latency; they are left out, not drawn as 0. */
    private static JFreeChart latencyChart(List<ThroughputRow> rows, String about) {
        List<ThroughputRow> measured = rows.stream().filter(row -> row.latencyListeners() > 0).toList();
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("to arrival, p50 (mean over listeners)", measured, ThroughputRow::receiveP50Millis));
        data.addSeries(series("to arrival, p99 (worst listener)", measured, ThroughputRow::receiveP99Millis));
        data.addSeries(series("to the sink, p50 (mean over listeners)", measured, ThroughputRow::playoutP50Millis));
        data.addSeries(series("to the sink, p99 (worst listener)", measured, ThroughputRow::playoutP99Millis));
        JFreeChart chart = chart("One-way latency from the sender's clock (RTCP sender reports)", about,
                "latency (ms)", data);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(true);
        return chart;
    }

    private static JFreeChart cpuChart(List<ThroughputRow> rows, String about) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("sender clock thread (reads, encodes, sends)", rows,
                ThroughputRow::senderCpuMillisPerSecond));
        data.addSeries(series("whole JVM (sender, all listeners, test)", rows, ThroughputRow::jvmCpuMillisPerSecond));
        data.addSeries(series("listeners' receive threads, together", rows, ThroughputRow::receiveCpuMillisPerSecond));
        data.addSeries(series("listeners' playout threads, together", rows, ThroughputRow::playoutCpuMillisPerSecond));
        JFreeChart chart = chart("CPU time per second of audio", about, "CPU ms per s of audio (1000 = one core)",
                data);
        chart.addSubtitle(new TextTitle("Per second of audio sent: where the sender skipped frames, it sent less "
                + "audio than the window's wall-clock time", SUBTITLE));
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(true);
        return chart;
    }

    private static XYSeries series(String name, List<ThroughputRow> rows, ToDoubleFunction<ThroughputRow> figure) {
        XYSeries series = new XYSeries(name);
        rows.forEach(row -> series.add(row.listeners(), figure.applyAsDouble(row)));
        return series;
    }

    /** A line chart over the listener count, on a logarithmic axis because the counts grow by factors. */
    private static JFreeChart chart(String title, String about, String rangeLabel, XYSeriesCollection data) {
        LogAxis listeners = new LogAxis("listeners N (log scale)");
        listeners.setBase(10);
        listeners.setNumberFormatOverride(new DecimalFormat("0"));
        // One labelled tick per power of ten, with minor ticks between: 1, 10, 100, 1000.
        listeners.setTickUnit(new NumberTickUnit(1));
        listeners.setMinorTickCount(9);
        listeners.setMinorTickMarksVisible(true);
        listeners.setSmallestValue(0.5);
        double largest = data.getDomainUpperBound(false);
        listeners.setRange(0.7, largest * 1.4);
        NumberAxis range = new NumberAxis(rangeLabel);
        for (ValueAxis axis : new ValueAxis[] {listeners, range}) {
            axis.setLabelFont(AXIS_LABEL);
            axis.setTickLabelFont(TICK_LABEL);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Shape dot = ShapeUtils.createDiamond(5);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesShape(i, dot);
            renderer.setSeriesPaint(i, SERIES_COLOURS[i % SERIES_COLOURS.length]);
        }
        XYPlot plot = new XYPlot(data, listeners, range, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainMinorGridlinesVisible(true);
        plot.setDomainMinorGridlinePaint(new Color(235, 235, 235));
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(about, SUBTITLE));
        chart.getLegend().setItemFont(TICK_LABEL);
        return chart;
    }

    private static void save(Path file, JFreeChart chart) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
