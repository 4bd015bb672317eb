package io.dtf.client;

/**
 * The aggregator's service contract, as clients proxy it: reads of the results an aggregator node
 * keeps in its DuckDB file. Only the aggregator's process may open that file (DuckDB locks it), so
 * every other reader asks here. Every aggregator node of a grid serves it; any one answers. Answers
 * are JSON text of model records (see {@code io.dtf.wire.Json}), as with {@link CoordinatorApi}.
 *
 * <p>A caller passes its bearer token in the service call context attribute
 * {@link CoordinatorApi#TOKEN_ATTRIBUTE}.
 */
public interface AggregatorApi {
    /** The Ignite service name; one instance on every {@code aggregator} node. */
    String SERVICE_NAME = "dtf-aggregator";

    /** The most results one {@link #results} call answers, whatever its limit. */
    int MAX_PAGE = 1_000;

    /**
     * A page of a run's stored results as a list of {@code TaskResult}, in seq order: those after the
     * first {@code offset}, at most {@code limit} (capped at {@link #MAX_PAGE}) and, beyond the first,
     * no more than a few MiB of JSON. Fewer than asked does not mean the end: the caller asks again from
     * the next offset until a page comes back empty.
     *
     * @param taskId only this task's attempts, or null for every task
     */
    String results(String runId, String taskId, long offset, int limit);

    /**
     * Analyses the stored series as {@code dtf analyze} does: {@code requestJson} is an
     * {@code AnalysisRequest}, the answer an {@code AnalysisReply} (the rendered report and what it found).
     */
    String analyze(String requestJson);

    /**
     * The store keys ({@code results.seq}) of the run's results that arrived under an identity the
     * aggregator already held for different content (table {@code ingest_conflicts}), as a JSON list of
     * numbers, oldest first; {@code []} when none did. Both rows are kept, so a caller can warn.
     */
    String conflicts(String runId);

    /**
     * The grid's audit log as the aggregator keeps it (table {@code audit}): {@code queryJson} is an
     * {@code AuditQuery}, the answer a list of {@code AuditEvent}, the newest that match, oldest first.
     */
    String audit(String queryJson);

    /**
     * How long each test class of {@code suite} takes per hardware class, from its latest 10 runs there
     * (table {@code test_cases}): a list of {@code TestDuration}, by class and hardware class; {@code []}
     * for a suite with no test cases stored. What splitting packs tasks by (docs/TASK-TYPES.md, "Per-test results").
     */
    String testDurations(String suite);

    /**
     * Which of {@code suite}'s tests are slow, flaky or failing on which hardware class: {@code queryJson} is
     * a {@code TestQuery}, the answer a list of {@code TestHistory}, one per test and hardware class, in
     * the query's order.
     */
    String tests(String suite, String queryJson);

    /**
     * The verdict of every series that has run {@code runId} (as its latest, later runs left out), as
     * {@code dtf analyze --run} decides them: a list of {@code SeriesVerdict}; {@code []} when no series has
     * the run. What a build fails on when a benchmark of the run regressed.
     */
    String verdicts(String runId);

    /**
     * The stored series that match {@code queryJson} (a {@code SeriesQuery}), each with its length, latest
     * level and verdict: a {@code SeriesPage}. Verdicts are decided over every stored series at once, as
     * {@code dtf analyze} decides them.
     */
    String series(String queryJson);

    /**
     * One stored series in full, by the {@code key} a {@code SeriesSummary} gives: a {@code SeriesDetail}
     * (every run's level, change points, outliers, the latest verdict with its numbers), or null when no
     * stored series has that key.
     */
    String seriesDetail(String key);

    /**
     * Run {@code headRun} against run {@code baseRun}, series by series: a {@code RunComparison}; its rows
     * are empty when no series has both runs.
     */
    String compareRuns(String baseRun, String headRun);

    /**
     * Benchmarks against hardware classes, each cell the latest levels of its series: a {@code ResultMatrix}
     * of the series that match {@code queryJson} (a {@code SeriesQuery}; its limit bounds the rows).
     */
    String matrix(String queryJson);

    /**
     * Per benchmark and metric, the dimension that explains its spread and the best configuration (the
     * {@code dimensions} of {@code dtf analyze}), for the series that match {@code queryJson} (a
     * {@code SeriesQuery}; its limit bounds the benchmarks): a list of {@code BenchmarkBest}.
     */
    String bestConfigurations(String queryJson);

    /**
     * What went wrong in a stretch of history and what the grid did about it: {@code queryJson} is a
     * {@code FaultQuery} (a time window or the latest runs), the answer a {@code FaultReport} (failed attempts
     * by failure category and retried or not, attempts lost with their node, failures per worker,
     * quarantines and releases from the audit log, the flakiest tasks and tests).
     */
    String faults(String queryJson);

    /**
     * How long each task runs per hardware class, from its latest passing attempts (table {@code results},
     * status {@code PASSED} or {@code FLAKY}): {@code queryJson} is a {@code DurationQuery}, the answer a list
     * of {@code DurationSample} (the median of {@code ended_at - started_at} over each key's latest attempts in
     * its suite's latest runs), the most recently run keys first, at most the query's limit. What the coordinator's placement learns
     * expected durations from; grid nodes only.
     */
    String taskDurations(String queryJson);
}
