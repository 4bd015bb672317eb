package io.dtf.results.duckdb;

import io.dtf.model.Metric;
import io.dtf.model.TaskResult;
import io.dtf.results.IngestConflict;
import io.dtf.results.ResultOrigin;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Stores a batch of results in one transaction: the Appender fills connection-local staging tables
 * (fast, but outside any transaction), then plain SQL drops what is already stored, gives the rest
 * keys of their own and copies them into the real tables, all-or-nothing.
 *
 * <p>Identity: a staged row is "already stored" only when a stored row has its origin, its seq in
 * that origin and the same content digest ({@link ContentHash}). A row whose origin and seq are
 * stored (or staged before it) with other content is stored too, under its own key, and recorded in
 * {@code ingest_conflicts}: the replica never drops what it has not proven it already holds.
 *
 * <p>A result's test cases ({@code test_cases}) are staged and copied with it, so they are stored
 * exactly when their result is: once, in the same transaction.
 *
 * <p>In staging, {@code seq} holds the row's position in the batch; {@code stage_keys} maps it to
 * the key it is stored under (above the highest in the file) and to the key of the row it collides
 * with, if any.
 *
 * <p>The stored rows a batch is checked against are read only where they can be: with an origin seq
 * inside the batch's range, and keys from the last this writer gave out. Both bounds hold
 * by construction (a collision has the staged row's origin seq; keys only grow), and both let DuckDB
 * skip the row groups outside them by their min/max statistics, so a batch costs about the same
 * whatever the file already holds. Unbounded, every batch read the whole table twice: a one-result
 * batch took 79 ms with 400,000 rows stored and 217 ms with a million; bounded, 21 and 32 ms
 * (docs/PERFORMANCE.md, "Storing results as the file grows").
 *
 * <p>Not thread-safe: one instance per writing connection, used under the store's write lock.
 */
final class BatchIngest {
    private static final List<String> STAGING_DDL = List.of(
            "CREATE OR REPLACE TEMP TABLE stage_results AS SELECT * FROM results LIMIT 0",
            """
            CREATE OR REPLACE TEMP TABLE stage_metrics (
                local BIGINT, metric VARCHAR, unit VARCHAR, ordinal INTEGER, samples DOUBLE[])""",
            "CREATE OR REPLACE TEMP TABLE stage_tests AS SELECT * FROM test_cases LIMIT 0");

    /** Parameters (as literals): the lowest and highest origin seq staged. */
    private static final String DROP_STORED = """
            DELETE FROM stage_results s WHERE EXISTS (
                SELECT 1 FROM results r
                WHERE r.origin_seq BETWEEN %1$d AND %2$d
                  AND r.origin = s.origin AND r.origin_seq = s.origin_seq AND r.content_hash = s.content_hash)""";

    /**
     * Keys above the highest in the file, and the key each row collides with (stored, else staged
     * earlier). Parameters (as literals): the lowest and highest origin seq staged, and
     * {@link #highestKey} (no key in the file above it is missed: keys only grow).
     */
    private static final String KEYS = """
            CREATE OR REPLACE TEMP TABLE stage_keys AS
            WITH numbered AS (
                SELECT s.seq AS local, s.origin, s.origin_seq,
                       (SELECT greatest(coalesce(max(seq), %3$d), %3$d) FROM results WHERE seq >= %3$d)
                           + row_number() OVER (ORDER BY s.seq) AS seq
                FROM stage_results s),
            stored AS (
                SELECT r.origin, r.origin_seq, min(r.seq) AS existing
                FROM results r
                WHERE r.origin_seq BETWEEN %1$d AND %2$d
                  AND (r.origin, r.origin_seq) IN (SELECT origin, origin_seq FROM stage_results)
                GROUP BY ALL)
            SELECT n.local, n.seq,
                   coalesce(st.existing,
                            nullif(first_value(n.seq) OVER (PARTITION BY n.origin, n.origin_seq ORDER BY n.local), n.seq))
                       AS existing_seq
            FROM numbered n LEFT JOIN stored st ON st.origin = n.origin AND st.origin_seq = n.origin_seq""";

    private static final String CONFLICTS = """
            SELECT k.seq, k.existing_seq, s.origin, s.origin_seq, s.run_id
            FROM stage_keys k JOIN stage_results s ON s.seq = k.local
            WHERE k.existing_seq IS NOT NULL ORDER BY k.seq""";

    private static final String INSERT_CONFLICTS = """
            INSERT INTO ingest_conflicts
            SELECT k.seq, k.existing_seq, s.origin, s.origin_seq, s.run_id, now()::TIMESTAMP
            FROM stage_keys k JOIN stage_results s ON s.seq = k.local WHERE k.existing_seq IS NOT NULL""";

    /** Returns the keys it stored: how many results are new, and the highest key given out. */
    private static final String INSERT_RESULTS = """
            INSERT INTO results SELECT k.seq, s.* EXCLUDE (seq) FROM stage_results s JOIN stage_keys k ON k.local = s.seq
            RETURNING seq""";

    private static final String INSERT_TESTS = """
            INSERT INTO test_cases
            SELECT k.seq, t.* EXCLUDE (seq) FROM stage_tests t JOIN stage_keys k ON k.local = t.seq""";

    /** The rest of a batch, whatever it holds. */
    private static final List<String> MERGE = List.of(
            """
            INSERT INTO metrics
            SELECT k.seq, m.metric, m.unit, m.ordinal FROM stage_metrics m JOIN stage_keys k ON k.local = m.local""",
            """
            INSERT INTO samples
            SELECT k.seq, m.metric, m.unit, generate_subscripts(m.samples, 1) - 1, unnest(m.samples)
            FROM stage_metrics m JOIN stage_keys k ON k.local = m.local""",
            """
            INSERT INTO runs
            SELECT s.run_id, arg_min(s.suite, k.seq), min(k.seq), min(coalesce(s.started_at, s.ended_at))
            FROM stage_results s JOIN stage_keys k ON k.local = s.seq
            WHERE s.run_id IS NOT NULL GROUP BY s.run_id
            ON CONFLICT (run_id) DO UPDATE SET
                first_seq = least(runs.first_seq, excluded.first_seq),
                first_seen = least(runs.first_seen, excluded.first_seen)""");

    /** What one batch did: how many results it stored, and the conflicts among them. */
    record Outcome(int stored, List<IngestConflict> conflicts) {
    }

    private final DuckDBConnection connection;
    /**
     * The highest key this writer gave out: 0 until its first batch (which reads the whole key
     * column once). Keys stored meanwhile by another writer (a history import) lie above it and
     * are still read.
     */
    private long highestKey;
    /** Whether the staging table of test cases holds rows from the last batch. */
    private boolean testsStaged;

    BatchIngest(DuckDBConnection connection) throws SQLException {
        this.connection = connection;
        execute(STAGING_DDL);
    }

    Outcome ingest(ResultOrigin origin, Collection<TaskResult> batch) throws SQLException {
        // Exact copies within the batch are stored once; different contents under one seq all go on.
        Map<String, Staged> unique = new LinkedHashMap<>();
        for (TaskResult result : batch) {
            String hash = ContentHash.of(result);
            unique.putIfAbsent(result.seq() + "/" + hash, new Staged(unique.size() + 1, result, hash));
        }
        if (unique.isEmpty()) {
            return new Outcome(0, List.of());
        }
        // Statements a batch does not need are left out: each costs a millisecond or more, whatever it does.
        execute(testsStaged ? List.of("DELETE FROM stage_results", "DELETE FROM stage_metrics", "DELETE FROM stage_tests")
                : List.of("DELETE FROM stage_results", "DELETE FROM stage_metrics"));
        testsStaged = unique.values().stream().anyMatch(s -> !s.result().tests().isEmpty());
        stage(origin, unique.values());
        long lowest = unique.values().stream().mapToLong(s -> s.result().seq()).min().orElseThrow();
        long highest = unique.values().stream().mapToLong(s -> s.result().seq()).max().orElseThrow();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(String.format(Locale.ROOT, DROP_STORED, lowest, highest));
            statement.execute(String.format(Locale.ROOT, KEYS, lowest, highest, highestKey));
            List<IngestConflict> conflicts = conflicts(statement);
            if (!conflicts.isEmpty()) {
                statement.executeUpdate(INSERT_CONFLICTS);
            }
            int stored = 0;
            long keysUpTo = highestKey;
            try (ResultSet keys = statement.executeQuery(INSERT_RESULTS)) {
                while (keys.next()) {
                    stored++;
                    keysUpTo = Math.max(keysUpTo, keys.getLong(1));
                }
            }
            if (testsStaged) {
                statement.executeUpdate(INSERT_TESTS);
            }
            for (String sql : MERGE) {
                statement.executeUpdate(sql);
            }
            connection.commit();
            highestKey = keysUpTo;
            return new Outcome(stored, conflicts);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private record Staged(long local, TaskResult result, String hash) {
    }

    private static List<IngestConflict> conflicts(Statement statement) throws SQLException {
        List<IngestConflict> conflicts = new ArrayList<>();
        Instant now = Instant.now();
        try (ResultSet rs = statement.executeQuery(CONFLICTS)) {
            while (rs.next()) {
                conflicts.add(new IngestConflict(rs.getLong(1), rs.getLong(2), new ResultOrigin(rs.getString(3)),
                        rs.getLong(4), rs.getString(5), now));
            }
        }
        return conflicts;
    }

    private void stage(ResultOrigin origin, Collection<Staged> rows) throws SQLException {
        try (DuckDBAppender results = connection.createAppender("temp", "main", "stage_results");
             DuckDBAppender metrics = connection.createAppender("temp", "main", "stage_metrics");
             DuckDBAppender tests = connection.createAppender("temp", "main", "stage_tests")) {
            for (Staged row : rows) {
                appendResult(results, row.local(), row.result());
                text(results, origin.id());
                results.append(row.result().seq());
                text(results, row.hash());
                results.endRow();
                int ordinal = 0;
                for (Metric metric : mergeByName(row.result().metrics())) {
                    metrics.beginRow()
                            .append(row.local())
                            .append(metric.name())
                            .append(metric.unit())
                            .append(ordinal++)
                            .append(metric.samples().stream().mapToDouble(Double::doubleValue).toArray())
                            .endRow();
                }
                TestCaseRows.append(tests, row.local(), row.result());
            }
        }
    }

    /**
     * The columns of {@code results} up to migration 4, in their order; the caller appends migration 5's
     * identity columns and ends the row.
     */
    private static void appendResult(DuckDBAppender rows, long local, TaskResult r) throws SQLException {
        rows.beginRow().append(local);
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

    static void text(DuckDBAppender rows, String value) throws SQLException {
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
