package io.dtf.cli;

import io.dtf.model.AnalysisReply;
import io.dtf.model.AnalysisRequest;
import io.dtf.model.AuditEvent;
import io.dtf.model.AuditQuery;
import io.dtf.model.TaskResult;
import io.dtf.model.TestDuration;
import io.dtf.model.TestHistory;
import io.dtf.model.TestQuery;
import io.dtf.node.DtfNode;
import java.nio.file.Path;
import java.util.List;

/**
 * Where {@code dtf results} and {@code dtf analyze} read stored results: a DuckDB file no node holds
 * ({@link FileResultSource}), or a running grid, whose aggregator reads its own file ({@link GridResultSource}).
 * Both answer the same for the same data.
 */
interface ResultSource extends AutoCloseable {

    /** The grid's aggregator when {@code --grid} was given, else the file ({@code db}, or the default data directory's). */
    static ResultSource open(Path db, GridOptions grid) throws ResultSourceException {
        if (grid.given()) {
            return GridResultSource.connect(grid.address(), grid.clientOptions());
        }
        return FileResultSource.open(db != null ? db : Path.of(DataDirOptions.DEFAULT).resolve(DtfNode.DUCKDB_FILE));
    }

    /** Every stored attempt of the run, in seq order (only {@code taskId}'s when non-null); empty when none. */
    List<TaskResult> results(String runId, String taskId);

    /**
     * The store keys of the run's results that arrived under an identity already held by a different
     * result (both kept, see {@code ingest_conflicts}), oldest first; empty when none did.
     */
    List<Long> conflicts(String runId);

    /** The analysis report, as {@code dtf analyze} prints it. */
    AnalysisReply analyze(AnalysisRequest request);

    /** How messages name this source: {@code dtf-data/dtf.duckdb}, {@code grid 127.0.0.1:10800}. */
    String name();

    @Override
    void close();

    /** The newest audit entries that match {@code query}, oldest first ({@code dtf audit}). */
    List<AuditEvent> audit(AuditQuery query);

    /** Each test class's mean duration per hardware class, from its latest runs ({@code dtf tests --durations}). */
    List<TestDuration> testDurations(String suite);

    /** The suite's tests as {@code query} selects and orders them, per test and hardware class ({@code dtf tests}). */
    List<TestHistory> tests(String suite, TestQuery query);

    /** The source cannot be read; the message says why and what to do instead. */
    final class ResultSourceException extends Exception {
        ResultSourceException(String message) {
            super(message);
        }
    }
}
