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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        TaskRecord queued = TaskRecord.queued("run-a", "suite", 7, spec);
        store.saveRuns(List.of(new RunRecord("run-a", "suite", Instant.now(), 1, null)));
        store.saveTasks(List.of(queued));
        Instant later = Instant.now().plusSeconds(5);
        TaskRecord running = queued.startOn("node-1", 3).withRetry(new RetryState(1, 2, List.of("node-0"),
                List.of(Requirement.parse("memory > 8GiB")), later, later.plusSeconds(10)));
        store.saveTasks(List.of(running));

        List<TaskRecord> loaded = store.loadTasks();

        assertEquals(List.of(running), loaded);
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
}
