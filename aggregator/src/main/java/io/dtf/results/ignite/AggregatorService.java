package io.dtf.results.ignite;

import io.dtf.audit.duckdb.DuckDbAuditStore;
import io.dtf.client.AggregatorApi;
import io.dtf.history.FaultReader;
import io.dtf.history.TaskDurationReader;
import io.dtf.history.TestHistoryReader;
import io.dtf.model.AnalysisRequest;
import io.dtf.model.AuditQuery;
import io.dtf.model.DurationQuery;
import io.dtf.model.FaultQuery;
import io.dtf.model.TaskResult;
import io.dtf.model.SeriesQuery;
import io.dtf.model.TestQuery;
import io.dtf.report.AnalysisReports;
import io.dtf.results.IngestConflict;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.trends.CatalogCache;
import io.dtf.trends.SeriesCatalog;
import io.dtf.trends.SeriesKeys;
import io.dtf.wire.Json;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.services.Service;

/**
 * The {@link AggregatorApi} on an aggregator node: answers from the DuckDB file this node's process
 * holds, so readers never open it themselves. Deployed on every aggregator node (a node singleton
 * filtered by role); the node hands its store over with {@link #publish} once the file is open, and
 * takes it back with {@link #withdraw} before closing it. Until then, and after, calls are refused
 * with a sentence that says so.
 */
public final class AggregatorService implements Service, AggregatorApi {
    private static final long serialVersionUID = 1L;
    /** Where on a node the service finds that node's store. */
    private static final String STORE_KEY = "dtf.aggregator.store";
    /** Where on a node the service keeps the analysed series between calls. */
    private static final String CATALOG_KEY = "dtf.aggregator.series-catalog";
    /** A page of results holds at least one result and stops growing past this much JSON. */
    static final int PAGE_CHARS = 4 << 20;

    @IgniteInstanceResource
    private transient Ignite ignite;

    /** Makes the node's open store the one its aggregator service answers from. */
    public static void publish(Ignite ignite, DuckDbResultStore store) {
        ignite.cluster().nodeLocalMap().put(STORE_KEY, store);
    }

    /** Stops the node's aggregator service from using the store (call before closing it). */
    public static void withdraw(Ignite ignite) {
        ignite.cluster().nodeLocalMap().remove(STORE_KEY);
    }

    @Override
    public String results(String runId, String taskId, long offset, int limit) {
        if (runId == null || offset < 0 || limit < 0) {
            throw new IllegalArgumentException("results: give a run id, an offset >= 0 and a limit >= 0");
        }
        List<TaskResult> page = store().results(runId, taskId, offset, Math.min(limit, MAX_PAGE));
        StringBuilder json = new StringBuilder("[");
        for (TaskResult result : page) {
            if (json.length() > PAGE_CHARS) {
                break;
            }
            json.append(json.length() == 1 ? "" : ",").append(Json.write(result));
        }
        return json.append(']').toString();
    }

    @Override
    public String analyze(String requestJson) {
        AnalysisRequest request = Json.read(requestJson, AnalysisRequest.class);
        return Json.write(AnalysisReports.answer(store(), request));
    }

    @Override
    public String conflicts(String runId) {
        if (runId == null) {
            throw new IllegalArgumentException("conflicts: give a run id");
        }
        return Json.write(store().conflicts(runId).stream().map(IngestConflict::storedAs).toList());
    }

    @Override
    public String audit(String queryJson) {
        AuditQuery query = Json.read(queryJson, AuditQuery.class);
        return Json.write(new DuckDbAuditStore(store()).query(query));
    }

    @Override
    public String testDurations(String suite) {
        return Json.write(new TestHistoryReader(store()).durations(suite));
    }

    @Override
    public String tests(String suite, String queryJson) {
        TestQuery query = queryJson == null ? null : Json.read(queryJson, TestQuery.class);
        if (query == null) {
            throw new IllegalArgumentException(
                    "tests: give a TestQuery, e.g. {\"view\":\"FLAKY\",\"limit\":50,\"runs\":10}");
        }
        return Json.write(new TestHistoryReader(store()).read(suite, query));
    }

    @Override
    public String verdicts(String runId) {
        if (runId == null) {
            throw new IllegalArgumentException("verdicts: give a run id");
        }
        return Json.write(AnalysisReports.verdicts(store(), runId));
    }

    @Override
    public String series(String queryJson) {
        return Json.write(catalog().page(seriesQuery("series", queryJson)));
    }

    @Override
    public String seriesDetail(String key) {
        if (!SeriesKeys.wellFormed(key)) {
            return null;
        }
        return catalog().detail(key).map(Json::write).orElse(null);
    }

    @Override
    public String compareRuns(String baseRun, String headRun) {
        if (baseRun == null || baseRun.isBlank() || headRun == null || headRun.isBlank()) {
            throw new IllegalArgumentException("compareRuns: give a base run id and a head run id");
        }
        return Json.write(catalog().compare(baseRun, headRun));
    }

    @Override
    public String matrix(String queryJson) {
        return Json.write(catalog().matrix(seriesQuery("matrix", queryJson)));
    }

    @Override
    public String bestConfigurations(String queryJson) {
        return Json.write(catalog().best(seriesQuery("bestConfigurations", queryJson)));
    }

    /** The series of this node's file, analysed; kept on the node until results are added. */
    private SeriesCatalog catalog() {
        DuckDbResultStore store = store();
        return ((CatalogCache) ignite.cluster().nodeLocalMap().computeIfAbsent(CATALOG_KEY, k -> new CatalogCache()))
                .of(store);
    }

    private static SeriesQuery seriesQuery(String method, String queryJson) {
        SeriesQuery query = queryJson == null ? null : Json.read(queryJson, SeriesQuery.class);
        if (query == null) {
            throw new IllegalArgumentException(method + ": give a SeriesQuery, e.g. {\"limit\":100,\"offset\":0}");
        }
        return query;
    }

    @Override
    public String faults(String queryJson) {
        FaultQuery query = queryJson == null ? null : Json.read(queryJson, FaultQuery.class);
        if (query == null) {
            throw new IllegalArgumentException(
                    "faults: give a FaultQuery, e.g. {\"runs\":20,\"limit\":50} or {\"since\":\"2025-03-01T00:00:00Z\",\"limit\":50}");
        }
        return Json.write(new FaultReader(store()).read(query));
    }

    @Override
    public String taskDurations(String queryJson) {
        DurationQuery query = queryJson == null ? null : Json.read(queryJson, DurationQuery.class);
        if (query == null) {
            throw new IllegalArgumentException(
                    "taskDurations: give a DurationQuery, e.g. {\"suite\":null,\"latest\":10,\"limit\":20000}");
        }
        return Json.write(new TaskDurationReader(store()).read(query));
    }

    private DuckDbResultStore store() {
        Object store = ignite.cluster().nodeLocalMap().get(STORE_KEY);
        if (store == null) {
            throw new IllegalStateException("the aggregator on node " + ignite.cluster().localNode().id()
                    + " has not opened its DuckDB file (starting or stopping); ask again");
        }
        return (DuckDbResultStore) store;
    }
}
