package io.dtf.history;

import io.dtf.results.ResultOrigin;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Stores parsed history in the tables DTF's own results use (docs/DUCKDB-SCHEMA.md), so it is
 * queried like them: one {@code results} row per result (status PASSED, final attempt 1), its
 * {@code metrics} and {@code samples}, its run in {@code runs}, and commit, branch and direction in
 * {@code result_context} and {@code metric_direction}.
 *
 * <p>Each import is an origin of its own ({@code import:<uuid>}, see {@code ResultOrigin}) and numbers
 * its results 1, 2, ... within it; their keys in the file ({@code results.seq}) come after the highest
 * stored, as a replicated batch's do. So an import can never take the identity of a grid's result,
 * nor a grid's result that of an imported one.
 *
 * <p>Like the replicator, the Appender fills connection-local staging tables first (outside any
 * transaction); one transaction then copies them into the real tables, so a file is stored whole
 * or not at all. A run already in the database is refused.
 */
final class HistoryWriter {
    private static final List<String> STAGING_DDL = List.of(
            """
            CREATE OR REPLACE TEMP TABLE stage_history_results (
                local BIGINT, run_id VARCHAR, suite VARCHAR, task_id VARCHAR, task_name VARCHAR,
                params MAP(VARCHAR, VARCHAR), ts TIMESTAMP, hw_class VARCHAR, commit VARCHAR, branch VARCHAR)""",
            """
            CREATE OR REPLACE TEMP TABLE stage_history_metrics (
                local BIGINT, metric VARCHAR, unit VARCHAR, ordinal INTEGER, direction VARCHAR, samples DOUBLE[])""");

    private static final String EXISTING_RUN = """
            SELECT s.run_id FROM stage_history_results s JOIN runs r ON r.run_id = s.run_id LIMIT 1""";

    private HistoryWriter() {
    }

    static ImportSummary write(DuckDbResultStore store, HistoryBatch batch, Path file) {
        return store.write(connection -> {
            try {
                stage(connection, batch);
                merge(connection, file);
                return new ImportSummary((int) batch.runs(), batch.results().size(), batch.samples());
            } finally {
                execute(connection, List.of("DROP TABLE IF EXISTS stage_history_results",
                        "DROP TABLE IF EXISTS stage_history_metrics"));
            }
        });
    }

    private static void stage(DuckDBConnection connection, HistoryBatch batch) throws SQLException {
        execute(connection, STAGING_DDL);
        try (DuckDBAppender results = connection.createAppender("temp", "main", "stage_history_results");
             DuckDBAppender metrics = connection.createAppender("temp", "main", "stage_history_metrics")) {
            long local = 0;
            for (Map.Entry<HistoryBatch.ResultKey, HistoryBatch.Result> entry : batch.results().entrySet()) {
                HistoryBatch.ResultKey key = entry.getKey();
                HistoryBatch.Result result = entry.getValue();
                local++;
                results.beginRow().append(local).append(key.run()).append("imported").append(taskId(key))
                        .append(key.benchmark()).append(key.params());
                Instant t = result.timestamp;
                results.appendEpochMicros(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L),
                        t.getNano() / 1_000));
                results.append(key.hardware());
                text(results, result.commit);
                text(results, result.branch);
                results.endRow();
                int ordinal = 0;
                for (Map.Entry<String, HistoryBatch.Samples> metric : result.metrics.entrySet()) {
                    HistoryBatch.Samples samples = metric.getValue();
                    metrics.beginRow().append(local).append(metric.getKey()).append(samples.unit).append(ordinal++);
                    text(metrics, samples.direction == null ? null : samples.direction.name());
                    metrics.append(samples.values()).endRow();
                }
            }
        }
    }

    private static void merge(DuckDBConnection connection, Path file) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(EXISTING_RUN)) {
                if (rs.next()) {
                    throw new HistoryImportException(file, 0, "run", "run '" + rs.getString(1)
                            + "' is already in the database; nothing was imported");
                }
            }
            long top;
            try (ResultSet rs = statement.executeQuery("SELECT greatest(coalesce(max(seq), 0), 0) FROM results")) {
                rs.next();
                top = rs.getLong(1);
            }
            String seq = "(" + top + " + local)";
            String origin = "'" + ResultOrigin.newImport().id() + "'";
            for (String sql : List.of(
                    """
                    INSERT INTO results (seq, run_id, suite, task_id, task_name, params, attempt, final_attempt, status,
                                         started_at, ended_at, duration_ms, hw_class, origin, origin_seq)
                    SELECT SEQ, run_id, suite, task_id, task_name, params, 1, true, 'PASSED', ts, ts, 0, hw_class,
                           ORIGIN, local
                    FROM stage_history_results""",
                    "INSERT INTO metrics SELECT SEQ, metric, unit, ordinal FROM stage_history_metrics",
                    """
                    INSERT INTO samples
                    SELECT SEQ, metric, unit, generate_subscripts(samples, 1) - 1, unnest(samples)
                    FROM stage_history_metrics""",
                    """
                    INSERT INTO result_context
                    SELECT SEQ, commit, branch FROM stage_history_results WHERE commit IS NOT NULL OR branch IS NOT NULL""",
                    """
                    INSERT INTO metric_direction
                    SELECT SEQ, metric, direction FROM stage_history_metrics WHERE direction IS NOT NULL""",
                    """
                    INSERT INTO runs
                    SELECT run_id, 'imported', min(SEQ), min(ts) FROM stage_history_results GROUP BY run_id""")) {
                statement.executeUpdate(sql.replace("SEQ", seq).replace("ORIGIN", origin));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** A task id that reads like the benchmark: {@code copy[size=1M,threads=4]}. */
    private static String taskId(HistoryBatch.ResultKey key) {
        if (key.params().isEmpty()) {
            return key.benchmark();
        }
        return key.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",", key.benchmark() + "[", "]"));
    }

    private static void text(DuckDBAppender rows, String value) throws SQLException {
        if (value == null) {
            rows.appendNull();
        } else {
            rows.append(value);
        }
    }

    private static void execute(DuckDBConnection connection, List<String> sqls) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : sqls) {
                statement.execute(sql);
            }
        }
    }
}
