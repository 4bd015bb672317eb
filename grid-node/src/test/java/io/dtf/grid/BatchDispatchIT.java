package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.DtfClient;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Attempts bound for one worker travel in one compute job, and are still answered one by one: a
 * short attempt's result is stored while a long one of the same batch runs, one attempt of the
 * batch can be stopped alone, and a worker that leaves fails exactly its attempts still running
 * (run again elsewhere), not the ones it already answered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchDispatchIT {
    private static final int DISCOVERY = 23420;
    private static final int COMMUNICATION = 23430;
    private static final Path ROOT = Path.of("target", "grids", "batch-dispatch").toAbsolutePath();

    private static final List<DtfNode> nodes = new ArrayList<>();
    private static DtfClient client;

    @BeforeAll
    static void startGrid() {
        TestGrid.deleteTree(ROOT);
        DtfNode server = start("server", Set.of("coordinator", "data", "aggregator"));
        start("worker-1", Set.of("worker"));
        client = DtfClient.over(server.coordinator(Duration.ofSeconds(30)));
    }

    private static DtfNode start(String name, Set<String> roles) {
        int i = nodes.size();
        DtfNode node = DtfNode.start(NodeOptions.of(TestGrid.config("ignite-default.xml"), ROOT.resolve(name))
                .withRoles(roles).withSlots(3).withInstanceName("batch-" + name)
                .withNetwork("127.0.0.1", DISCOVERY + i, COMMUNICATION + i, null,
                        List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 3))));
        nodes.add(node);
        return node;
    }

    @AfterAll
    static void stopGrid() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }

    @Test
    @Order(1)
    void aBatchAnswersEachAttemptAsItEndsAndOneOfItsAttemptsCanBeStoppedAlone() throws Exception {
        // Three slots, three tasks submitted together: one round, one batch for worker-1.
        String runId = client.submit(new Suite("batch", List.of(spinner("spinner"), noop("quick-1"), noop("quick-2"))));

        TestGrid.await("both quick tasks' results", Duration.ofSeconds(30), () -> client.results(runId).stream()
                .filter(r -> r.finalAttempt() && r.status() == TaskState.PASSED).count() == 2);
        assertEquals(TaskState.RUNNING, task(runId, "spinner").state(), "the batch's long attempt still runs");

        client.cancel(runId, "spinner");
        RunView done = client.await(runId, Duration.ofSeconds(60), r -> { });

        assertEquals(Map.of(TaskState.PASSED, 2, TaskState.CANCELLED, 1), done.counts(), done.toString());
        TaskResult spinner = result(client.results(runId), "spinner", 1);
        assertEquals(TaskState.CANCELLED, spinner.status(), spinner.toString());
    }

    @Test
    @Order(2)
    void aWorkerThatLeavesFailsExactlyItsAttemptsStillRunning() throws Exception {
        String runId = client.submit(new Suite("leave", List.of(spinner("slow-a"), spinner("slow-b"), noop("quick"))));
        TestGrid.await("the quick task's result while both slow ones run", Duration.ofSeconds(30),
                () -> client.results(runId).size() == 1 && task(runId, "slow-a").state() == TaskState.RUNNING
                        && task(runId, "slow-b").state() == TaskState.RUNNING);
        start("worker-2", Set.of("worker"));

        nodes.remove(1).close(); // worker-1 leaves with the batch's two slow attempts

        TestGrid.await("both slow tasks running again, on worker-2", Duration.ofSeconds(90),
                () -> task(runId, "slow-a").attempts() == 2 && task(runId, "slow-a").state() == TaskState.RUNNING
                        && task(runId, "slow-b").attempts() == 2 && task(runId, "slow-b").state() == TaskState.RUNNING);
        List<TaskResult> results = client.results(runId);
        for (String slow : List.of("slow-a", "slow-b")) {
            // Stopped with its node (a graceful stop: the job is cancelled, and its reply may still come back; a
            // SIGKILL gives NODE_LEFT, see WorkerFailoverIT): not the task's fault, so it runs again elsewhere.
            TaskResult first = result(results, slow, 1);
            assertTrue(!first.finalAttempt() && first.decision().startsWith("retry in "), first.toString());
        }
        TaskResult quick = result(results, "quick", 1);
        assertTrue(quick.finalAttempt() && quick.status() == TaskState.PASSED, quick.toString());
        assertEquals(3, results.size(), "one result per attempt that ended: " + results);
        client.cancel(runId);
        client.await(runId, Duration.ofSeconds(60), r -> { });
    }

    private static TaskSpec spinner(String id) {
        return new TaskSpec(id, id, Map.of("iterations", "1000000000000"), new BenchmarkAction("counted-work", 0, 1),
                List.of(), 0, Duration.ofMinutes(10), 0, 1);
    }

    private static TaskSpec noop(String id) {
        return new TaskSpec(id, id, Map.of(), new BenchmarkAction("noop", 0, 1), List.of(), 0, Duration.ofMinutes(1),
                0, 1);
    }

    private static TaskView task(String runId, String taskId) {
        return client.tasks(runId).stream().filter(t -> t.taskId().equals(taskId)).findFirst().orElseThrow();
    }

    private static TaskResult result(List<TaskResult> results, String taskId, int attempt) {
        return results.stream().filter(r -> r.taskId().equals(taskId) && r.attempt() == attempt).findFirst()
                .orElseThrow(() -> new AssertionError("no result for attempt " + attempt + " of " + taskId + ": "
                        + results));
    }
}
