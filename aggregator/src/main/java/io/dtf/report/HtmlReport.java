package io.dtf.report;

import io.dtf.stats.ChangePoint;
import io.dtf.stats.Point;
import io.dtf.stats.Series;
import io.dtf.stats.SeriesAnalysis;
import io.dtf.stats.SeriesKey;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code dtf analyze --format html}: one self-contained page (no scripts, no external files).
 * It leads with what needs attention, each flagged series with an inline SVG chart of its runs
 * (median per run), change points and outliers; then the {@link Findings} that are not empty (as in
 * the Markdown report); then every other series in one table. All user text is HTML-escaped.
 *
 * <pre>{@code
 * String html = HtmlReport.render(analyses, series, findings);
 * }</pre>
 */
public final class HtmlReport {
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}
            .regression{color:#b00020}.change{color:#a15c00}.drift{color:#5a3ea1}
            section.flag{border-left:4px solid #ccc;padding-left:1em;margin:1.5em 0}
            svg{background:#fafafa;border:1px solid #ddd}""";

    private HtmlReport() {
    }

    /** @param series the analysed series, for the charts' points (a series without one gets no chart) */
    public static String render(List<SeriesAnalysis> analyses, List<Series> series) {
        return render(analyses, series, Findings.none());
    }

    /** @param series the analysed series, for the charts' points (a series without one gets no chart) */
    public static String render(List<SeriesAnalysis> analyses, List<Series> series, Findings findings) {
        Map<SeriesKey, Series> byKey = series.stream().collect(Collectors.toMap(Series::key, Function.identity(), (a, b) -> a));
        Attention attention = Attention.of(analyses);
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>DTF analysis</title><style>" + STYLE + "</style></head><body>\n<h1>DTF analysis</h1>\n");
        out.append("<p>").append(analyses.size()).append(" series; ").append(attention.flagged().size())
                .append(" need attention.</p>\n");
        String conflicts = findings.ingestConflictsNote();
        if (conflicts != null) {
            out.append("<h2>Ingest conflicts</h2>\n<p>").append(esc(conflicts)).append("</p>\n");
        }
        flagged(out, "Regressions", "regression", attention.regressions(), byKey,
                a -> "latest run " + esc(a.latest().run()) + ": " + Labels.percent(a.latest().changePercent())
                        + " (p " + Labels.p(a.latest().pValue()) + ")");
        flagged(out, "Change points in the last runs", "change", attention.recentChanges(), byKey, a -> {
            ChangePoint cp = Attention.recentChangePoint(a);
            return "from run " + esc(cp.run()) + ": " + Labels.percent(cp.changePercent()) + " (p " + Labels.p(cp.pValue()) + ")";
        });
        flagged(out, "Drift", "drift", attention.drifts(), byKey,
                a -> Labels.percent(a.trend().slopePercentPerRun()) + " per run (p " + Labels.p(a.trend().pValue()) + ")");
        if (!attention.any() && conflicts == null) {
            out.append("<p>Nothing needs attention.</p>\n");
        }
        for (FindingTables.Table table : FindingTables.of(findings)) {
            out.append("<h2>").append(esc(table.title())).append("</h2>\n<table><tr>");
            table.headers().forEach(h -> out.append("<th>").append(esc(h)).append("</th>"));
            out.append("</tr>\n");
            for (List<String> cells : table.rows()) {
                out.append("<tr>");
                cells.forEach(c -> out.append("<td>").append(esc(c)).append("</td>"));
                out.append("</tr>\n");
            }
            out.append("</table>\n");
        }
        if (!attention.rest().isEmpty()) {
            out.append("<h2>Other series</h2>\n<table><tr><th>series</th><th>measure</th><th>runs</th><th>latest</th>"
                    + "<th>change</th><th>outliers</th></tr>\n");
            for (SeriesAnalysis a : attention.rest()) {
                out.append("<tr><td>").append(esc(Labels.benchmark(a.key()))).append("</td><td>")
                        .append(esc(Labels.measure(a.key()))).append("</td><td>").append(a.runs()).append("</td><td>")
                        .append(a.latest() == null ? "-" : a.latest().verdict().name().toLowerCase(Locale.ROOT))
                        .append("</td><td>").append(a.latest() == null ? "-" : Labels.percent(a.latest().changePercent()))
                        .append("</td><td>").append(a.outliers().size()).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    private static void flagged(StringBuilder out, String title, String css, List<SeriesAnalysis> group,
                                Map<SeriesKey, Series> byKey, Function<SeriesAnalysis, String> summary) {
        if (group.isEmpty()) {
            return;
        }
        out.append("<h2 class=\"").append(css).append("\">").append(title).append("</h2>\n");
        for (SeriesAnalysis a : group) {
            out.append("<section class=\"flag\"><h3>").append(esc(Labels.benchmark(a.key()))).append("</h3>\n<p>")
                    .append(esc(Labels.measure(a.key()))).append(" &mdash; <span class=\"").append(css).append("\">")
                    .append(summary.apply(a)).append("</span></p>\n");
            Series series = byKey.get(a.key());
            if (series != null && !series.points().isEmpty()) {
                out.append(SvgChart.of(series, a));
            }
            out.append("</section>\n");
        }
    }

    /** Escapes text for HTML element content and attribute values. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The value a run is drawn at: its median sample. */
    static double median(Point point) {
        double[] v = point.samples().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
