package io.dtf.live.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.coordinator.RunRecord;
import io.dtf.coordinator.ignite.CacheCoordinatorStore;
import io.dtf.grid.TestGrid;
import io.dtf.live.RunQuery;
import io.dtf.live.TaskQuery;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.node.DtfCaches;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ignite.Ignite;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A grid whose runs and tasks caches were created by a version without SQL tables (as a persistent
 * grid keeps them): a node of this version adds the tables at start-up, and the JSON rows become SQL
 * rows once a coordinator has loaded them. Ports 22120-22139.
 */
class SqlTablesUpgradeIT {
    private static TestGrid grid;
    private static Ignite ignite;

    @BeforeAll
    static void start() {
        grid = new TestGrid("live-sql-upgrade", 22120, 22130);
        ignite = grid.start("data", Set.of("data"), Set.of(), Map.of(), 1).ignite();
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void cachesWithoutTablesGetThemAndTheirJsonRowsBecomeRows() {
        for (String name : List.of(CacheNames.RUNS, CacheNames.TASKS)) {
            ignite.destroyCache(name);
            ignite.createCache(new CacheConfiguration<String, String>(name).setBackups(1));
            assertTrue(ignite.cache(name).getConfiguration(CacheConfiguration.class).getQueryEntities().isEmpty());
        }
        Instant at = Instant.parse("2026-11-20T10:00:00.123Z");
        TaskSpec spec = new TaskSpec("t-1", "Old", Map.of(), new BenchmarkAction("noop", 0, 1), List.of(), 0,
                Duration.ofMinutes(1), 0, 1);
        ignite.cache(CacheNames.RUNS).put("r-old", Json.write(new RunRecord("r-old", "old-suite", at, 1, at)));
        ignite.cache(CacheNames.TASK_SPECS).put("r-old/t-1", Json.write(spec));
        ignite.cache(CacheNames.TASKS).put("r-old/t-1", """
                {"runId":"r-old","suite":"old-suite","order":5,"state":"FAILED","attempts":1,"nodeId":"n",\
                "updatedAt":1795870262.729000000,"attemptId":"1:1"}""");

        DtfCaches.ensure(ignite); // what a node of this version does at start-up
        DtfCaches.ensure(ignite); // and the next one: the tables are there already

        assertEquals(1, ignite.cache(CacheNames.TASKS).getConfiguration(CacheConfiguration.class)
                .getQueryEntities().size());
        // No coordinator here: live state counts with SQL, as it does while a coordinator moves.
        SqlLiveState live = new SqlLiveState(ignite, () -> {
            throw new IllegalStateException("no coordinator in this test");
        });
        assertEquals(0, live.runs(new RunQuery(null, null, 0, 10)).total(), "JSON rows are not SQL rows yet");
        new CacheCoordinatorStore(ignite).loadRuns();
        new CacheCoordinatorStore(ignite).loadTasks();

        assertEquals(List.of("r-old"), live.runs(new RunQuery(null, false, 0, 10)).items().stream()
                .map(r -> r.runId()).toList());
        assertEquals(Map.of(TaskState.FAILED, 1), live.run("r-old").orElseThrow().counts());
        assertEquals(List.of(new TaskView("t-1", "Old", TaskState.FAILED, 1, 0, "n", null, null)),
                live.tasks(new TaskQuery("r-old", Set.of(TaskState.FAILED), null, 0, 10)).items());
    }
}
