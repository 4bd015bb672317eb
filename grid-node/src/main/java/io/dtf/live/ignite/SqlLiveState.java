package io.dtf.live.ignite;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.client.CoordinatorApi;
import io.dtf.coordinator.ignite.RunRows;
import io.dtf.coordinator.ignite.TaskRows;
import io.dtf.live.LiveState;
import io.dtf.live.Page;
import io.dtf.live.RunQuery;
import io.dtf.live.TaskQuery;
import io.dtf.model.RunView;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.SqlFieldsQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live state read with Ignite SQL from the runs and tasks tables ({@link RunRows}, {@link TaskRows}):
 * the data nodes filter, count and page, so a reader of one page of a 10,000-task run gets one page.
 * Every value from the caller travels as a query parameter, never as SQL text.
 *
 * <p>What SQL cannot know, why a QUEUED task waits, the coordinator answers for the tasks of the page
 * only ({@link CoordinatorApi#waiting}). Rows lag the coordinator by its write batch (milliseconds),
 * and an attempt shorter than the coordinator's RUNNING threshold shows as QUEUED until it ends.
 *
 * <pre>{@code
 * LiveState live = new SqlLiveState(ignite, () -> coordinatorProxy);
 * Page<TaskView> failed = live.tasks(new TaskQuery(runId, Set.of(TaskState.FAILED), null, 0, 50));
 * }</pre>
 */
public final class SqlLiveState implements LiveState {
    /** The most items one page holds; a larger limit is cut to this. */
    public static final int MAX_LIMIT = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(SqlLiveState.class);
    private static final String RUN_COLUMNS = "runId, suite, submittedAt, endedAt, total, owner";
    private static final String TASK_COLUMNS = "taskId, name, state, attempts, priority, nodeId, hwClass";

    private final Ignite ignite;
    private final Supplier<CoordinatorApi> coordinator;

    /** Reads through {@code ignite}; asks {@code coordinator} why queued tasks wait. */
    public SqlLiveState(Ignite ignite, Supplier<CoordinatorApi> coordinator) {
        this.ignite = ignite;
        this.coordinator = coordinator;
    }

    @Override
    public Page<RunView> runs(RunQuery query) {
        Where where = new Where();
        if (query.suite() != null && !query.suite().isEmpty()) {
            where.and("LOCATE(?, LOWER(suite)) > 0", lower(query.suite()));
        }
        if (query.active() != null) {
            where.and(query.active() ? "endedAt IS NULL" : "endedAt IS NOT NULL");
        }
        int offset = offset(query.offset());
        int limit = limit(query.limit());
        long total = count(CacheNames.RUNS, RunRows.TYPE, where);
        if (limit == 0 || offset >= total) {
            return new Page<>(List.of(), total, offset, limit);
        }
        List<List<?>> rows = select(CacheNames.RUNS, "SELECT " + RUN_COLUMNS + " FROM " + RunRows.TYPE + where.sql()
                + " ORDER BY submittedAt DESC, runId LIMIT ? OFFSET ?", where.args(limit, offset));
        return new Page<>(runViews(rows), total, offset, limit);
    }

    @Override
    public Optional<RunView> run(String runId) {
        if (runId == null) {
            return Optional.empty();
        }
        List<List<?>> rows = select(CacheNames.RUNS, "SELECT " + RUN_COLUMNS + " FROM " + RunRows.TYPE
                + " WHERE _key = ?", new Object[] {runId});
        return runViews(rows).stream().findFirst();
    }

    @Override
    public Page<TaskView> tasks(TaskQuery query) {
        if (query.runId() == null) {
            return new Page<>(List.of(), 0, offset(query.offset()), limit(query.limit()));
        }
        Where where = new Where().and("runId = ?", query.runId());
        if (!query.states().isEmpty()) {
            List<String> names = query.states().stream().map(Enum::name).sorted().toList();
            where.and("state IN (" + String.join(", ", names.stream().map(n -> "?").toList()) + ")",
                    names.toArray());
        }
        if (query.name() != null && !query.name().isEmpty()) {
            String part = lower(query.name());
            where.and("(LOCATE(?, LOWER(taskId)) > 0 OR LOCATE(?, LOWER(name)) > 0)", part, part);
        }
        int offset = offset(query.offset());
        int limit = limit(query.limit());
        long total = query.name() == null || query.name().isEmpty()
                ? knownTotal(query).orElseGet(() -> count(CacheNames.TASKS, TaskRows.TYPE, where))
                : count(CacheNames.TASKS, TaskRows.TYPE, where);
        if (limit == 0 || offset >= total) {
            return new Page<>(List.of(), total, offset, limit);
        }
        List<List<?>> rows = select(CacheNames.TASKS, "SELECT " + TASK_COLUMNS + " FROM " + TaskRows.TYPE
                + where.sql() + " ORDER BY ord LIMIT ? OFFSET ?", where.args(limit, offset));
        List<String> queued = rows.stream().filter(r -> TaskState.QUEUED.name().equals(r.get(2)))
                .map(r -> (String) r.get(0)).toList();
        Map<String, String> reasons = waiting(query.runId(), queued);
        List<TaskView> items = new ArrayList<>(rows.size());
        for (List<?> r : rows) {
            items.add(new TaskView((String) r.get(0), (String) r.get(1), TaskState.valueOf((String) r.get(2)),
                    (Integer) r.get(3), (Integer) r.get(4), (String) r.get(5), (String) r.get(6),
                    reasons.get((String) r.get(0))));
        }
        return new Page<>(items, total, offset, limit);
    }

    /**
     * How many of the run's tasks are in the query's states, from the counts the coordinator keeps in
     * memory: counting them with SQL reads every row of the run, the larger part of a page's cost on a
     * large run. Empty when the coordinator cannot answer now (it is moving); then SQL counts.
     */
    private Optional<Long> knownTotal(TaskQuery query) {
        try {
            String json = coordinator.get().run(query.runId());
            if (json == null) {
                return Optional.of(0L);
            }
            RunView run = Json.read(json, RunView.class);
            return Optional.of(query.states().isEmpty() ? run.total()
                    : query.states().stream().mapToLong(s -> run.counts().getOrDefault(s, 0)).sum());
        } catch (RuntimeException e) {
            LOG.debug("no task counts of run {} from the coordinator: {}", query.runId(), e.toString());
            return Optional.empty();
        }
    }

    /** Why the queued tasks of a page wait; none when the coordinator cannot be asked now (it is moving). */
    private Map<String, String> waiting(String runId, List<String> queued) {
        if (queued.isEmpty()) {
            return Map.of();
        }
        try {
            return Json.read(coordinator.get().waiting(runId, Json.write(queued)),
                    new TypeReference<Map<String, String>>() { });
        } catch (RuntimeException e) {
            LOG.debug("no waiting reasons for run {}: {}", runId, e.toString());
            return Map.of();
        }
    }

    private List<RunView> runViews(List<List<?>> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Map<TaskState, Integer>> counts = counts(rows.stream().map(r -> (String) r.get(0)).toList());
        List<RunView> out = new ArrayList<>(rows.size());
        for (List<?> r : rows) {
            Long ended = (Long) r.get(3);
            out.add(new RunView((String) r.get(0), (String) r.get(1), Instant.ofEpochMilli((Long) r.get(2)),
                    ended == null ? null : Instant.ofEpochMilli(ended), (Integer) r.get(4),
                    counts.getOrDefault((String) r.get(0), Map.of()), (String) r.get(5)));
        }
        return out;
    }

    /** Tasks per state of each run named: one grouped query for a whole page of runs. */
    private Map<String, Map<TaskState, Integer>> counts(List<String> runIds) {
        String marks = String.join(", ", runIds.stream().map(id -> "?").toList());
        Map<String, Map<TaskState, Integer>> out = new HashMap<>();
        for (List<?> r : select(CacheNames.TASKS, "SELECT runId, state, COUNT(*) FROM " + TaskRows.TYPE
                + " WHERE runId IN (" + marks + ") GROUP BY runId, state", runIds.toArray())) {
            out.computeIfAbsent((String) r.get(0), id -> new EnumMap<>(TaskState.class))
                    .put(TaskState.valueOf((String) r.get(1)), ((Number) r.get(2)).intValue());
        }
        return out;
    }

    private long count(String cache, String table, Where where) {
        List<List<?>> rows = select(cache, "SELECT COUNT(*) FROM " + table + where.sql(), where.args());
        return ((Number) rows.get(0).get(0)).longValue();
    }

    private List<List<?>> select(String cacheName, String sql, Object[] args) {
        IgniteCache<?, ?> cache = ignite.cache(cacheName);
        return cache.query(new SqlFieldsQuery(sql).setArgs(args)).getAll();
    }

    private static int offset(int requested) {
        return Math.max(requested, 0);
    }

    private static int limit(int requested) {
        return Math.min(Math.max(requested, 0), MAX_LIMIT);
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** A WHERE clause built from fixed SQL fragments, with the caller's values as parameters. */
    private static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> args = new ArrayList<>();

        Where and(String condition, Object... values) {
            conditions.add(condition);
            args.addAll(Arrays.asList(values));
            return this;
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        Object[] args(Object... more) {
            List<Object> all = new ArrayList<>(args);
            all.addAll(Arrays.asList(more));
            return all.toArray();
        }
    }
}
