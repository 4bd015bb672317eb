package io.dtf.report;

import io.dtf.stats.SeriesKey;
import io.dtf.stats.dimensions.BenchmarkDimensions;
import io.dtf.stats.dimensions.BestConfiguration;
import io.dtf.stats.dimensions.DimensionEffect;
import io.dtf.stats.flaky.AttributeCorrelation;
import io.dtf.stats.flaky.FailureSignature;
import io.dtf.stats.flaky.FlakyTest;
import io.dtf.stats.flaky.InfrastructureFailureCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The findings as titled tables of plain (unescaped) text, shared by the Markdown and HTML reports so
 * both show the same; each report escapes every cell. An empty table is left out of a report.
 */
final class FindingTables {
    /** A dimension this significant, or a best configuration, puts a benchmark in the variance table. */
    static final double SIGNIFICANT_P = 0.05;
    /** The most frequent signatures shown; the JSON report has them all. */
    static final int SIGNATURES_SHOWN = 10;
    /** The nodes with the most infrastructure failures shown; the JSON report has them all. */
    static final int NODES_SHOWN = 10;

    record Table(String title, List<String> headers, List<List<String>> rows) {
    }

    private FindingTables() {
    }

    static List<Table> of(Findings findings) {
        List<Table> tables = new ArrayList<>();
        tables.add(new Table("Flaky tests",
                List.of("test", "commit", "hardware", "passed", "passed after a failure (flaky)", "failed"),
                findings.flakyTests().stream().map(FindingTables::flaky).toList()));
        tables.add(new Table("Failures by hardware",
                List.of("test", "attribute", "failed with it", "failed without it", "p", "q"),
                findings.hardwareCorrelations().stream().map(FindingTables::correlation).toList()));
        tables.add(new Table("Failure signatures", List.of("signature", "category", "failures", "tests"),
                findings.failureSignatures().stream().limit(SIGNATURES_SHOWN).map(FindingTables::signature).toList()));
        tables.add(new Table("Infrastructure failures by hardware",
                List.of("hardware", "attempts", "infrastructure failures", "categories"),
                findings.infrastructureByHardware().stream()
                        .map(c -> List.of(String.valueOf(c.hardware()), String.valueOf(c.attempts()),
                                String.valueOf(c.failures()), categories(c)))
                        .toList()));
        tables.add(new Table("Infrastructure failures by node",
                List.of("node", "hardware", "attempts", "infrastructure failures", "categories"),
                findings.infrastructureByNode().stream().limit(NODES_SHOWN)
                        .map(c -> List.of(c.node(), String.valueOf(c.hardware()), String.valueOf(c.attempts()),
                                String.valueOf(c.failures()), categories(c)))
                        .toList()));
        tables.add(new Table("What explains the variance",
                List.of("benchmark", "measure", "strongest dimension", "p", "effect (ε²)", "best configuration"),
                findings.dimensions().benchmarks().stream().filter(FindingTables::explained)
                        .map(FindingTables::variance).toList()));
        return tables.stream().filter(t -> !t.rows().isEmpty()).toList();
    }

    private static List<String> flaky(FlakyTest f) {
        return List.of(f.test(), f.commit(), f.hardware(), String.valueOf(f.passes()), String.valueOf(f.flakyPasses()),
                String.valueOf(f.failures()));
    }

    /** {@code NODE_LEFT 3, PROCESS_CRASH 1}. */
    private static String categories(InfrastructureFailureCount c) {
        return c.categories().entrySet().stream().map(e -> e.getKey().name() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static List<String> correlation(AttributeCorrelation c) {
        return List.of(c.test(), c.attribute() + "=" + c.value(),
                c.failedWith() + " of " + (c.failedWith() + c.passedWith()),
                c.failedWithout() + " of " + (c.failedWithout() + c.passedWithout()),
                Labels.p(c.pValue()), Labels.p(c.qValue()));
    }

    private static List<String> signature(FailureSignature s) {
        return List.of(s.signature(), s.category().name(), String.valueOf(s.count()), String.join(", ", s.tests()));
    }

    private static boolean explained(BenchmarkDimensions b) {
        return b.best() != null || (!b.dimensions().isEmpty() && b.dimensions().get(0).pValue() <= SIGNIFICANT_P);
    }

    private static List<String> variance(BenchmarkDimensions b) {
        DimensionEffect top = b.dimensions().isEmpty() ? null : b.dimensions().get(0);
        String measure = b.metric() + (b.unit().isEmpty() ? "" : " (" + b.unit() + ")");
        return List.of(b.benchmark(), measure,
                top == null ? "-" : top.dimension() + " (" + top.values() + " values)",
                top == null ? "-" : Labels.p(top.pValue()),
                top == null ? "-" : String.format(Locale.ROOT, "%.2f", top.epsilonSquared()),
                best(b.best()));
    }

    private static String best(BestConfiguration best) {
        if (best == null) {
            return "-";
        }
        return configuration(best.best()) + ": median " + Labels.number(best.median()) + " ["
                + Labels.number(best.interval().low()) + ", " + Labels.number(best.interval().high())
                + "], runner-up " + configuration(best.runnerUp()) + ": " + Labels.number(best.runnerUpMedian());
    }

    /** What sets a series apart within its benchmark: params, hardware, context. */
    static String configuration(SeriesKey key) {
        return (key.params().isEmpty() ? "" : Labels.pairs(key.params()) + " ") + "on " + key.hardware()
                + (key.context().isEmpty() ? "" : " / " + Labels.pairs(key.context()));
    }
}
