package io.dtf.history;

import io.dtf.model.DurationQuery;
import io.dtf.model.DurationSample;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * How long each task runs per hardware class, from table {@code results}: what the coordinator's
 * placement learns expected durations from.
 *
 * <pre>{@code
 * List<DurationSample> samples = new TaskDurationReader(store).read(DurationQuery.recent());
 * }</pre>
 */
public final class TaskDurationReader {
    /**
     * Per (suite, task, hardware class): the median duration of its latest passing attempts (a FLAKY row is
     * the attempt that passed) in its suite's latest runs. Failed, timed-out and cancelled attempts say
     * nothing of how long the task takes; an attempt without both times, or ending before it started (a
     * clock stepped back), is left out. Only the latest runs are read, so the window's sort is bounded by
     * them and not by the file's history. Keys most recently run first, so the cap keeps what the grid runs
     * now. {@code %s} is the suite filter, twice.
     */
    private static final String DURATIONS = """
            WITH recent_runs AS (
                SELECT run_id FROM runs %s
                QUALIFY row_number() OVER (PARTITION BY suite
                                           ORDER BY first_seen DESC NULLS LAST, first_seq DESC) <= ?),
            passed AS (
                SELECT suite, task_id, hw_class, duration_ms, ended_at,
                       row_number() OVER (PARTITION BY suite, task_id, hw_class
                                          ORDER BY ended_at DESC, seq DESC) AS recency
                FROM results
                WHERE run_id IN (SELECT run_id FROM recent_runs) AND status IN ('PASSED', 'FLAKY')
                      AND duration_ms >= 0 AND suite IS NOT NULL AND task_id IS NOT NULL %s)
            SELECT suite, task_id, hw_class, count(*), median(duration_ms), max(ended_at) AS last_ended
            FROM passed WHERE recency <= ?
            GROUP BY suite, task_id, hw_class
            ORDER BY last_ended DESC, suite, task_id, hw_class NULLS FIRST
            LIMIT ?""";

    private final DuckDbResultStore store;

    public TaskDurationReader(DuckDbResultStore store) {
        this.store = store;
    }

    /** The samples {@code query} asks for; empty when no passing attempt is stored. */
    public List<DurationSample> read(DurationQuery query) {
        boolean oneSuite = query.suite() != null;
        String sql = DURATIONS.formatted(oneSuite ? "WHERE suite = ?" : "", oneSuite ? "AND suite = ?" : "");
        return store.query(c -> {
            List<DurationSample> samples = new ArrayList<>();
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                int i = 1;
                if (oneSuite) {
                    statement.setString(i++, query.suite());
                }
                statement.setInt(i++, query.runs());
                if (oneSuite) {
                    statement.setString(i++, query.suite());
                }
                statement.setInt(i++, query.latest());
                statement.setInt(i, query.limit());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        samples.add(new DurationSample(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                Math.round(rs.getDouble(5))));
                    }
                }
            }
            return samples;
        });
    }
}
