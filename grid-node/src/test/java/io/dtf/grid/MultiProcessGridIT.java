package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.suite.SuiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A grid of three JVMs started through the {@code dtf} launcher, a suite submitted with the Java
 * client, every task run on a matching worker, every result in the server's DuckDB file.
 */
class MultiProcessGridIT {
    private static final String JOIN = "127.0.0.1:27600..27609";

    @Test
    void aSuiteRunsAcrossWorkerProcessesOnMatchingNodesAndLandsInDuckDb() throws Exception {
        Path root = Path.of("target", "grids", "multi-process").toAbsolutePath();
        TestGrid.deleteTree(root);
        Files.createDirectories(root);
        Path suiteFile = root.resolve("suite.yaml");
        Files.writeString(suiteFile, """
                suite: multi-process
                defaults:
                  timeout: 60s
                tasks:
                  - name: browser
                    type: command
                    command: [sh, -c, "echo DTF_METRIC frames=${n} fps"]
                    params: {n: [1, 2, 3]}
                    requires: [tag chrome]
                  - name: gpu
                    type: benchmark
                    benchmark: sha256
                    warmup: 0
                    iterations: 2
                    params: {size: [4KiB, 16KiB, 64KiB]}
                    requires: [tag cuda, memory >= 32GiB]
                  - name: anywhere
                    type: command
                    command: [sh, -c, "exit 0"]
                    repeat: 2
                """);
        Suite suite = SuiteLoader.load(suiteFile);

        try (NodeProcess server = NodeProcess.start(root.resolve("server"), "--config",
                TestGrid.config("ignite-server.xml").toString(), "--port", "27600", "--comm-port", "27620",
                "--client-port", "10850", "--join", JOIN);
             NodeProcess browser = NodeProcess.start(root.resolve("browser"), "--config",
                     TestGrid.config("ignite-worker.xml").toString(), "--port", "27601", "--comm-port", "27621",
                     "--join", JOIN, "--tags", "chrome,webgpu", "--slots", "2", "--allow-commands");
             NodeProcess gpu = NodeProcess.start(root.resolve("gpu"), "--config",
                     TestGrid.config("ignite-worker.xml").toString(), "--port", "27602", "--comm-port", "27622",
                     "--join", JOIN, "--attr", "dtf.accelerators=cuda", "--attr", "dtf.memory.bytes=64GiB",
                     "--allow-commands")) {

            String runId;
            List<TaskResult> viaGrid;
            try (DtfClient client = DtfClient.connect(ClientOptions.of("127.0.0.1:10850"))) {
                runId = client.submit(suite);
                RunView done = client.await(runId, Duration.ofSeconds(120), r -> { });
                assertTrue(done.passed(), done + "\n" + client.tasks(runId));
                viaGrid = client.results(runId);
            }
            assertEquals(8, viaGrid.size());
            Map<String, String> ranOn = viaGrid.stream().collect(Collectors.toMap(TaskResult::taskId, TaskResult::nodeId));
            ranOn.forEach((task, node) -> {
                if (task.startsWith("browser")) {
                    assertEquals(browser.nodeId(), node, task + " needs chrome");
                } else if (task.startsWith("gpu")) {
                    assertEquals(gpu.nodeId(), node, task + " needs cuda and 32 GiB");
                } else {
                    assertTrue(node.equals(browser.nodeId()) || node.equals(gpu.nodeId()), task + " ran on a worker");
                }
            });

            // A graceful stop drains replication and closes the DuckDB file, so this JVM can read it.
            server.stop();
            try (DuckDbResultStore store = DuckDbResultStore.openReadOnly(root.resolve("server").resolve("dtf.duckdb"))) {
                List<TaskResult> inDuckDb = store.results(runId);
                assertEquals(viaGrid.stream().map(TaskResult::seq).toList(), inDuckDb.stream().map(TaskResult::seq).toList());
                assertTrue(inDuckDb.stream().allMatch(r -> r.status() == TaskState.PASSED && r.finalAttempt()));
                TaskResult frames = inDuckDb.stream().filter(r -> r.taskId().equals("browser[n=3]")).findFirst().orElseThrow();
                assertEquals(3.0, frames.metrics().get(0).samples().get(0));
            }
        }
    }
}
