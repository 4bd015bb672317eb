package io.dtf.cli;

import io.dtf.model.AnalysisReply;
import io.dtf.audit.duckdb.DuckDbAuditStore;
import io.dtf.history.TestHistoryReader;
import io.dtf.model.AnalysisRequest;
import io.dtf.model.AuditEvent;
import io.dtf.model.AuditQuery;
import io.dtf.model.TaskResult;
import io.dtf.model.TestDuration;
import io.dtf.model.TestHistory;
import io.dtf.model.TestQuery;
import io.dtf.report.AnalysisReports;
import io.dtf.results.IngestConflict;
import io.dtf.results.ResultStoreLockedException;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Results read straight from a DuckDB file, which works only while no running node holds it. */
final class FileResultSource implements ResultSource {
    private final Path file;
    private final DuckDbResultStore store;

    private FileResultSource(Path file, DuckDbResultStore store) {
        this.file = file;
        this.store = store;
    }

    /** Opens the file read-only; a missing file or one a node holds is refused with what to do instead. */
    static FileResultSource open(Path file) throws ResultSourceException {
        if (!Files.isRegularFile(file)) {
            throw new ResultSourceException("no DuckDB file at " + file + "; give --db FILE or --grid HOST:PORT");
        }
        try {
            return new FileResultSource(file, DuckDbResultStore.openReadOnly(file));
        } catch (ResultStoreLockedException e) {
            throw new ResultSourceException(LockHolder.advice(file, e.holderPid()));
        }
    }

    @Override
    public List<TaskResult> results(String runId, String taskId) {
        return store.results(runId, taskId, 0, Integer.MAX_VALUE);
    }

    @Override
    public List<Long> conflicts(String runId) {
        return store.conflicts(runId).stream().map(IngestConflict::storedAs).toList();
    }

    @Override
    public AnalysisReply analyze(AnalysisRequest request) {
        return AnalysisReports.answer(store, request);
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public List<AuditEvent> audit(AuditQuery query) {
        return new DuckDbAuditStore(store).query(query);
    }

    @Override
    public List<TestDuration> testDurations(String suite) {
        return new TestHistoryReader(store).durations(suite);
    }

    @Override
    public List<TestHistory> tests(String suite, TestQuery query) {
        return new TestHistoryReader(store).read(suite, query);
    }
}
