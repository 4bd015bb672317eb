package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.model.CommandAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three data nodes (one backup of every cache) and a worker, each its own JVM, in memory and with
 * native persistence. Mid-run one data node - neither the coordinator's host nor the aggregator -
 * dies by SIGKILL: the run completes, and no run, task or result is lost, in the caches or in DuckDB.
 */
class DataNodeKillIT {
    private static final String JOIN = "127.0.0.1:28300..28309";
    private static final Pattern COORDINATOR_STARTING = Pattern.compile("coordinator epoch (\\d+) starting");
    private static final int SHORT = 30;
    private static final int LONG = 3;
    /** Four JVMs on two cores: the quick-start JIT and a small collector save seconds each. */
    private static final Map<String, String> QUICK_START =
            Map.of("DTF_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");

    /**
     * In memory the dead node's partitions are rebuilt on the others from their backups; with
     * persistence the dead node stays in the baseline and the surviving copies serve alone.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ignite-server.xml", "ignite-persistent.xml"})
    void killingADataNodeMidRunLosesNoRunTaskOrResult(String profile) throws Exception {
        Path root = Path.of("target", "grids", "data-node-kill", profile.replace(".xml", "")).toAbsolutePath();
        TestGrid.deleteTree(root);
        String server = TestGrid.config(profile).toString();
        // A persistent grid needs the same default region everywhere: its workers run the same profile.
        String[] worker = profile.equals("ignite-persistent.xml")
                ? new String[] {"--config", server, "--roles", "worker", "--allow-commands"}
                : new String[] {"--config", TestGrid.config("ignite-worker.xml").toString(), "--allow-commands"};
        List<TaskSpec> tasks = new ArrayList<>();
        IntStream.range(0, LONG).forEach(i -> tasks.add(command("long" + i, "sleep 4; echo DTF_METRIC i=" + i)));
        IntStream.range(0, SHORT).forEach(i -> tasks.add(command("short" + i, "sleep 0.2; echo DTF_METRIC i=" + i)));

        try (NodeProcess aggregator = NodeProcess.start(root.resolve("data-a"), QUICK_START, "--config", server,
                "--roles", "coordinator,data,aggregator", "--port", "28300", "--comm-port", "28350", "--client-port",
                "10900", "--join", JOIN);
             NodeProcess dataB = NodeProcess.start(root.resolve("data-b"), QUICK_START, "--config", server, "--roles",
                     "coordinator,data", "--port", "28301", "--comm-port", "28351", "--client-port", "10901",
                     "--join", JOIN);
             NodeProcess dataC = NodeProcess.start(root.resolve("data-c"), QUICK_START, "--config", server, "--roles",
                     "coordinator,data", "--port", "28302", "--comm-port", "28352", "--client-port", "10902",
                     "--join", JOIN);
             NodeProcess workerNode = NodeProcess.start(root.resolve("worker"), QUICK_START,
                     concat(worker, "--port", "28303", "--comm-port", "28353", "--join", JOIN, "--slots", "4"));
             DtfClient client = DtfClient.connect(ClientOptions.of("127.0.0.1:10900"))) {

            String runId = client.submit(new Suite("data-node-kill", tasks));
            TestGrid.await("a few results while the long tasks run", Duration.ofSeconds(30), () ->
                    client.results(runId).size() >= 5 && client.status(runId).count(TaskState.RUNNING) >= 2);
            String host = coordinatorHost(root, "data-a", "data-b", "data-c");
            assertNotNull(host, "a server log names the coordinator's node");
            NodeProcess victim = host.equals("data-b") ? dataC : dataB; // never the coordinator's host nor data-a
            int before = client.results(runId).size();
            victim.kill();

            RunView done = client.await(runId, Duration.ofSeconds(60), r -> { });

            assertTrue(before < tasks.size(), "the kill came mid-run: " + before + " results before it");
            assertTrue(done.passed(), done + "\n" + client.tasks(runId));
            assertTrue(client.runs().stream().anyMatch(r -> r.runId().equals(runId)), "the run is still listed");
            List<TaskView> states = client.tasks(runId);
            assertEquals(tasks.size(), states.size(), "every task is still known");
            assertTrue(states.stream().allMatch(t -> t.state() == TaskState.PASSED), states.toString());
            List<TaskResult> results = client.results(runId);
            assertOneFinalResultPerTask(results, tasks.size());
            assertEquals(host, coordinatorHost(root, "data-a", "data-b", "data-c"), "the coordinator never moved");

            aggregator.stop(); // drains replication and closes the DuckDB file
            try (DuckDbResultStore store = DuckDbResultStore.openReadOnly(root.resolve("data-a/dtf.duckdb"))) {
                List<TaskResult> stored = store.results(runId);
                assertEquals(results.stream().map(TaskResult::seq).toList(), stored.stream().map(TaskResult::seq)
                        .toList(), "every result in DuckDB, once");
                assertOneFinalResultPerTask(stored, tasks.size());
            }
        }
    }

    private static String[] concat(String[] first, String... rest) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(rest)).toArray(String[]::new);
    }

    private static TaskSpec command(String id, String script) {
        return new TaskSpec(id, id.replaceAll("\\d", ""), Map.of(),
                new CommandAction(List.of("sh", "-c", script), Map.of(), null), List.of(), 0,
                Duration.ofSeconds(30), 0, 1);
    }

    /** One final result per task, and no other: a data node's death makes no task run twice. */
    private static void assertOneFinalResultPerTask(List<TaskResult> results, int tasks) {
        Map<String, Long> finals = results.stream().filter(TaskResult::finalAttempt)
                .collect(Collectors.groupingBy(TaskResult::taskId, Collectors.counting()));
        assertEquals(tasks, finals.size(), finals.toString());
        assertTrue(finals.values().stream().allMatch(n -> n == 1), finals.toString());
        assertEquals(tasks, results.size(), "no attempt repeated: "
                + results.stream().filter(r -> !r.finalAttempt()).toList());
    }

    /** The server whose log shows the newest coordinator epoch starting: where the singleton runs. */
    private static String coordinatorHost(Path root, String... servers) throws IOException {
        String host = null;
        long newest = -1;
        for (String server : servers) {
            Path log = root.resolve(server).resolve("logs").resolve("dtf.log");
            if (!Files.exists(log)) {
                continue;
            }
            Matcher m = COORDINATOR_STARTING.matcher(Files.readString(log));
            while (m.find()) {
                long epoch = Long.parseLong(m.group(1));
                if (epoch > newest) {
                    newest = epoch;
                    host = server;
                }
            }
        }
        return host;
    }
}
