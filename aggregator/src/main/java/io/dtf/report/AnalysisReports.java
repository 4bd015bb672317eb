package io.dtf.report;

import io.dtf.history.OutcomeReader;
import io.dtf.history.SeriesReader;
import io.dtf.model.AnalysisReply;
import io.dtf.model.AnalysisRequest;
import io.dtf.model.SeriesVerdict;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.stats.AnalysisOptions;
import io.dtf.stats.Analyzer;
import io.dtf.stats.Latest;
import io.dtf.stats.Series;
import io.dtf.stats.SeriesAnalysis;
import io.dtf.stats.SeriesKey;
import io.dtf.stats.Verdict;
import io.dtf.stats.flaky.Outcome;
import java.util.List;

/**
 * {@code dtf analyze} on one results database, wherever it is asked: the command on a file no node holds,
 * the aggregator service on its own file. Both give the same report for the same data.
 *
 * <pre>{@code
 * AnalysisReply reply = AnalysisReports.answer(store, new AnalysisRequest(null, "md"));
 * }</pre>
 */
public final class AnalysisReports {
    private AnalysisReports() {
    }

    /** Reads the series and outcomes, analyses them and renders the report; no report for a run no series has. */
    public static AnalysisReply answer(DuckDbResultStore store, AnalysisRequest request) {
        List<Series> series = new SeriesReader(store).read(request.run());
        if (request.run() != null && series.isEmpty()) {
            return new AnalysisReply("", 0, 0);
        }
        List<Outcome> outcomes = new OutcomeReader(store).read();
        AnalysisOptions options = AnalysisOptions.defaults();
        List<SeriesAnalysis> analyses = new Analyzer(options).analyze(series);
        Findings findings = Findings.of(outcomes, series, options).withIngestConflicts(store.conflicts().size());
        String report = switch (request.format()) {
            case "md" -> MarkdownReport.render(analyses, findings);
            case "html" -> HtmlReport.render(analyses, series, findings);
            default -> JsonReport.render(analyses, findings);
        };
        return new AnalysisReply(report, series.size(), Attention.of(analyses).regressions().size());
    }

    /**
     * The verdict of every series that has {@code run}, with that run as its latest: what {@code answer}
     * reports as each series' {@code latest}, one record per series. A series with no earlier run gets
     * UNKNOWN.
     */
    public static List<SeriesVerdict> verdicts(DuckDbResultStore store, String run) {
        List<Series> series = new SeriesReader(store).read(run);
        return new Analyzer(AnalysisOptions.defaults()).analyze(series).stream().map(AnalysisReports::verdict).toList();
    }

    private static SeriesVerdict verdict(SeriesAnalysis a) {
        SeriesKey k = a.key();
        Latest latest = a.latest();
        return latest == null
                ? new SeriesVerdict(k.benchmark(), k.params(), k.metric(), k.unit(), k.hardware(), a.direction().name(),
                        Verdict.UNKNOWN.name(), Double.NaN, Double.NaN, Double.NaN, 0)
                : new SeriesVerdict(k.benchmark(), k.params(), k.metric(), k.unit(), k.hardware(), a.direction().name(),
                        latest.verdict().name(), latest.changePercent(), latest.pValue(), latest.qValue(),
                        latest.baselineRuns());
    }
}
