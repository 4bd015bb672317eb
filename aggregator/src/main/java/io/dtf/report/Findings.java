package io.dtf.report;

import io.dtf.stats.AnalysisOptions;
import io.dtf.stats.Series;
import io.dtf.stats.dimensions.DimensionExplainer;
import io.dtf.stats.dimensions.DimensionReport;
import io.dtf.stats.flaky.AttributeCorrelation;
import io.dtf.stats.flaky.FailureSignature;
import io.dtf.stats.flaky.FailureSignatures;
import io.dtf.stats.flaky.FlakyTest;
import io.dtf.stats.flaky.FlakyTests;
import io.dtf.stats.flaky.HardwareCorrelation;
import io.dtf.stats.flaky.InfrastructureFailureCount;
import io.dtf.stats.flaky.InfrastructureFailures;
import io.dtf.stats.flaky.Outcome;
import java.util.List;

/**
 * What the reports show beyond the series: flaky tests, failure signatures, hardware attributes that
 * failures go with, infrastructure failures by hardware class and node, and which dimension explains
 * each benchmark's spread (docs/ANALYSIS-FORMAT.md).
 *
 * <pre>{@code
 * Findings findings = Findings.of(new OutcomeReader(store).read(), series, AnalysisOptions.defaults());
 * String json = JsonReport.render(analyses, findings);
 * }</pre>
 *
 * @param hardwareCorrelations       only the significant ones ({@code qValue <= fdr}) whose value goes with
 *                                   more failures, not fewer: "cores=2" rather than its mirror "cores=4"
 * @param infrastructureByHardware   failures that were the machine's, per hardware class (node null)
 * @param infrastructureByNode       the same per node
 * @param ingestConflicts            rows of {@code ingest_conflicts} in the file: results stored beside a
 *                                   different result under the same identity (expected 0)
 */
public record Findings(List<FlakyTest> flakyTests, List<FailureSignature> failureSignatures,
                       List<AttributeCorrelation> hardwareCorrelations,
                       List<InfrastructureFailureCount> infrastructureByHardware,
                       List<InfrastructureFailureCount> infrastructureByNode, DimensionReport dimensions,
                       long ingestConflicts) {
    public Findings {
        flakyTests = List.copyOf(flakyTests);
        failureSignatures = List.copyOf(failureSignatures);
        hardwareCorrelations = List.copyOf(hardwareCorrelations);
        infrastructureByHardware = List.copyOf(infrastructureByHardware);
        infrastructureByNode = List.copyOf(infrastructureByNode);
    }

    /** Nothing beyond the series. */
    public static Findings none() {
        return new Findings(List.of(), List.of(), List.of(), List.of(), List.of(), new DimensionReport(List.of()), 0);
    }

    /** Runs the flaky-test, signature, correlation, infrastructure and dimension analyses. */
    public static Findings of(List<Outcome> outcomes, List<Series> series, AnalysisOptions options) {
        List<AttributeCorrelation> significant = HardwareCorrelation.correlate(outcomes).stream()
                .filter(c -> c.qValue() <= options.fdr() && c.failureRateDifference() > 0)
                .toList();
        return new Findings(FlakyTests.find(outcomes), FailureSignatures.group(outcomes), significant,
                InfrastructureFailures.byHardware(outcomes), InfrastructureFailures.byNode(outcomes),
                new DimensionExplainer(options.bootstrapResamples(), options.seed()).explain(series), 0);
    }

    /** These findings with the file's count of ingest conflicts. */
    public Findings withIngestConflicts(long count) {
        return new Findings(flakyTests, failureSignatures, hardwareCorrelations, infrastructureByHardware,
                infrastructureByNode, dimensions, count);
    }

    /** What the Markdown and HTML reports say of the ingest conflicts, or null when there are none. */
    String ingestConflictsNote() {
        if (ingestConflicts == 0) {
            return null;
        }
        return ingestConflicts + (ingestConflicts == 1 ? " result was" : " results were")
                + " delivered twice with different content; both are kept: see table ingest_conflicts in the "
                + "DuckDB file (docs/DUCKDB-SCHEMA.md).";
    }
}
