package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.model.CommandAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The node hosting the coordinator singleton is killed with SIGKILL mid-run. Ignite redeploys the
 * service on the other coordinator node; the new instance rebuilds from the caches (one backup),
 * reconciles with the workers, and the attempts that were running carry on and report to it:
 * the run completes with every task run once and one final result each, in DuckDB too.
 */
class CoordinatorKillIT {
    private static final String JOIN = "127.0.0.1:28600..28609";
    private static final int TASKS = 16;

    @Test
    void killingTheCoordinatorsNodeLosesAndRepeatsNothing() throws Exception {
        Path root = Path.of("target", "grids", "coordinator-kill").toAbsolutePath();
        TestGrid.deleteTree(root);
        String server = TestGrid.config("ignite-server.xml").toString();
        String worker = TestGrid.config("ignite-worker.xml").toString();
        List<TaskSpec> tasks = IntStream.range(0, TASKS).mapToObj(i -> new TaskSpec("t" + i, "sleeper", Map.of(),
                new CommandAction(List.of("sh", "-c", "sleep 1.5; echo DTF_METRIC n=" + i), Map.of(), null),
                List.of(), 0, Duration.ofSeconds(60), 0, 1)).toList();

        try (NodeProcess first = NodeProcess.start(root.resolve("core-a"), "--config", server, "--roles",
                "coordinator,data", "--port", "28600", "--comm-port", "28620", "--client-port", "10960",
                "--join", JOIN);
             NodeProcess second = NodeProcess.start(root.resolve("core-b"), "--config", server, "--roles",
                     "coordinator,data,aggregator", "--port", "28601", "--comm-port", "28621", "--client-port",
                     "10961", "--join", JOIN);
             NodeProcess w1 = NodeProcess.start(root.resolve("w1"), worker, 28602, 28622,
                     "--join", JOIN, "--slots", "2", "--allow-commands");
             NodeProcess w2 = NodeProcess.start(root.resolve("w2"), worker, 28603, 28623,
                     "--join", JOIN, "--slots", "2", "--allow-commands");
             DtfClient client = DtfClient.connect(ClientOptions.of("127.0.0.1:10960,127.0.0.1:10961"))) {

            assertTrue(log(root, "core-a").contains("coordinator epoch 1 starting"),
                    "the first coordinator node hosts the singleton");
            String runId = client.submit(new Suite("coordinator-kill", tasks));
            TestGrid.await("a few results and attempts running", Duration.ofSeconds(60), () -> {
                List<TaskResult> results = client.results(runId);
                return results.size() >= 2 && client.status(runId).count(TaskState.RUNNING) >= 2;
            });
            first.kill();

            RunView done = client.await(runId, Duration.ofSeconds(120), r -> { });

            assertTrue(done.passed(), done.toString());
            List<TaskResult> results = client.results(runId);
            assertEquals(TASKS, results.stream().filter(TaskResult::finalAttempt).count());
            assertEquals(TASKS, results.size(), "attempts running at the kill carried on: none ran twice "
                    + results.stream().filter(r -> !r.finalAttempt()).toList());
            String newCoordinator = log(root, "core-b");
            assertTrue(newCoordinator.contains("coordinator epoch 2 starting"), "the singleton moved to core-b");
            assertTrue(newCoordinator.contains("reconciled with 2 worker(s)"), "it asked the workers first");

            second.stop(); // the aggregator closes its DuckDB file
            try (DuckDbResultStore store = DuckDbResultStore.openReadOnly(root.resolve("core-b/dtf.duckdb"))) {
                List<TaskResult> stored = store.results(runId);
                assertEquals(results.stream().map(TaskResult::seq).toList(), stored.stream().map(TaskResult::seq)
                        .toList(), "every result, once");
                Map<String, Long> finals = stored.stream().filter(TaskResult::finalAttempt)
                        .collect(Collectors.groupingBy(TaskResult::taskId, Collectors.counting()));
                assertEquals(TASKS, finals.size());
                assertTrue(finals.values().stream().allMatch(n -> n == 1), finals.toString());
            }
        }
    }

    private static String log(Path root, String node) throws java.io.IOException {
        Path file = root.resolve(node).resolve("logs").resolve("dtf.log");
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
