package io.dtf.results.duckdb;

import io.dtf.model.FailureCategory;
import io.dtf.model.Metric;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TestCase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads stored results back into {@link TaskResult} records, test cases included: one query per
 * table, joined here on the row's key in the file ({@code results.seq}). A record carries the seq it
 * was ingested with ({@code origin_seq}), not that key.
 */
final class ResultRows {
    /**
     * The selected results' keys: a run's, perhaps one task's, a window of them in the order they were
     * numbered ({@code origin_seq}; older rows have only {@code seq}).
     */
    private static final String PAGE = """
            WITH page AS (
                SELECT seq, coalesce(origin_seq, seq) AS shown FROM results
                WHERE run_id = ? AND (CAST(? AS VARCHAR) IS NULL OR task_id = ?)
                ORDER BY shown, seq LIMIT ? OFFSET ?)
            """;
    private static final String RESULTS = PAGE + """
            SELECT r.seq, run_id, suite, task_id, task_name, params, attempt, final_attempt, status,
                   started_at, ended_at, node_id, hw_class, exit_code, error, stdout_tail, stderr_tail,
                   failure_category, decision, p.shown
            FROM results r JOIN page p ON p.seq = r.seq ORDER BY p.shown, r.seq""";
    private static final String METRICS = PAGE + """
            SELECT m.seq, m.metric, m.unit FROM metrics m JOIN page p ON p.seq = m.seq
            ORDER BY m.seq, m.ordinal""";
    private static final String SAMPLES = PAGE + """
            SELECT s.seq, s.metric, s.value FROM samples s JOIN page p ON p.seq = s.seq
            ORDER BY s.seq, s.metric, s.idx""";
    private static final String TESTS = PAGE + TestCaseRows.OF_PAGE;

    private ResultRows() {
    }

    /** The run's results; the caller holds {@code connection} in one transaction for a consistent view. */
    static List<TaskResult> ofRun(Connection connection, String runId) throws SQLException {
        return page(connection, runId, null, 0, Long.MAX_VALUE);
    }

    /**
     * A window of the run's results in the order they were numbered (of one task when {@code taskId} is non-null): those after
     * the first {@code offset}, at most {@code limit}. The caller holds one transaction, as for {@link #ofRun}.
     */
    static List<TaskResult> page(Connection connection, String runId, String taskId, long offset, long limit)
            throws SQLException {
        Map<Long, Map<String, Metric>> metrics = new HashMap<>();
        Map<Long, Map<String, List<Double>>> samples = new HashMap<>();
        try (PreparedStatement query = select(connection, SAMPLES, runId, taskId, offset, limit);
             ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                samples.computeIfAbsent(rs.getLong(1), seq -> new HashMap<>())
                        .computeIfAbsent(rs.getString(2), name -> new ArrayList<>())
                        .add(rs.getDouble(3));
            }
        }
        try (PreparedStatement query = select(connection, METRICS, runId, taskId, offset, limit);
             ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                long seq = rs.getLong(1);
                String name = rs.getString(2);
                List<Double> values = samples.getOrDefault(seq, Map.of()).getOrDefault(name, List.of());
                metrics.computeIfAbsent(seq, s -> new LinkedHashMap<>())
                        .put(name, new Metric(name, rs.getString(3), values));
            }
        }
        Map<Long, List<TestCase>> tests;
        try (PreparedStatement query = select(connection, TESTS, runId, taskId, offset, limit);
             ResultSet rs = query.executeQuery()) {
            tests = TestCaseRows.read(rs);
        }
        List<TaskResult> results = new ArrayList<>();
        try (PreparedStatement query = select(connection, RESULTS, runId, taskId, offset, limit);
             ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                long seq = rs.getLong(1);
                results.add(result(rs, List.copyOf(metrics.getOrDefault(seq, Map.of()).values()),
                        tests.getOrDefault(seq, List.of())));
            }
        }
        return results;
    }

    private static PreparedStatement select(Connection connection, String sql, String runId, String taskId,
                                            long offset, long limit) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setString(1, runId);
        statement.setString(2, taskId);
        statement.setString(3, taskId);
        statement.setLong(4, limit);
        statement.setLong(5, offset);
        return statement;
    }

    private static TaskResult result(ResultSet rs, List<Metric> metrics, List<TestCase> tests) throws SQLException {
        String status = rs.getString(9);
        return new TaskResult(
                rs.getLong(20),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                params(rs.getObject(6)),
                rs.getInt(7),
                rs.getBoolean(8),
                status == null ? null : TaskState.valueOf(status),
                instant(rs.getObject(10, LocalDateTime.class)),
                instant(rs.getObject(11, LocalDateTime.class)),
                rs.getString(12),
                rs.getString(13),
                (Integer) rs.getObject(14),
                metrics,
                rs.getString(16),
                rs.getString(17),
                rs.getString(15),
                category(rs.getString(18)),
                rs.getString(19),
                null,
                tests);
    }

    /**
     * The stored category; null when none was recorded (a pass, or a row from before schema 4) or when
     * the name is one this DTF does not know (a newer one wrote it): reading must not fail on it.
     */
    static FailureCategory category(String name) {
        if (name == null) {
            return null;
        }
        try {
            return FailureCategory.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static Map<String, String> params(Object map) {
        Map<String, String> params = new HashMap<>();
        if (map instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> params.put(String.valueOf(key), value == null ? null : value.toString()));
        }
        return params;
    }

    private static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
