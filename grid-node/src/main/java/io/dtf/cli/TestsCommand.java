package io.dtf.cli;

import io.dtf.history.TestHistoryReader;
import io.dtf.model.TestDuration;
import io.dtf.model.TestHistory;
import io.dtf.model.TestQuery;
import io.dtf.wire.Json;
import io.dtf.wire.SafeText;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dtf tests SUITE}: a suite's per-test history (junit tasks) from a DuckDB file or a running grid's
 * aggregator: which tests are slow, flaky or failing on which hardware class, and each class's duration.
 */
@Command(name = "tests", description = {"Print a suite's tests over its latest runs, one row per test and hardware "
        + "class: runs, passed, failed, flaky and skipped runs, mean and longest duration, the latest failure.",
        "--slowest N, --flaky or --failing pick and order them; --durations prints each test class's mean duration "
                + "per hardware class instead (what splitting packs tasks by). From a DuckDB file, or a running grid "
                + "with --grid. See docs/TASK-TYPES.md, \"Per-test results\"."})
final class TestsCommand implements Callable<Integer> {
    /** Longer failure messages are cut in the table (--json has them whole). */
    static final int FAILURE_WIDTH = 100;

    @Parameters(paramLabel = "SUITE", description = "The suite's name (its `suite:` line).")
    String suite;

    @ArgGroup(exclusive = true)
    View view;

    static final class View {
        @Option(names = "--slowest", paramLabel = "N", description = "The N slowest tests, by mean duration.")
        Integer slowest;

        @Option(names = "--flaky", description = "Tests that failed and passed in one run (or ended FLAKY), the most "
                + "flaky runs first.")
        boolean flaky;

        @Option(names = "--failing", description = "Tests that failed in a run without passing in it, the most "
                + "failed runs first.")
        boolean failing;

        @Option(names = "--durations", description = "Each test class's mean duration per hardware class over its "
                + "last " + TestHistoryReader.DURATION_RUNS + " runs there, instead of tests.")
        boolean durations;
    }

    @Option(names = "--runs", paramLabel = "N", defaultValue = "" + TestQuery.DEFAULT_RUNS,
            description = "Read the suite's latest N runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + TestQuery.DEFAULT_LIMIT,
            description = "At most N rows (default: ${DEFAULT-VALUE}); --slowest N sets it to N.")
    int limit;

    @Option(names = "--json", description = "JSON instead of a table: every field whole.")
    boolean json;

    @Mixin
    GridOptions grid;

    @Option(names = "--db", paramLabel = "FILE", description = "DuckDB file (default: dtf-data/dtf.duckdb). "
            + "A running node holds its file open: ask its grid with --grid instead.")
    Path db;

    @Override
    public Integer call() {
        TestQuery query;
        try {
            query = query();
        } catch (IllegalArgumentException e) {
            System.err.println("dtf: " + SafeText.line(e.getMessage()));
            return ExitCodes.USAGE;
        }
        try (ResultSource source = ResultSource.open(db, grid)) {
            if (view != null && view.durations) {
                List<TestDuration> durations = source.testDurations(suite);
                if (durations.isEmpty()) {
                    return noTests(source);
                }
                System.out.print(json ? Json.writeReport(durations) + "\n" : durations(durations));
                return ExitCodes.OK;
            }
            List<TestHistory> tests = source.tests(suite, query);
            if (tests.isEmpty()) {
                if (source.tests(suite, new TestQuery(TestQuery.View.ALL, 1, query.runs())).isEmpty()) {
                    return noTests(source);
                }
                String view = query.view().name().toLowerCase(Locale.ROOT);
                System.err.println(SafeText.line("dtf: no " + view + " tests in the last " + query.runs()
                        + " runs of suite '" + suite + "' in " + source.name()));
            }
            System.out.print(json ? Json.writeReport(tests) + "\n" : tests.isEmpty() ? "" : table(tests));
            return ExitCodes.OK;
        } catch (ResultSource.ResultSourceException e) {
            System.err.println("dtf: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    TestQuery query() {
        if (suite.isBlank()) {
            throw new IllegalArgumentException("SUITE: give the suite's name");
        }
        if (view == null || view.durations) {
            return new TestQuery(TestQuery.View.ALL, limit, runs);
        }
        if (view.slowest != null) {
            return new TestQuery(TestQuery.View.SLOWEST, view.slowest, runs);
        }
        return new TestQuery(view.flaky ? TestQuery.View.FLAKY : TestQuery.View.FAILING, limit, runs);
    }

    private int noTests(ResultSource source) {
        System.err.println(SafeText.line("dtf: no test cases of suite '" + suite + "' in " + source.name()
                + "; only junit tasks record them (docs/TASK-TYPES.md)"));
        return ExitCodes.USAGE;
    }

    static String table(List<TestHistory> tests) {
        TextTable t = new TextTable("test", "hardware class", "runs", "passed", "failed", "flaky", "skipped", "mean",
                "max", "last", "last failure");
        for (TestHistory h : tests) {
            t.row(name(h), h.hwClass(), h.runs(),
                    h.passedRuns(), h.failedRuns(), h.flakyRuns(), h.skippedRuns(),
                    Format.seconds(h.meanMillis() / 1000), Format.seconds(h.maxMillis() / 1000.0), h.lastStatus(),
                    h.lastFailure() == null ? null : SafeText.abbreviated(h.lastFailure(), FAILURE_WIDTH));
        }
        return t.toString();
    }

    /** {@code Class#method}, with the display name when it tells more (a parameterised invocation). */
    static String name(TestHistory h) {
        if (h.method() == null) {
            return h.className();
        }
        String shown = h.displayName();
        boolean plain = shown == null || shown.equals(h.method()) || shown.equals(h.method() + "()");
        return h.className() + "#" + h.method() + (plain ? "" : " " + shown);
    }

    static String durations(List<TestDuration> durations) {
        TextTable t = new TextTable("class", "hardware class", "mean", "runs");
        for (TestDuration d : durations) {
            t.row(d.className(), d.hwClass(), Format.seconds(d.meanMillis() / 1000), d.runs());
        }
        return t.toString();
    }
}
