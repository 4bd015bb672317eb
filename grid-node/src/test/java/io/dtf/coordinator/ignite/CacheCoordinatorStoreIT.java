package io.dtf.coordinator.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.coordinator.CoordinatorStore;
import io.dtf.coordinator.CoordinatorStoreContract;
import io.dtf.coordinator.RunRecord;
import io.dtf.coordinator.TaskRecord;
import io.dtf.grid.TestGrid;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.node.DtfNode;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.binary.BinaryObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract against the caches of a real grid of three data nodes (one backup), from two
 * nodes; and what only the caches have: rows earlier versions wrote, and a data node restarted between
 * a save and a load.
 */
class CacheCoordinatorStoreIT extends CoordinatorStoreContract {
    private static TestGrid grid;
    private static Ignite first;
    private static Ignite second;
    private static CacheCoordinatorStore store;
    private static DtfNode third;

    @BeforeAll
    static void start() {
        grid = new TestGrid("store", 24000, 24010);
        first = grid.start("store-1", Set.of("data"), Set.of(), Map.of(), 1).ignite();
        second = grid.start("store-2", Set.of("data"), Set.of(), Map.of(), 1).ignite();
        third = grid.start("store-3", Set.of("data"), Set.of(), Map.of(), 1);
        store = new CacheCoordinatorStore(first);
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Override
    protected CoordinatorStore store() {
        return store;
    }

    @Override
    protected CoordinatorStore anotherCoordinator() {
        return new CacheCoordinatorStore(second);
    }

    @Override
    protected void saveCheckpoint(String taskKey) {
        first.cache(CacheNames.CHECKPOINTS).put(taskKey, new byte[] {1, 2, 3});
    }

    @Override
    protected boolean hasCheckpoint(String taskKey) {
        return second.cache(CacheNames.CHECKPOINTS).containsKey(taskKey);
    }

    @Test
    void whatWasSavedIsLoadedAfterADataNodeRestarts() {
        String runId = newRunId();
        RunRecord run = run(runId, 200);
        List<TaskRecord> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tasks.add(TaskRecord.queued(runId, "suite", i, spec("t" + i), Instant.now()));
        }
        List<TaskResult> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(result(store.nextSeq(), runId, "t" + i));
        }
        store.saveRuns(List.of(run));
        store.saveTasks(tasks);
        store.saveTasks(tasks.subList(0, 50).stream().map(t -> t.startOn("node-1", 1, Instant.now()).moveTo(TaskState.PASSED, Instant.now())).toList());
        store.saveResults(results);
        List<TaskRecord> saved = tasksOf(store, runId);

        third.close();
        assertEverythingLoads(run, saved, results, "with one data node gone");

        third = grid.start("store-3", Set.of("data"), Set.of(), Map.of(), 1);
        assertEverythingLoads(run, saved, results, "as the restarted node takes partitions back");
        TestGrid.await("rebalancing onto the restarted node", Duration.ofSeconds(60),
                () -> third.ignite().affinity(CacheNames.TASKS).primaryPartitions(third.ignite().cluster().localNode())
                        .length > 0);
        assertEverythingLoads(run, saved, results, "after rebalancing");
    }

    private void assertEverythingLoads(RunRecord run, List<TaskRecord> saved, List<TaskResult> results, String when) {
        CoordinatorStore successor = anotherCoordinator();
        assertEquals(List.of(asStored(run)), runsOf(successor, run.runId()), when);
        assertEquals(saved, tasksOf(successor, run.runId()), when);
        Map<Long, String> index = successor.loadResultIndex();
        List<Long> seqs = results.stream().map(TaskResult::seq).toList();
        assertTrue(seqs.stream().allMatch(seq -> run.runId().equals(index.get(seq))), when);
        assertEquals(results, successor.loadResults(seqs), when);
    }

    @Test
    void rowsAnEarlierVersionWroteAsJsonAreReadAndRewrittenAsBinaryRows() {
        Instant at = Instant.parse("2026-11-20T10:00:00.123Z");
        TaskSpec spec = new TaskSpec("old", "old", Map.of(), new BenchmarkAction("noop", 0, 1), List.of(), 1,
                Duration.ofSeconds(10), 0, 1);
        String runId = newRunId();
        RunRecord run = new RunRecord(runId, "suite", at, 1, at.plusSeconds(1), null, "alice");
        TaskRecord task = new TaskRecord(runId, "suite", 3, spec, TaskState.PASSED, 1, "node-1", "hw", at, "1:1",
                null);
        first.cache(CacheNames.RUNS).put(runId, Json.write(run));
        first.cache(CacheNames.TASK_SPECS).put(task.key(), Json.write(spec));
        first.cache(CacheNames.TASKS).put(task.key(), Json.write(StoredTask.of(task)));

        assertTrue(store.loadRuns().contains(run));
        assertTrue(store.loadTasks().contains(task));

        Object row = first.cache(CacheNames.TASKS).withKeepBinary().get(task.key());
        assertTrue(row instanceof BinaryObject, "rewritten as a binary row: " + row);
        assertEquals("PASSED", ((BinaryObject) row).field(TaskRows.STATE));
        assertTrue(first.cache(CacheNames.RUNS).withKeepBinary().get(runId) instanceof BinaryObject);
        assertTrue(store.loadRuns().contains(run), "and read the same again");
        assertTrue(store.loadTasks().contains(task));
    }

    @Test
    void stateRowsLeaveTheSuiteToTheRunAndRowsThatCarryItStillLoad() {
        String runId = newRunId();
        store.saveRuns(List.of(run(runId, 2)));
        TaskRecord a = TaskRecord.queued(runId, "suite", 1, spec("a"), Instant.now());
        TaskRecord b = TaskRecord.queued(runId, "suite", 2, spec("b"), Instant.now());
        store.saveTasks(List.of(a, b));
        IgniteCache<String, BinaryObject> rows = first.cache(CacheNames.TASKS).withKeepBinary();
        assertNull(rows.get(a.key()).field(TaskRows.SUITE), "the suite is the run's");
        // A row as an earlier version wrote it, with its suite.
        rows.put(b.key(), rows.get(b.key()).toBuilder().setField(TaskRows.SUITE, "earlier", String.class).build());

        List<TaskRecord> loaded = tasksOf(anotherCoordinator(), runId);

        assertEquals(List.of("suite", "earlier"), loaded.stream().map(TaskRecord::suite).toList());
        assertEquals(List.of(asStored(a), asStored(b)).stream().map(TaskRecord::spec).toList(),
                loaded.stream().map(TaskRecord::spec).toList());
    }
}
