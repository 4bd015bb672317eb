package io.dtf.history;

import io.dtf.model.TestDuration;
import io.dtf.model.TestHistory;
import io.dtf.model.TestQuery;
import io.dtf.model.TestStatus;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A suite's per-test history from table {@code test_cases}: how long each test class takes per hardware
 * class (what splitting packs tasks by), and which tests are slow, flaky or failing where.
 *
 * <pre>{@code
 * TestHistoryReader tests = new TestHistoryReader(store);
 * List<TestDuration> durations = tests.durations("nightly");
 * List<TestHistory> flaky = tests.read("nightly", TestQuery.of(TestQuery.View.FLAKY));
 * }</pre>
 */
public final class TestHistoryReader {
    /** How many of a class's latest runs on a hardware class its mean duration is taken over. */
    public static final int DURATION_RUNS = 10;

    /**
     * A class's duration in one run on one hardware class: its test cases' durations summed per final
     * attempt (SKIPPED ones left out: they did not run; cancelled attempts left out: they stopped
     * part-way), the largest such sum of the run (a rerun of one failed method is a task of its own
     * and runs only part of the class).
     */
    private static final String DURATIONS = """
            WITH per_attempt AS (
                SELECT t.run_id, t.class_name, t.hw_class, t.seq, sum(t.duration_ms) AS millis
                FROM test_cases t JOIN results r ON r.seq = t.seq
                WHERE t.suite = ? AND t.final_attempt AND t.status <> 'SKIPPED' AND r.status <> 'CANCELLED'
                GROUP BY ALL),
            per_run AS (
                SELECT p.class_name, p.hw_class, max(p.millis) AS millis,
                       row_number() OVER (PARTITION BY p.class_name, p.hw_class
                                          ORDER BY ru.first_seen DESC NULLS LAST, ru.first_seq DESC) AS recency
                FROM per_attempt p JOIN runs ru ON ru.run_id = p.run_id
                GROUP BY p.class_name, p.hw_class, p.run_id, ru.first_seen, ru.first_seq)
            SELECT class_name, hw_class, avg(millis), count(*)
            FROM per_run WHERE recency <= ?
            GROUP BY ALL ORDER BY class_name, hw_class NULLS FIRST""";

    /**
     * One row per test and hardware class over the suite's latest runs: a test is its unique id, else its
     * class and method. Each run counts once per test, by what every attempt of it did there (see
     * {@link TestHistory}). {@code %s} is the view's filter and order.
     */
    private static final String TESTS = """
            WITH recent AS (
                SELECT run_id FROM runs
                WHERE run_id IN (SELECT run_id FROM test_cases WHERE suite = ?)
                ORDER BY first_seen DESC NULLS LAST, first_seq DESC LIMIT ?),
            execs AS (
                SELECT coalesce(t.unique_id, t.class_name || '#' || coalesce(t.method, '')) AS test, t.*
                FROM test_cases t JOIN recent USING (run_id) WHERE t.suite = ?),
            per_run AS (
                SELECT test, hw_class, run_id,
                       bool_or(status IN ('PASSED', 'FLAKY')) AS passed,
                       bool_or(status IN ('FAILED', 'ERROR')) AS failed,
                       bool_or(status = 'FLAKY') AS flaky,
                       bool_and(status = 'SKIPPED') AS skipped
                FROM execs GROUP BY ALL),
            verdicts AS (
                SELECT test, hw_class, count(*) AS runs,
                       count(*) FILTER (WHERE passed AND NOT failed AND NOT flaky) AS passed_runs,
                       count(*) FILTER (WHERE failed AND NOT passed) AS failed_runs,
                       count(*) FILTER (WHERE flaky OR (passed AND failed)) AS flaky_runs,
                       count(*) FILTER (WHERE skipped) AS skipped_runs
                FROM per_run GROUP BY ALL),
            stats AS (
                SELECT test, hw_class,
                       first(class_name ORDER BY seq DESC, idx DESC) AS class_name,
                       first(method ORDER BY seq DESC, idx DESC) AS method,
                       first(display_name ORDER BY seq DESC, idx DESC) AS display_name,
                       first(unique_id ORDER BY seq DESC, idx DESC) AS unique_id,
                       coalesce(avg(duration_ms) FILTER (WHERE status <> 'SKIPPED'), 0) AS mean_ms,
                       coalesce(max(duration_ms) FILTER (WHERE status <> 'SKIPPED'), 0) AS max_ms,
                       first(status ORDER BY seq DESC, idx DESC) AS last_status,
                       first(coalesce(message, failure_type) ORDER BY seq DESC, idx DESC)
                           FILTER (WHERE status IN ('FAILED', 'ERROR')) AS last_failure,
                       first(run_id ORDER BY seq DESC, idx DESC) AS last_run
                FROM execs GROUP BY ALL)
            SELECT s.class_name, s.method, s.display_name, s.unique_id, s.hw_class, v.runs, v.passed_runs,
                   v.failed_runs, v.flaky_runs, v.skipped_runs, s.mean_ms, s.max_ms, s.last_status, s.last_failure,
                   s.last_run
            FROM stats s JOIN verdicts v ON v.test = s.test AND v.hw_class IS NOT DISTINCT FROM s.hw_class
            %s
            LIMIT ?""";

    private final DuckDbResultStore store;

    public TestHistoryReader(DuckDbResultStore store) {
        this.store = store;
    }

    /**
     * Each test class's mean duration per hardware class over its latest {@value #DURATION_RUNS} runs in the
     * suite there (per run: its tests summed per final attempt, skipped ones left out), by class and
     * hardware class; empty for a suite with no test cases stored.
     */
    public List<TestDuration> durations(String suite) {
        requireSuite(suite);
        return store.query(c -> {
            List<TestDuration> durations = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(DURATIONS)) {
                query.setString(1, suite);
                query.setInt(2, DURATION_RUNS);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        durations.add(new TestDuration(rs.getString(1), rs.getString(2), rs.getDouble(3),
                                rs.getInt(4)));
                    }
                }
            }
            return durations;
        });
    }

    /** The suite's tests as {@code query} selects and orders them, one row per test and hardware class. */
    public List<TestHistory> read(String suite, TestQuery query) {
        requireSuite(suite);
        return store.query(c -> {
            List<TestHistory> tests = new ArrayList<>();
            try (PreparedStatement statement = c.prepareStatement(TESTS.formatted(view(query.view())))) {
                statement.setString(1, suite);
                statement.setInt(2, query.runs());
                statement.setString(3, suite);
                statement.setInt(4, query.limit());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        tests.add(history(rs));
                    }
                }
            }
            return tests;
        });
    }

    private static String view(TestQuery.View view) {
        String byName = "s.class_name, s.method NULLS FIRST, s.display_name, s.hw_class NULLS FIRST";
        return switch (view) {
            case ALL -> "ORDER BY " + byName;
            case SLOWEST -> "WHERE v.skipped_runs < v.runs ORDER BY s.mean_ms DESC, " + byName;
            case FLAKY -> "WHERE v.flaky_runs > 0 ORDER BY v.flaky_runs / v.runs DESC, v.flaky_runs DESC, "
                    + byName;
            case FAILING -> "WHERE v.failed_runs > 0 ORDER BY v.failed_runs / v.runs DESC, v.failed_runs DESC, "
                    + byName;
        };
    }

    private static TestHistory history(ResultSet rs) throws SQLException {
        return new TestHistory(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getDouble(11),
                rs.getLong(12), status(rs.getString(13)), rs.getString(14), rs.getString(15));
    }

    /** A status this DTF does not know (a newer one wrote it) reads as none rather than failing the read. */
    private static TestStatus status(String name) {
        try {
            return name == null ? null : TestStatus.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static void requireSuite(String suite) {
        if (suite == null || suite.isBlank()) {
            throw new IllegalArgumentException("suite: give the suite's name");
        }
    }
}
