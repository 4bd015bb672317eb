package io.dtf.cli;

import io.dtf.model.AnalysisReply;
import io.dtf.model.AnalysisRequest;
import io.dtf.wire.SafeText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dtf analyze [--db PATH | --grid HOST:PORT]}: change points, outliers, trends and the latest run's
 * verdict for every series; flaky tests, failure signatures, failures by hardware and what explains each benchmark's spread.
 */
@Command(name = "analyze", description = "Analyse every benchmark series in a DuckDB file (from `dtf run` or "
        + "`dtf import`), or a running grid's with --grid: regressions, change points, outliers, drift, forecast, "
        + "flaky tests, failures by hardware, what explains the variance. Format: docs/ANALYSIS-FORMAT.md.")
final class AnalyzeCommand implements Callable<Integer> {
    enum OutputFormat { json, md, html }

    @Option(names = "--db", paramLabel = "FILE", description = "DuckDB file (default: dtf-data/dtf.duckdb). "
            + "A running node holds its file open: ask its grid with --grid instead.")
    Path db;

    @Mixin
    GridOptions grid;

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
        AnalysisReply analysis;
        try (ResultSource source = ResultSource.open(db, grid)) {
            analysis = source.analyze(new AnalysisRequest(run, format.name()));
            if (run != null && analysis.series() == 0) {
                System.err.println("dtf: no series in " + source.name() + " has run '" + run + "'");
                return ExitCodes.USAGE;
            }
        } catch (ResultSource.ResultSourceException e) {
            System.err.println("dtf: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        String report = analysis.report();
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, report);
        } else {
            System.out.print(SafeText.lines(report));
        }
        return failOnRegression && analysis.regressions() > 0 ? ExitCodes.TASKS_FAILED : ExitCodes.OK;
    }
}
