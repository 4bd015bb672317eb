package io.dtf.results.duckdb;

import io.dtf.model.Metric;
import io.dtf.model.TaskResult;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Stores a batch of results in one transaction: the Appender fills connection-local staging tables
 * (fast, but outside any transaction), then plain SQL drops what is already stored and copies the
 * rest into the real tables, all-or-nothing.
 *
 * <p>Not thread-safe: one instance per writing connection, used under the store's write lock.
 */
final class BatchIngest {
    private static final List<String> STAGING_DDL = List.of(
            "CREATE OR REPLACE TEMP TABLE stage_results AS SELECT * FROM results LIMIT 0",
            """
            CREATE OR REPLACE TEMP TABLE stage_metrics (
                seq BIGINT, metric VARCHAR, unit VARCHAR, ordinal INTEGER, samples DOUBLE[])""");

    private static final List<String> MERGE = List.of(
            "DELETE FROM stage_results s WHERE EXISTS (SELECT 1 FROM results r WHERE r.seq = s.seq)",
            "INSERT INTO results SELECT * FROM stage_results",
            """
            INSERT INTO metrics
            SELECT seq, metric, unit, ordinal FROM stage_metrics
            WHERE seq IN (SELECT seq FROM stage_results)""",
            """
            INSERT INTO samples
            SELECT seq, metric, unit, generate_subscripts(samples, 1) - 1, unnest(samples) FROM stage_metrics
            WHERE seq IN (SELECT seq FROM stage_results)""",
            """
            INSERT INTO runs
            SELECT run_id, arg_min(suite, seq), min(seq), min(coalesce(started_at, ended_at))
            FROM stage_results WHERE run_id IS NOT NULL GROUP BY run_id
            ON CONFLICT (run_id) DO UPDATE SET
                first_seq = least(runs.first_seq, excluded.first_seq),
                first_seen = least(runs.first_seen, excluded.first_seen)""");

    /** Index of the statement in {@link #MERGE} whose update count is the number of new results. */
    private static final int INSERT_RESULTS = 1;

    private final DuckDBConnection connection;

    BatchIngest(DuckDBConnection connection) throws SQLException {
        this.connection = connection;
        execute(STAGING_DDL);
    }

    int ingest(Collection<TaskResult> batch) throws SQLException {
        Map<Long, TaskResult> unique = new LinkedHashMap<>();
        batch.forEach(result -> unique.putIfAbsent(result.seq(), result));
        if (unique.isEmpty()) {
            return 0;
        }
        execute(List.of("DELETE FROM stage_results", "DELETE FROM stage_metrics"));
        stage(unique.values());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            int stored = 0;
            for (int i = 0; i < MERGE.size(); i++) {
                int count = statement.executeUpdate(MERGE.get(i));
                if (i == INSERT_RESULTS) {
                    stored = count;
                }
            }
            connection.commit();
            return stored;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void stage(Collection<TaskResult> results) throws SQLException {
        try (DuckDBAppender rows = connection.createAppender("temp", "main", "stage_results");
             DuckDBAppender metrics = connection.createAppender("temp", "main", "stage_metrics")) {
            for (TaskResult result : results) {
                appendResult(rows, result);
                int ordinal = 0;
                for (Metric metric : mergeByName(result.metrics())) {
                    metrics.beginRow()
                            .append(result.seq())
                            .append(metric.name())
                            .append(metric.unit())
                            .append(ordinal++)
                            .append(metric.samples().stream().mapToDouble(Double::doubleValue).toArray())
                            .endRow();
                }
            }
        }
    }

    /** In the order of the columns of {@code results}, oldest migration first. */
    private static void appendResult(DuckDBAppender rows, TaskResult r) throws SQLException {
        rows.beginRow().append(r.seq());
        text(rows, r.runId());
        text(rows, r.suite());
        text(rows, r.taskId());
        text(rows, r.taskName());
        rows.append(r.params()).append(r.attempt()).append(r.finalAttempt());
        text(rows, r.status() == null ? null : r.status().name());
        time(rows, r.startedAt());
        time(rows, r.endedAt());
        if (r.startedAt() != null && r.endedAt() != null) {
            rows.append(Duration.between(r.startedAt(), r.endedAt()).toNanos() / 1e6);
        } else {
            rows.appendNull();
        }
        text(rows, r.nodeId());
        text(rows, r.hwClass());
        if (r.exitCode() == null) {
            rows.appendNull();
        } else {
            rows.append(r.exitCode().intValue());
        }
        text(rows, r.error());
        text(rows, r.stdoutTail());
        text(rows, r.stderrTail());
        text(rows, r.category() == null ? null : r.category().name());
        text(rows, r.decision());
        rows.endRow();
    }

    /**
     * A name is a metric's key in the store; should a task report one twice, its samples are joined
     * under the first unit rather than failing the whole batch.
     */
    static List<Metric> mergeByName(List<Metric> metrics) {
        Map<String, Metric> byName = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            String name = metric.name() == null ? "" : metric.name();
            byName.merge(name, new Metric(name, metric.unit(), metric.samples()), (first, again) -> {
                List<Double> samples = new ArrayList<>(first.samples());
                samples.addAll(again.samples());
                return new Metric(name, first.unit(), samples);
            });
        }
        return List.copyOf(byName.values());
    }

    private static void text(DuckDBAppender rows, String value) throws SQLException {
        if (value == null) {
            rows.appendNull();
        } else {
            rows.append(value);
        }
    }

    /** Instants are stored as UTC in a plain TIMESTAMP (microseconds). */
    private static void time(DuckDBAppender rows, Instant value) throws SQLException {
        if (value == null) {
            rows.appendNull();
        } else {
            rows.appendEpochMicros(Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L),
                    value.getNano() / 1_000));
        }
    }

    private void execute(List<String> sqls) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : sqls) {
                statement.execute(sql);
            }
        }
    }
}
