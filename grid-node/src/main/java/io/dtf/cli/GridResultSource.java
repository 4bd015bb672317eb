package io.dtf.cli;

import io.dtf.client.AggregatorClient;
import io.dtf.client.ClientOptions;
import io.dtf.model.AnalysisReply;
import io.dtf.model.AnalysisRequest;
import io.dtf.model.AuditEvent;
import io.dtf.model.AuditQuery;
import io.dtf.model.TaskResult;
import io.dtf.model.TestDuration;
import io.dtf.model.TestHistory;
import io.dtf.model.TestQuery;
import java.util.List;

/**
 * Results from a running grid: its aggregator answers from the DuckDB file its process holds, so this
 * sees results that have left the grid's caches too. A grid without an aggregator is an error that says so.
 */
final class GridResultSource implements ResultSource {
    private final String grid;
    private final AggregatorClient client;

    private GridResultSource(String grid, AggregatorClient client) {
        this.grid = grid;
        this.client = client;
    }

    static GridResultSource connect(String grid, ClientOptions options) {
        return new GridResultSource(grid, AggregatorClient.connect(options));
    }

    @Override
    public List<TaskResult> results(String runId, String taskId) {
        return client.results(runId, taskId);
    }

    @Override
    public List<Long> conflicts(String runId) {
        return client.conflicts(runId);
    }

    @Override
    public AnalysisReply analyze(AnalysisRequest request) {
        return client.analyze(request);
    }

    @Override
    public String name() {
        return "grid " + grid;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public List<AuditEvent> audit(AuditQuery query) {
        return client.audit(query);
    }

    @Override
    public List<TestDuration> testDurations(String suite) {
        return client.testDurations(suite);
    }

    @Override
    public List<TestHistory> tests(String suite, TestQuery query) {
        return client.tests(suite, query);
    }
}
