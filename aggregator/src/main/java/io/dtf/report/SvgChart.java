package io.dtf.report;

import io.dtf.stats.ChangePoint;
import io.dtf.stats.Outlier;
import io.dtf.stats.Series;
import io.dtf.stats.SeriesAnalysis;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A line chart of one series as inline SVG: the median of each run joined by a line, change
 * points as dashed vertical lines, outliers as red circles. Runs are spaced evenly (one step per
 * run, as the statistics count them).
 */
final class SvgChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 200;
    private static final int PAD = 40;

    private SvgChart() {
    }

    static String of(Series series, SeriesAnalysis analysis) {
        List<Double> values = series.points().stream().map(HtmlReport::median).toList();
        double min = values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).max().orElse(1);
        if (max == min) {
            max = min + Math.max(1, Math.abs(min) * 0.1);
        }
        Set<String> outlierRuns = new HashSet<>();
        for (Outlier o : analysis.outliers()) {
            outlierRuns.add(o.run());
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">\n", WIDTH, HEIGHT, WIDTH, HEIGHT,
                HtmlReport.esc(Labels.benchmark(series.key()) + " " + Labels.measure(series.key()))));
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"10\">%s</text>"
                        + "<text x=\"4\" y=\"%d\" font-size=\"10\">%s</text>\n", PAD - 8, Labels.number(max),
                HEIGHT - PAD + 12, Labels.number(min)));
        int n = values.size();
        for (ChangePoint cp : analysis.changePoints()) {
            if (cp.index() >= 0 && cp.index() < n) {
                double x = x(cp.index(), n);
                svg.append(String.format(Locale.ROOT, "<line class=\"change-point\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
                        + "y2=\"%d\" stroke=\"#a15c00\" stroke-dasharray=\"4 3\"/>\n", x, PAD / 2, x, HEIGHT - PAD / 2));
            }
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(values.get(i))) {
                path.append(path.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x(i, n),
                        y(values.get(i), min, max)));
            }
        }
        svg.append("<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.5\" points=\"").append(path).append("\"/>\n");
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values.get(i))) {
                continue;
            }
            String run = series.points().get(i).run();
            boolean outlier = outlierRuns.contains(run);
            svg.append(String.format(Locale.ROOT, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\">",
                    outlier ? "outlier" : "point", x(i, n), y(values.get(i), min, max), outlier ? 5 : 3,
                    outlier ? "#b00020" : "#1f5fa8"));
            svg.append("<title>").append(HtmlReport.esc(run)).append(": ").append(Labels.number(values.get(i)))
                    .append("</title></circle>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private static double x(int i, int n) {
        return n == 1 ? WIDTH / 2.0 : PAD + i * (WIDTH - 2.0 * PAD) / (n - 1);
    }

    private static double y(double value, double min, double max) {
        return HEIGHT - PAD - (value - min) / (max - min) * (HEIGHT - 2.0 * PAD);
    }
}
