package io.dtf.history;

import io.dtf.model.FailureCategory;
import io.dtf.model.FaultQuery;
import io.dtf.model.FaultReport;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What went wrong in a stretch of history (tables {@code results}, {@code test_cases}, {@code audit}) and what
 * the grid did about it: the console's fault-tolerance view and {@code AggregatorApi.faults}.
 *
 * <pre>{@code
 * FaultReport report = new FaultReader(store).read(FaultQuery.latestRuns(20));
 * report.categories().forEach(c -> System.out.println(c.category() + " " + c.attempts()));
 * }</pre>
 */
public final class FaultReader {
    /**
     * Every attempt of the stretch with its category: the stored one, else the default of its status (rows
     * stored before categories existed). A cancelled attempt that was not final was stopped by something
     * other than a user (its node stopping) and retried as the policy treats a category it lacks: infrastructure.
     * {@code %s} is the stretch's filter on {@code results r}.
     */
    private static final String ATTEMPTS = """
            WITH a AS (
                SELECT r.*, CASE
                    WHEN r.status IN ('PASSED', 'FLAKY') THEN NULL
                    WHEN r.failure_category IS NOT NULL THEN r.failure_category
                    WHEN r.status = 'FAILED' THEN 'TEST_FAILURE'
                    WHEN r.status = 'TIMED_OUT' THEN 'TIMEOUT'
                    WHEN r.status = 'ERROR' THEN 'INFRASTRUCTURE'
                    WHEN r.status = 'CANCELLED' AND NOT r.final_attempt THEN 'INFRASTRUCTURE'
                END AS cat
                FROM results r WHERE %s)
            """;
    private static final String BY_RUNS = """
            r.run_id IN (SELECT run_id FROM runs ORDER BY first_seen DESC NULLS LAST, first_seq DESC LIMIT ?)""";
    private static final String BY_TIME = """
            coalesce(r.ended_at, r.started_at) >= coalesce(?, TIMESTAMP '-infinity')
            AND coalesce(r.ended_at, r.started_at) < coalesce(?, TIMESTAMP 'infinity')""";
    private static final String INFRA = "('NODE_LEFT', 'RESOURCE_EXHAUSTED', 'PROCESS_CRASH', 'INFRASTRUCTURE')";
    /**
     * Lost with its node or its coordinator: the node left the grid, or stopped (a worker that stops kills its
     * attempts, which then report CANCELLED and run again; a user's cancellation ends its task instead), or no
     * worker knew the attempt after a coordinator took over.
     */
    private static final String LOST = "(cat = 'NODE_LEFT' OR (status = 'CANCELLED' AND NOT final_attempt)"
            + " OR starts_with(decision, 'run again: lost with its coordinator'))";

    private static final String TOTALS = """
            SELECT count(DISTINCT run_id), count(*), count(cat), count(cat) FILTER (WHERE NOT final_attempt),
                   count(*) FILTER (WHERE %s), min(coalesce(started_at, ended_at))
            FROM a""".formatted(LOST);
    private static final String CATEGORIES = """
            SELECT cat, count(*), count(*) FILTER (WHERE NOT final_attempt), count(*) FILTER (WHERE final_attempt)
            FROM a WHERE cat IS NOT NULL
            GROUP BY cat ORDER BY count(*) DESC, cat""";
    private static final String FAILOVERS = """
            , next AS (
                SELECT seq, lead(node_id) OVER (PARTITION BY run_id, task_id ORDER BY attempt, seq) AS next_node
                FROM results WHERE run_id IN (SELECT run_id FROM a WHERE %s))
            SELECT a.run_id, a.suite, a.task_id, a.task_name, a.attempt, a.node_id, a.hw_class, a.ended_at, a.cat,
                   a.error, a.decision, next.next_node
            FROM a JOIN next USING (seq) WHERE %s
            ORDER BY a.ended_at DESC NULLS LAST, a.seq DESC LIMIT ?""".formatted(LOST, LOST);
    private static final String WORKERS = """
            SELECT node_id, max(hw_class), count(*), count(cat), count(cat) FILTER (WHERE cat IN %s),
                   count(*) FILTER (WHERE %s), max(ended_at) FILTER (WHERE cat IS NOT NULL)
            FROM a WHERE node_id IS NOT NULL AND (cat IS NOT NULL OR status <> 'CANCELLED')
            GROUP BY node_id
            ORDER BY count(cat) DESC, count(cat) / count(*) DESC, node_id LIMIT ?""".formatted(INFRA, LOST);
    /** The audit log's quarantines and releases; a detail reads {@code worker <id> ...} (CoordinatorAudit). */
    private static final String QUARANTINES = """
            SELECT recorded_at, action, nullif(regexp_extract(detail, '^worker (\\S+)', 1), ''), detail
            FROM audit
            WHERE action IN ('quarantine', 'release')
              AND recorded_at >= coalesce(?, TIMESTAMP '-infinity') AND recorded_at < coalesce(?, TIMESTAMP 'infinity')
            ORDER BY recorded_at DESC NULLS LAST, seq DESC LIMIT ?""";
    /**
     * Flaky tasks (ended FLAKY) and tests (failed and passed in one run, or marked FLAKY) per run, then counted
     * over the runs each ran in; the flakiest first.
     */
    private static final String FLAKY = """
            , task_runs AS (
                SELECT 'task' AS kind, suite, task_name AS name, run_id, bool_or(status = 'FLAKY') AS flaky,
                       max(ended_at) AS last_end
                FROM a WHERE final_attempt GROUP BY ALL),
            test_runs AS (
                SELECT 'test' AS kind, t.suite, t.class_name || coalesce('#' || t.method, '') AS name, t.run_id,
                       bool_or(t.status = 'FLAKY')
                           OR (bool_or(t.status IN ('PASSED', 'FLAKY')) AND bool_or(t.status IN ('FAILED', 'ERROR')))
                           AS flaky,
                       max(a.ended_at) AS last_end
                FROM test_cases t JOIN a ON a.seq = t.seq GROUP BY ALL),
            both_runs AS (SELECT * FROM task_runs UNION ALL SELECT * FROM test_runs)
            SELECT kind, suite, name, count(*), count(*) FILTER (WHERE flaky),
                   arg_max(run_id, last_end) FILTER (WHERE flaky)
            FROM both_runs GROUP BY kind, suite, name
            HAVING count(*) FILTER (WHERE flaky) > 0
            ORDER BY count(*) FILTER (WHERE flaky) DESC, count(*) FILTER (WHERE flaky) / count(*) DESC, kind, suite,
                     name
            LIMIT ?""";

    private final DuckDbResultStore store;

    public FaultReader(DuckDbResultStore store) {
        this.store = store;
    }

    /** The report of the stretch {@code query} names. */
    public FaultReport read(FaultQuery query) {
        String attempts = ATTEMPTS.formatted(query.byRuns() ? BY_RUNS : BY_TIME);
        return store.query(c -> {
            Scope scope = new Scope(c, attempts, query);
            long[] totals = new long[5];
            Instant[] oldest = new Instant[1];
            scope.rows(TOTALS, false, rs -> {
                for (int i = 0; i < totals.length; i++) {
                    totals[i] = rs.getLong(i + 1);
                }
                oldest[0] = instant(rs, 6);
            });
            List<FaultReport.Category> categories = new ArrayList<>();
            scope.rows(CATEGORIES, false, rs -> categories.add(new FaultReport.Category(rs.getString(1),
                    infrastructure(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4))));
            List<FaultReport.Failover> failovers = new ArrayList<>();
            scope.rows(FAILOVERS, true, rs -> failovers.add(new FaultReport.Failover(rs.getString(1), rs.getString(2),
                    rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7), instant(rs, 8),
                    rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12))));
            List<FaultReport.Worker> workers = new ArrayList<>();
            scope.rows(WORKERS, true, rs -> workers.add(new FaultReport.Worker(rs.getString(1), rs.getString(2),
                    rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                    rs.getLong(3) == 0 ? 0 : (double) rs.getLong(4) / rs.getLong(3), instant(rs, 7))));
            List<FaultReport.Flaky> flaky = new ArrayList<>();
            scope.rows(FLAKY, true, rs -> flaky.add(new FaultReport.Flaky(rs.getString(1), rs.getString(2),
                    rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getString(6))));
            Instant from = query.byRuns() ? oldest[0] : query.since();
            Instant to = query.byRuns() ? null : query.until();
            return new FaultReport(from, to, totals[0], totals[1], totals[2], totals[3], categories, totals[4],
                    failovers, workers, quarantines(c, from, to, query.limit()), flaky);
        });
    }

    private static List<FaultReport.Quarantine> quarantines(Connection c, Instant from, Instant to, int limit)
            throws SQLException {
        List<FaultReport.Quarantine> found = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement(QUARANTINES)) {
            statement.setObject(1, timestamp(from));
            statement.setObject(2, timestamp(to));
            statement.setInt(3, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.add(new FaultReport.Quarantine(instant(rs, 1), rs.getString(2), rs.getString(3),
                            rs.getString(4)));
                }
            }
        }
        return found;
    }

    /** A category this DTF does not know (a newer one stored it) counts as the machine's only if it says so. */
    private static boolean infrastructure(String category) {
        try {
            return FailureCategory.valueOf(category).isInfrastructure();
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static LocalDateTime timestamp(Instant at) {
        return at == null ? null : LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime at = rs.getObject(column, LocalDateTime.class);
        return at == null ? null : at.toInstant(ZoneOffset.UTC);
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /** Runs queries over the stretch's attempts ({@code a}), binding its bounds and, where asked, the limit. */
    private record Scope(Connection connection, String attempts, FaultQuery query) {
        void rows(String sql, boolean limited, Row row) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(attempts + sql)) {
                int i = 1;
                if (query.byRuns()) {
                    statement.setInt(i++, query.runs());
                } else {
                    statement.setObject(i++, timestamp(query.since()));
                    statement.setObject(i++, timestamp(query.until()));
                }
                if (limited) {
                    statement.setInt(i, query.limit());
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        row.read(rs);
                    }
                }
            }
        }
    }
}
