package io.dtf.cli;

import io.dtf.history.OutcomeReader;
import io.dtf.history.SeriesReader;
import io.dtf.report.Attention;
import io.dtf.report.Findings;
import io.dtf.report.HtmlReport;
import io.dtf.report.JsonReport;
import io.dtf.report.MarkdownReport;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.stats.AnalysisOptions;
import io.dtf.stats.Analyzer;
import io.dtf.stats.Series;
import io.dtf.stats.SeriesAnalysis;
import io.dtf.stats.flaky.Outcome;
import io.dtf.wire.SafeText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dtf analyze --db PATH}: change points, outliers, trends and the latest run's verdict for every
 * series; flaky tests, failure signatures, failures by hardware and what explains each benchmark's spread.
 */
@Command(name = "analyze", description = "Analyse every benchmark series in a DuckDB file (from `dtf run` or "
        + "`dtf import`): regressions, change points, outliers, drift, forecast, flaky tests, failures by hardware, "
        + "what explains the variance. Format: docs/ANALYSIS-FORMAT.md.")
final class AnalyzeCommand implements Callable<Integer> {
    enum OutputFormat { json, md, html }

    @Option(names = "--db", paramLabel = "FILE", description = "DuckDB file (default: dtf-data/dtf.duckdb). "
            + "A running node holds its file open: stop it first.")
    Path db;

    @Option(names = "--run", paramLabel = "RUN", description = "Only series that have this run, with it as their latest.")
    String run;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json, md or html (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path out;

    @Option(names = "--fail-on-regression", description = "Exit with 1 when a latest run regressed.")
    boolean failOnRegression;

    @Override
    public Integer call() throws IOException {
        Path file = db != null ? db : Path.of("dtf-data").resolve(io.dtf.node.DtfNode.DUCKDB_FILE);
        if (!Files.isRegularFile(file)) {
            System.err.println("dtf: no DuckDB file at " + file + "; give --db FILE");
            return ExitCodes.USAGE;
        }
        List<Series> series;
        List<Outcome> outcomes;
        try (DuckDbResultStore store = DuckDbResultStore.openReadOnly(file)) {
            series = new SeriesReader(store).read(run);
            outcomes = new OutcomeReader(store).read();
        }
        if (run != null && series.isEmpty()) {
            System.err.println("dtf: no series in " + file + " has run '" + run + "'");
            return ExitCodes.USAGE;
        }
        AnalysisOptions options = AnalysisOptions.defaults();
        List<SeriesAnalysis> analyses = new Analyzer(options).analyze(series);
        Findings findings = Findings.of(outcomes, series, options);
        String report = switch (format) {
            case json -> JsonReport.render(analyses, findings);
            case md -> MarkdownReport.render(analyses, findings);
            case html -> HtmlReport.render(analyses, series, findings);
        };
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, report);
        } else {
            System.out.print(SafeText.lines(report));
        }
        boolean regressed = !Attention.of(analyses).regressions().isEmpty();
        return failOnRegression && regressed ? ExitCodes.TASKS_FAILED : ExitCodes.OK;
    }
}
