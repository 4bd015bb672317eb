package io.dtf.client;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.model.AnalysisReply;
import io.dtf.model.AnalysisRequest;
import io.dtf.model.AuditEvent;
import io.dtf.model.AuditQuery;
import io.dtf.model.BenchmarkBest;
import io.dtf.model.FaultQuery;
import io.dtf.model.FaultReport;
import io.dtf.model.ResultMatrix;
import io.dtf.model.RunComparison;
import io.dtf.model.SeriesDetail;
import io.dtf.model.SeriesPage;
import io.dtf.model.SeriesQuery;
import io.dtf.model.SeriesSummary;
import io.dtf.model.SeriesVerdict;
import io.dtf.model.TaskResult;
import io.dtf.model.TestDuration;
import io.dtf.model.TestHistory;
import io.dtf.model.TestQuery;
import io.dtf.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.ignite.client.IgniteClient;

/**
 * Reads what a grid's aggregator keeps in DuckDB, while the grid runs: every attempt of a run, the
 * analysis report, benchmark series and their verdicts, tests' history and the grid's faults. Results
 * that have already left the grid's caches are still there.
 *
 * <pre>{@code
 * try (AggregatorClient client = AggregatorClient.connect(ClientOptions.of("127.0.0.1:10800"))) {
 *     List<TaskResult> attempts = client.results(runId, null);
 *     AnalysisReply analysis = client.analyze(new AnalysisRequest(null, "md"));
 *     System.exit(analysis.regressions() > 0 ? 1 : 0);
 * }
 * }</pre>
 */
public final class AggregatorClient implements AutoCloseable {
    private final AggregatorApi api;
    private final IgniteClient connection;
    private final String grid;

    private AggregatorClient(AggregatorApi api, IgniteClient connection, String grid) {
        this.api = api;
        this.connection = connection;
        this.grid = grid;
    }

    /**
     * Connects with an Ignite thin client; the JVM needs DTF's Java 17 flags (config/jvm.args).
     *
     * @throws GridUnreachableException when no address answers, naming the address and what to check
     */
    public static AggregatorClient connect(ClientOptions options) {
        ServiceConnection<AggregatorApi> grid = ServiceConnection.open(options, AggregatorApi.SERVICE_NAME,
                AggregatorApi.class);
        return new AggregatorClient(grid.api(), grid.connection(), String.join(",", options.addresses()));
    }

    /**
     * Every stored attempt of a run (of one task when {@code taskId} is non-null), in seq order, fetched
     * page by page; empty when the aggregator holds none.
     *
     * @throws NoAggregatorException when the grid has no aggregator node
     */
    public List<TaskResult> results(String runId, String taskId) {
        List<TaskResult> all = new ArrayList<>();
        while (true) {
            long offset = all.size();
            List<TaskResult> page = Json.read(call(() -> api.results(runId, taskId, offset, AggregatorApi.MAX_PAGE)),
                    new TypeReference<List<TaskResult>>() { });
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
        }
    }

    /**
     * The analysis of every stored series, rendered on the aggregator.
     *
     * @throws NoAggregatorException when the grid has no aggregator node
     */
    public AnalysisReply analyze(AnalysisRequest request) {
        return Json.read(call(() -> api.analyze(Json.write(request))), AnalysisReply.class);
    }

    /**
     * The store keys of the run's results stored beside a different result under the same identity
     * (see {@link AggregatorApi#conflicts}); empty when there are none.
     *
     * @throws NoAggregatorException when the grid has no aggregator node
     */
    public List<Long> conflicts(String runId) {
        return Json.read(call(() -> api.conflicts(runId)), new TypeReference<List<Long>>() { });
    }

    /**
     * The newest audit entries that match {@code query}, oldest first (see {@link AggregatorApi#audit}).
     *
     * @throws NoAggregatorException when the grid has no aggregator node
     */
    public List<AuditEvent> audit(AuditQuery query) {
        return Json.read(call(() -> api.audit(Json.write(query))), new TypeReference<List<AuditEvent>>() { });
    }

    /**
     * Each test class's mean duration per hardware class over its latest runs in {@code suite} (see
     * {@link AggregatorApi#testDurations}); empty when the aggregator holds no test cases of the suite.
     *
     * @throws NoAggregatorException when the grid has no aggregator node
     */
    public List<TestDuration> testDurations(String suite) {
        return Json.read(call(() -> api.testDurations(suite)), new TypeReference<List<TestDuration>>() { });
    }

    /**
     * The suite's tests as {@code query} selects and orders them, one per test and hardware class, e.g. the
     * flaky ones: {@code client.tests("nightly", TestQuery.of(TestQuery.View.FLAKY))}.
     *
     * @throws NoAggregatorException when the grid has no aggregator node
     */
    public List<TestHistory> tests(String suite, TestQuery query) {
        return Json.read(call(() -> api.tests(suite, Json.write(query))),
                new TypeReference<List<TestHistory>>() { });
    }

    /**
     * The verdict of every series that has run {@code runId}, that run against the series' earlier runs;
     * empty when no series has it (see {@link AggregatorApi#verdicts}). To fail a build on a regressed
     * benchmark: {@code client.verdicts(runId).stream().anyMatch(SeriesVerdict::regressed)}.
     *
     * @throws NoAggregatorException when the grid has no aggregator node
     */
    public List<SeriesVerdict> verdicts(String runId) {
        return Json.read(call(() -> api.verdicts(runId)), new TypeReference<List<SeriesVerdict>>() { });
    }

    /**
     * A page of the stored benchmark series that match {@code query}, each with its latest level and
     * verdict (see {@link AggregatorApi#series}).
     *
     * @throws NoAggregatorException when the grid has no aggregator node
     */
    public SeriesPage series(SeriesQuery query) {
        return Json.read(call(() -> api.series(Json.write(query))), SeriesPage.class);
    }

    /**
     * One stored series in full, by the key a {@link SeriesSummary} gives; empty when no stored series has
     * that key.
     *
     * @throws NoAggregatorException when the grid has no aggregator node
     */
    public Optional<SeriesDetail> seriesDetail(String key) {
        return Optional.ofNullable(call(() -> api.seriesDetail(key))).map(json -> Json.read(json, SeriesDetail.class));
    }

    /**
     * Run {@code headRun} against run {@code baseRun}, series by series; its rows are empty when no series
     * has both runs.
     *
     * @throws NoAggregatorException when the grid has no aggregator node
     */
    public RunComparison compareRuns(String baseRun, String headRun) {
        return Json.read(call(() -> api.compareRuns(baseRun, headRun)), RunComparison.class);
    }

    /**
     * Benchmarks against hardware classes, each cell the latest level of its series, for the series that
     * match {@code query}.
     *
     * @throws NoAggregatorException when the grid has no aggregator node
     */
    public ResultMatrix matrix(SeriesQuery query) {
        return Json.read(call(() -> api.matrix(Json.write(query))), ResultMatrix.class);
    }

    /**
     * Per benchmark and metric of the series that match {@code query}: the dimension that explains its
     * spread, and the best configuration.
     *
     * @throws NoAggregatorException when the grid has no aggregator node
     */
    public List<BenchmarkBest> bestConfigurations(SeriesQuery query) {
        return Json.read(call(() -> api.bestConfigurations(Json.write(query))),
                new TypeReference<List<BenchmarkBest>>() { });
    }

    /**
     * What went wrong in a stretch of history and what the grid did about it, e.g. over the latest ten
     * runs: {@code client.faults(FaultQuery.latestRuns(10))}.
     *
     * @throws NoAggregatorException when the grid has no aggregator node
     */
    public FaultReport faults(FaultQuery query) {
        return Json.read(call(() -> api.faults(Json.write(query))), FaultReport.class);
    }

    private <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t.getMessage() != null && t.getMessage().contains("Service not found: " + AggregatorApi.SERVICE_NAME)) {
                    throw new NoAggregatorException(grid);
                }
            }
            throw e;
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
