package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.coordinator.RunRecord;
import io.dtf.coordinator.TaskRecord;
import io.dtf.coordinator.ignite.CacheCoordinatorStore;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.wire.CacheNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.ignite.Ignite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A coordinator taking over loads runs, tasks and the result index while partitions move: two data
 * nodes hold the state, a third joins and leaves again, four times, with rebalancing slowed down, and
 * every load made meanwhile must find every run, task and result. (A scan of the whole cache, as the
 * store made before, can miss the entries of a partition whose primary is moving or whose copy is
 * being evicted.) On ports 24050.. of this class.
 */
class CoordinatorLoadWhilePartitionsMoveIT {
    private static final String JOIN = "127.0.0.1:24050..24059";
    private static final int RUNS = 60;
    private static final int TASKS_PER_RUN = 50;
    private static final int ROUNDS = 4;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final List<DtfNode> nodes = new ArrayList<>();
    private int next;

    @AfterEach
    void stop() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                nodes.get(i).close();
            } catch (RuntimeException e) {
                // already stopped
            }
        }
    }

    @Test
    void everyLoadWhileADataNodeJoinsAndLeavesFindsEverything() throws Exception {
        Path root = Path.of("target", "grids", "coordinator-load-moving").toAbsolutePath();
        TestGrid.deleteTree(root);
        Path config = CatchUpWhileRebalancingIT.slowRebalancingConfig(root);
        Ignite first = start(config, root, "load-data-1").ignite();
        start(config, root, "load-data-2");
        CacheCoordinatorStore store = new CacheCoordinatorStore(first);
        Expected expected = saveBacklog(store);

        List<String> incomplete = new ArrayList<>();
        int loads = 0;
        int whileMoving = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            DtfNode joining = start(config, root, "load-joining-" + round);
            int afterMove = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (afterMove < 2 && System.nanoTime() < deadline) {
                boolean moved = joining.ignite().affinity(CacheNames.TASKS)
                        .primaryPartitions(joining.ignite().cluster().localNode()).length > 0;
                expected.check(new CacheCoordinatorStore(first), "round " + round + " joining, load " + ++loads)
                        .ifPresent(incomplete::add);
                afterMove += moved ? 1 : 0;
                whileMoving += moved ? 0 : 1;
            }
            assertEquals(2, afterMove, "the joining node took over partitions within " + WAIT);
            joining.close();
            for (int i = 0; i < 2; i++) { // the leaver's partitions move back to the two left
                expected.check(new CacheCoordinatorStore(first), "round " + round + " left, load " + ++loads)
                        .ifPresent(incomplete::add);
            }
        }
        assertEquals(List.of(), incomplete, "of " + loads + " loads");
        assertTrue(whileMoving > 0, "no load ran before the joining node took partitions: the test did not test "
                + "what it is for");
    }

    /** What the backlog is: the runs, the tasks with their states, and the results' seqs by run. */
    private record Expected(Set<String> runs, Map<String, TaskState> tasks, Map<Long, String> results) {
        Optional<String> check(CacheCoordinatorStore store, String load) {
            Set<String> runIds = store.loadRuns().stream().map(RunRecord::runId).collect(Collectors.toSet());
            Map<String, TaskState> states = store.loadTasks().stream()
                    .collect(Collectors.toMap(TaskRecord::key, TaskRecord::state));
            Map<Long, String> index = store.loadResultIndex();
            if (runIds.equals(runs) && states.equals(tasks) && index.equals(results)) {
                return Optional.empty();
            }
            Set<String> missingTasks = new TreeSet<>(tasks.keySet());
            missingTasks.removeAll(states.keySet());
            return Optional.of(load + ": " + runIds.size() + "/" + runs.size() + " runs, "
                    + states.size() + "/" + tasks.size() + " tasks (" + missingTasks.stream().limit(3).toList()
                    + "...), " + index.size() + "/" + results.size() + " results");
        }
    }

    private static Expected saveBacklog(CacheCoordinatorStore store) {
        List<RunRecord> runs = new ArrayList<>();
        List<TaskRecord> queued = new ArrayList<>();
        List<TaskRecord> ended = new ArrayList<>();
        List<TaskResult> results = new ArrayList<>();
        for (int r = 0; r < RUNS; r++) {
            String runId = "moving-" + r;
            runs.add(new RunRecord(runId, "moving", Instant.now(), TASKS_PER_RUN, null));
            for (int t = 0; t < TASKS_PER_RUN; t++) {
                TaskSpec spec = new TaskSpec("t" + t, "task " + t, Map.of("n", String.valueOf(t)),
                        new BenchmarkAction("noop", 0, 1), List.of(), 1, Duration.ofSeconds(10), 0, 1);
                TaskRecord task = TaskRecord.queued(runId, "moving", (long) r * TASKS_PER_RUN + t, spec, Instant.now());
                queued.add(task);
                if (t % 2 == 0) {
                    ended.add(task.startOn("node-1", 1, Instant.now()).moveTo(TaskState.PASSED, Instant.now()));
                    Instant at = Instant.now();
                    results.add(new TaskResult(store.nextSeq(), runId, "moving", spec.id(), spec.name(), spec.params(),
                            1, true, TaskState.PASSED, at, at, "node-1", "hw", 0, List.of(), "", "", null, null, null,
                            null));
                }
            }
        }
        store.saveRuns(runs);
        store.saveTasks(queued);
        store.saveTasks(ended);
        store.saveResults(results);
        Map<String, TaskState> states = new HashMap<>();
        queued.forEach(t -> states.put(t.key(), t.state()));
        ended.forEach(t -> states.put(t.key(), t.state()));
        return new Expected(runs.stream().map(RunRecord::runId).collect(Collectors.toSet()), states,
                results.stream().collect(Collectors.toMap(TaskResult::seq, TaskResult::runId)));
    }

    /** Data node {@code i} of this class: discovery 24050+i, communication 24060+i, thin clients 24070+i. */
    private DtfNode start(Path config, Path root, String name) {
        int i = next++;
        DtfNode node = DtfNode.start(NodeOptions.of(config, root.resolve(name)).withRoles(Set.of("data"))
                .withInstanceName(name).withSlots(1)
                .withNetwork("127.0.0.1", 24050 + i, 24060 + i, 24070 + i, List.of(JOIN)));
        nodes.add(node);
        return node;
    }
}
