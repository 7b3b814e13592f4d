package org.liveaudio.itests;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The FEC loss table of {@code fec-loss.csv} as Markdown, and its chart {@code fec-loss.png}: frames played intact
 * against the random loss rate, one line per codec and FEC setting. Runs outside the OSGi framework after the
 * integration tests (the pom's exec-maven-plugin execution), headless; without the CSV it says so.
 *
 * <p>Argument: the reports folder.
 */
public final class FecCharts {
    static final String PNG = "fec-loss.png";
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Color[] COLOURS = {new Color(0, 90, 181), new Color(220, 50, 32), new Color(0, 140, 70),
        new Color(230, 130, 0), new Color(120, 60, 170), new Color(90, 90, 90)};
    private static final float[][] DASHES = {null, {8f, 4f}, {2f, 3f}};

    private FecCharts() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path reports = Path.of(args.length > 0 ? args[0] : "target/reports");
        Path csv = reports.resolve(FecLossTable.CSV);
        if (!Files.isRegularFile(csv)) {
            System.out.println("No " + csv + " (the FEC loss table runs under -Pbench): no FEC chart drawn.");
            return;
        }
        List<FecLossRow> rows = FecLossTable.read(csv);
        ChartUtils.saveChartAsPNG(reports.resolve(PNG).toFile(), chart(rows), 960, 600);
        System.out.println("FEC loss table, from " + csv + ":\n" + FecLossTable.markdown(rows) + "Chart: " + reports.resolve(PNG));
    }

    private static JFreeChart chart(List<FecLossRow> rows) {
        Map<String, XYSeries> lines = new LinkedHashMap<>();
        for (FecLossRow row : rows) {
            if (!row.loss().startsWith("random ")) {
                continue;
            }
            double rate = Double.parseDouble(row.loss().replaceAll("[^0-9.]", ""));
            lines.computeIfAbsent(row.codec() + ", FEC " + row.fec(), XYSeries::new).add(rate, row.intactPercent());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        lines.values().forEach(data::addSeries);
        NumberAxis loss = new NumberAxis("random packet loss (%)");
        NumberAxis intact = new NumberAxis("frames played intact (%)");
        intact.setAutoRangeIncludesZero(false);
        loss.setLabelFont(LABEL);
        intact.setLabelFont(LABEL);
        // A colour per FEC setting, a dash pattern per codec: 12 lines stay apart.
        List<String> codecs = rows.stream().map(FecLossRow::codec).distinct().toList();
        List<String> fecs = rows.stream().map(FecLossRow::fec).distinct().toList();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int i = 0;
        for (String key : lines.keySet()) {
            String[] codecAndFec = key.split(", FEC ", 2);
            renderer.setSeriesPaint(i, COLOURS[fecs.indexOf(codecAndFec[1]) % COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    DASHES[codecs.indexOf(codecAndFec[0]) % DASHES.length], 0f));
            i++;
        }
        XYPlot plot = new XYPlot(data, loss, intact, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Frames played intact under random loss", new Font(Font.SANS_SERIF,
                Font.BOLD, 20), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
