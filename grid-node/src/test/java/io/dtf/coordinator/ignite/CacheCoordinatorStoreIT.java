package io.dtf.coordinator.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.coordinator.RunRecord;
import io.dtf.coordinator.Quarantine;
import io.dtf.coordinator.RetryState;
import io.dtf.coordinator.TaskRecord;
import io.dtf.grid.TestGrid;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.requirements.Requirement;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ignite.binary.BinaryObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The coordinator's state in real caches: what a new coordinator reads back is what the old one wrote. */
class CacheCoordinatorStoreIT {
    private static TestGrid grid;
    private static CacheCoordinatorStore store;
    private static org.apache.ignite.Ignite ignite;

    @BeforeAll
    static void start() {
        grid = new TestGrid("store", 27720, 27820);
        ignite = grid.start("store", Set.of("data"), Set.of(), Map.of(), 1).ignite();
        store = new CacheCoordinatorStore(ignite);
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void tasksComeBackWithTheirSpecAndLatestStateAndSeqsNeverRepeat() {
        TaskSpec spec = new TaskSpec("t[n=1]", "t", Map.of("n", "1"), new BenchmarkAction("noop", 0, 1),
                List.of(Requirement.parse("memory >= 1GiB")), 5, Duration.ofSeconds(10), 2, 1);
        TaskRecord queued = TaskRecord.queued("run-a", "suite", 7, spec, Instant.now());
        store.saveRuns(List.of(new RunRecord("run-a", "suite", Instant.now(), 1, null)));
        store.saveTasks(List.of(queued));
        Instant later = Instant.now().plusSeconds(5);
        TaskRecord running = queued.startOn("node-1", 3, Instant.now()).withRetry(new RetryState(1, 2, List.of("node-0"),
                List.of(Requirement.parse("memory > 8GiB")), later, later.plusSeconds(10)));
        store.saveTasks(List.of(running));

        List<TaskRecord> loaded = store.loadTasks();

        // Rows keep instants to the millisecond (the SQL column is epoch millis).
        assertEquals(List.of(new TaskRecord(running.runId(), running.suite(), running.order(), spec, running.state(),
                running.attempts(), running.nodeId(), running.hwClass(), running.updatedAt().truncatedTo(ChronoUnit.MILLIS),
                running.attemptId(), running.retry())), loaded);
        assertEquals(TaskState.RUNNING, loaded.get(0).state());
        assertEquals(spec, loaded.get(0).spec());
        assertEquals("run-a", store.loadRuns().get(0).runId());
        assertEquals("3:1", loaded.get(0).attemptId());
        long first = store.nextSeq();
        assertTrue(store.nextSeq() > first && first > 0);
    }

    @Test
    void eachNewCoordinatorGetsAHigherEpochAndTheQuarantineListSurvives() {
        long mine = store.claimEpoch();
        assertEquals(mine, store.currentEpoch());
        long successor = new CacheCoordinatorStore(ignite).claimEpoch();
        assertTrue(successor > mine);
        assertEquals(successor, store.currentEpoch(), "the first coordinator sees it was overtaken");

        Quarantine.Entry held = new Quarantine.Entry("node-9", Instant.now().plusSeconds(60), List.of("r/a", "r/b"),
                "out of memory");
        store.saveQuarantine(List.of(held));
        assertEquals(List.of(held), new CacheCoordinatorStore(ignite).loadQuarantine());
    }

    @Test
    void rowsAnEarlierVersionWroteAsJsonAreReadAndRewrittenAsBinaryRows() {
        Instant at = Instant.parse("2026-11-20T10:00:00.123Z");
        TaskSpec spec = new TaskSpec("old", "old", Map.of(), new BenchmarkAction("noop", 0, 1), List.of(), 1,
                Duration.ofSeconds(10), 0, 1);
        RunRecord run = new RunRecord("run-old", "suite", at, 1, at.plusSeconds(1), null, "alice");
        TaskRecord task = new TaskRecord("run-old", "suite", 3, spec, TaskState.PASSED, 1, "node-1", "hw", at, "1:1",
                null);
        ignite.cache(CacheNames.RUNS).put("run-old", Json.write(run));
        ignite.cache(CacheNames.TASK_SPECS).put(task.key(), Json.write(spec));
        ignite.cache(CacheNames.TASKS).put(task.key(), Json.write(StoredTask.of(task)));

        try {
            assertTrue(store.loadRuns().contains(run));
            assertTrue(store.loadTasks().contains(task));

            Object row = ignite.cache(CacheNames.TASKS).withKeepBinary().get(task.key());
            assertTrue(row instanceof BinaryObject, "rewritten as a binary row: " + row);
            assertEquals("PASSED", ((BinaryObject) row).field(TaskRows.STATE));
            assertTrue(ignite.cache(CacheNames.RUNS).withKeepBinary().get("run-old") instanceof BinaryObject);
            assertTrue(store.loadRuns().contains(run), "and read the same again");
            assertTrue(store.loadTasks().contains(task));
        } finally {
            store.forgetRuns(List.of(run.runId()), List.of(task.key())); // the other tests see their own runs only
        }
    }
}
