package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.CancelReply;
import io.dtf.model.CommandAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskAction;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.requirements.Requirement;
import io.dtf.worker.command.CommandPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a run on a real grid (a server and two workers, one slot each), through the thin
 * client: the running command's process tree and the running benchmark are stopped on their
 * workers, the waiting task leaves the queue, every task ends CANCELLED, and DuckDB holds the
 * CANCELLED rows.
 */
class CancelIT {
    private static final int DISCOVERY = 29460;
    private static final int COMMUNICATION = 29470;
    private static final int CLIENT = 29480;
    /** Unique, so that the test can look for the command's processes and be sure they are its own. */
    private static final String SLEEP = "sleep 367";

    private static final List<DtfNode> nodes = new ArrayList<>();
    private static DtfNode server;
    private static DtfClient client;

    @BeforeAll
    static void startGrid() {
        Path root = Path.of("target", "grids", "cancel").toAbsolutePath();
        TestGrid.deleteTree(root);
        server = start(root, "server", Set.of("coordinator", "data", "aggregator"));
        start(root, "worker-1", Set.of("worker"));
        start(root, "worker-2", Set.of("worker"));
        client = DtfClient.connect(ClientOptions.of("127.0.0.1:" + CLIENT));
    }

    private static DtfNode start(Path root, String name, Set<String> roles) {
        int i = nodes.size();
        DtfNode node = DtfNode.start(NodeOptions.of(TestGrid.config("ignite-default.xml"), root.resolve(name))
                .withRoles(roles).withSlots(1).withInstanceName("cancel-" + name).withCommands(CommandPolicy.ANY)
                .withNetwork("127.0.0.1", DISCOVERY + i, COMMUNICATION + i, CLIENT + i,
                        List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 2))));
        nodes.add(node);
        return node;
    }

    @AfterAll
    static void stopGrid() {
        if (client != null) {
            client.close();
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        ProcessHandle.allProcesses().filter(CancelIT::isOurSleep).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aCancelledRunStopsItsProcessAndBenchmarkOnTheWorkersAndRecordsEveryTaskCancelled() throws Exception {
        String runId = client.submit(new Suite("cancel", List.of(
                task("sleeper", 2, new CommandAction(List.of("sh", "-c", SLEEP + " & " + SLEEP + " & wait"), Map.of(),
                        null)),
                task("spinner", 1, new BenchmarkAction("counted-work", 0, 1), Map.of("iterations", "1000000000000")),
                // No node has this tag: the task waits in the queue until it is cancelled.
                new TaskSpec("waiting", "waiting", Map.of(), new CommandAction(List.of("true"), Map.of(), null),
                        List.of(Requirement.parse("tag not-on-any-node")), 0, Duration.ofMinutes(10), 0, 1))));
        TestGrid.await("the command and the benchmark to run", Duration.ofSeconds(30),
                () -> client.tasks(runId).stream().filter(t -> t.state() == TaskState.RUNNING).count() == 2
                        && ProcessHandle.allProcesses().filter(CancelIT::isOurSleep).count() >= 2);

        CancelReply reply = client.cancel(runId);

        assertEquals(new CancelReply(runId, 1, 2, 0, List.of()), reply);
        RunView done = client.await(runId, Duration.ofSeconds(60), r -> { });
        assertEquals(Map.of(TaskState.CANCELLED, 3), done.counts(), done.toString());
        TestGrid.await("the command's processes to be gone", Duration.ofSeconds(10),
                () -> ProcessHandle.allProcesses().noneMatch(CancelIT::isOurSleep));

        List<TaskResult> results = client.results(runId);
        assertEquals(3, results.size(), results.toString());
        assertTrue(results.stream().allMatch(r -> r.status() == TaskState.CANCELLED && r.finalAttempt()),
                results.toString());
        TaskResult sleeper = result(results, "sleeper");
        assertEquals(1, sleeper.attempt());
        assertTrue(sleeper.nodeId() != null && sleeper.error().contains("killed"), sleeper.toString());
        assertEquals(1, result(results, "spinner").attempt());
        assertEquals(0, result(results, "waiting").attempt(), "it never started");

        long last = results.stream().mapToLong(TaskResult::seq).max().orElseThrow();
        assertTrue(server.replicator().orElseThrow().awaitIngested(last, Duration.ofSeconds(30)));
        List<TaskResult> stored = server.resultStore().orElseThrow().results(runId);
        assertEquals(3, stored.size());
        assertTrue(stored.stream().allMatch(r -> r.status() == TaskState.CANCELLED), stored.toString());

        assertEquals(new CancelReply(runId, 0, 0, 3, List.of()), client.cancel(runId), "a second cancel changes nothing");
        assertEquals(3, client.results(runId).size());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> client.cancel(runId, "no-such-task"));
        assertTrue(unknown.getMessage().contains("has no task 'no-such-task'"), unknown.getMessage());
    }

    private static TaskResult result(List<TaskResult> results, String taskId) {
        return results.stream().filter(r -> r.taskId().equals(taskId)).findFirst().orElseThrow();
    }

    private static TaskSpec task(String id, int priority, TaskAction action) {
        return task(id, priority, action, Map.of());
    }

    private static TaskSpec task(String id, int priority, TaskAction action, Map<String, String> params) {
        return new TaskSpec(id, id, params, action, List.of(), priority, Duration.ofMinutes(10), 0, 1);
    }

    private static boolean isOurSleep(ProcessHandle p) {
        return p.info().commandLine().orElse("").contains(SLEEP);
    }
}
