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
import io.dtf.results.duckdb.DuckDbResultStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The aggregator is its own JVM, killed with SIGKILL mid-run and started again on the same DuckDB
 * file: in the end DuckDB holds every result of the run exactly once.
 */
class AggregatorRestartIT {
    private static final String JOIN = "127.0.0.1:27650..27659";

    @Test
    void anAggregatorKilledMidRunCatchesUpWithEveryResultExactlyOnce() throws Exception {
        Path root = Path.of("target", "grids", "aggregator-restart").toAbsolutePath();
        TestGrid.deleteTree(root);
        String server = TestGrid.config("ignite-server.xml").toString();
        List<TaskSpec> tasks = IntStream.range(0, 60).mapToObj(i -> new TaskSpec("t" + i, "t", Map.of(),
                new CommandAction(List.of("sh", "-c", "sleep 0.05; echo DTF_METRIC i=" + i), Map.of(), null),
                List.of(), 0, Duration.ofSeconds(30), 0, 1)).toList();

        try (NodeProcess core = NodeProcess.start(root.resolve("core"), "--config", server, "--roles",
                "coordinator,data", "--port", "27650", "--comm-port", "27670", "--client-port", "10870", "--join", JOIN);
             NodeProcess worker = NodeProcess.start(root.resolve("worker"), "--config",
                     TestGrid.config("ignite-worker.xml").toString(), "--port", "27651", "--comm-port", "27671",
                     "--join", JOIN, "--slots", "2", "--allow-commands");
             DtfClient client = DtfClient.connect(ClientOptions.of("127.0.0.1:10870"))) {
            Path aggregatorDir = root.resolve("aggregator");
            String[] aggregatorArgs = {"--config", server, "--roles", "aggregator", "--port", "27652",
                    "--comm-port", "27672", "--join", JOIN};

            String runId;
            try (NodeProcess aggregator = NodeProcess.start(aggregatorDir, aggregatorArgs)) {
                runId = client.submit(new Suite("aggregator-restart", tasks));
                TestGrid.await("a third of the results", Duration.ofSeconds(60),
                        () -> client.results(runId).size() >= 20);
                aggregator.kill();
            }
            RunView done = client.await(runId, Duration.ofSeconds(120), r -> { });
            assertTrue(done.passed(), done.toString());
            List<Long> inCache = client.results(runId).stream().map(TaskResult::seq).toList();
            assertEquals(60, inCache.size());

            try (NodeProcess aggregator = NodeProcess.start(aggregatorDir, aggregatorArgs)) {
                aggregator.stop(); // catch-up happens at start; a graceful stop stores what it read
            }
            try (DuckDbResultStore store = DuckDbResultStore.openReadOnly(aggregatorDir.resolve("dtf.duckdb"))) {
                List<TaskResult> stored = store.results(runId);
                assertEquals(inCache, stored.stream().map(TaskResult::seq).toList(), "every result, once, in order");
                assertEquals(60, store.count());
            }
        }
    }
}
