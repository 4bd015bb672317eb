package io.dtf.report;

import io.dtf.stats.ChangePoint;
import io.dtf.stats.SeriesAnalysis;
import java.util.List;

/**
 * {@code dtf analyze --format md}: what needs attention first (regressions, then recent change
 * points, then drift), then the {@link Findings} that are not empty (flaky tests, failures by
 * hardware, failure signatures, infrastructure failures by hardware and by node, what explains the
 * variance), then every other series in one compact table. User text (benchmark names, params,
 * error messages) is escaped so it cannot break the table or inject markup.
 *
 * <pre>{@code
 * String markdown = MarkdownReport.render(analyses, findings);
 * }</pre>
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /** The series only. */
    public static String render(List<SeriesAnalysis> analyses) {
        return render(analyses, Findings.none());
    }

    public static String render(List<SeriesAnalysis> analyses, Findings findings) {
        Attention attention = Attention.of(analyses);
        StringBuilder out = new StringBuilder("# DTF analysis\n\n");
        out.append(analyses.size()).append(" series, ").append(attention.flagged().size()).append(" need attention: ")
                .append(attention.regressions().size()).append(" regressions, ")
                .append(attention.recentChanges().size()).append(" recent change points, ")
                .append(attention.drifts().size()).append(" drifting.\n\n");
        String conflicts = findings.ingestConflictsNote();
        if (conflicts != null) {
            out.append("## Ingest conflicts\n\n").append(conflicts).append("\n\n");
        }
        if (!attention.regressions().isEmpty()) {
            out.append("## Regressions\n\n| series | measure | latest run | change | p |\n| --- | --- | --- | --- | --- |\n");
            for (SeriesAnalysis a : attention.regressions()) {
                row(out, name(a), md(Labels.measure(a.key())), md(a.latest().run()),
                        Labels.percent(a.latest().changePercent()), Labels.p(a.latest().pValue()));
            }
            out.append('\n');
        }
        if (!attention.recentChanges().isEmpty()) {
            out.append("## Change points in the last runs\n\n| series | measure | from run | change | p |\n")
                    .append("| --- | --- | --- | --- | --- |\n");
            for (SeriesAnalysis a : attention.recentChanges()) {
                ChangePoint cp = Attention.recentChangePoint(a);
                row(out, name(a), md(Labels.measure(a.key())), md(cp.run()), Labels.percent(cp.changePercent()),
                        Labels.p(cp.pValue()));
            }
            out.append('\n');
        }
        if (!attention.drifts().isEmpty()) {
            out.append("## Drift\n\n| series | measure | per run | p |\n| --- | --- | --- | --- |\n");
            for (SeriesAnalysis a : attention.drifts()) {
                row(out, name(a), md(Labels.measure(a.key())), Labels.percent(a.trend().slopePercentPerRun()),
                        Labels.p(a.trend().pValue()));
            }
            out.append('\n');
        }
        if (!attention.any() && conflicts == null) {
            out.append("Nothing needs attention.\n\n");
        }
        for (FindingTables.Table table : FindingTables.of(findings)) {
            out.append("## ").append(table.title()).append("\n\n");
            row(out, table.headers().stream().map(MarkdownReport::md).toArray(String[]::new));
            row(out, table.headers().stream().map(h -> "---").toArray(String[]::new));
            table.rows().forEach(cells -> row(out, cells.stream().map(MarkdownReport::md).toArray(String[]::new)));
            out.append('\n');
        }
        if (!attention.rest().isEmpty()) {
            out.append("## Other series\n\n| series | measure | runs | latest | change | outliers |\n")
                    .append("| --- | --- | --- | --- | --- | --- |\n");
            for (SeriesAnalysis a : attention.rest()) {
                row(out, name(a), md(Labels.measure(a.key())), String.valueOf(a.runs()),
                        a.latest() == null ? "-" : a.latest().verdict().name().toLowerCase(java.util.Locale.ROOT),
                        a.latest() == null ? "-" : Labels.percent(a.latest().changePercent()),
                        String.valueOf(a.outliers().size()));
            }
        }
        return out.toString();
    }

    private static String name(SeriesAnalysis a) {
        return md(Labels.benchmark(a.key()));
    }

    private static void row(StringBuilder out, String... cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    /** Escapes Markdown and HTML syntax; line breaks become spaces so a cell stays on its row. */
    static String md(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\n', '\r' -> out.append(' ');
                case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
