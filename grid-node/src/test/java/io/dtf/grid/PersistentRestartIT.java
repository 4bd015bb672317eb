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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A grid on config/ignite-persistent.xml - two data nodes and a one-slot worker, each its own JVM -
 * is stopped whole with SIGTERM mid-run and started again on the same data directories; then both
 * data nodes are killed with SIGKILL while the worker stays up, and started again. Each node reopens
 * its own store, the grid activates by itself once its baseline is back (and, the second time,
 * takes back the partitions lost while only the worker was up), and the run carries on to the end
 * with every result from before the stop and the kill still there and one final result per task,
 * in the caches and in DuckDB.
 */
class PersistentRestartIT {
    private static final String JOIN = "127.0.0.1:28320..28329";
    private static final String CLIENT = "127.0.0.1:10910,127.0.0.1:10911";
    private static final Pattern CONSISTENT_ID = Pattern.compile("baseline consistent id (\\S+)");
    private static final int TASKS = 16;
    /** Nine JVM starts on two cores: the quick-start JIT and a small collector save seconds each. */
    private static final Map<String, String> QUICK_START =
            Map.of("DTF_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");

    private final List<NodeProcess> started = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Path root;

    /** The grid's three JVMs. */
    private record Grid(NodeProcess core, NodeProcess second, NodeProcess worker) {
        List<NodeProcess> all() {
            return List.of(core, second, worker);
        }
    }

    @AfterEach
    void stopWhatIsLeft() throws InterruptedException {
        for (NodeProcess node : started) {
            node.close();
        }
        threads.shutdownNow();
    }

    @Test
    void aRunResumesFromDiskAfterTheWholeGridIsStoppedAndAfterItsDataNodesAreKilled() throws Exception {
        root = Path.of("target", "grids", "persistent-restart").toAbsolutePath();
        TestGrid.deleteTree(root);
        List<TaskSpec> tasks = IntStream.range(0, TASKS).mapToObj(i -> new TaskSpec("t" + i, "sleeper", Map.of(),
                new CommandAction(List.of("sh", "-c", "sleep 1; echo DTF_METRIC i=" + i), Map.of(), null),
                List.of(), 0, Duration.ofSeconds(30), 0, 1)).toList();

        Grid grid = startGrid(null);
        List<String> ids = consistentIds(grid);
        String runId;
        List<TaskResult> beforeStop;
        try (DtfClient client = DtfClient.connect(ClientOptions.of(CLIENT))) {
            runId = client.submit(new Suite("persistent-restart", tasks));
            TestGrid.await("3 results", Duration.ofSeconds(30), () -> finals(client.results(runId)) >= 3);
            beforeStop = client.results(runId);
        }

        inParallel(grid.all(), NodeProcess::stop);
        grid = startGrid(null);
        assertEquals(ids, consistentIds(grid), "each node reopened its own store after SIGTERM");
        List<TaskResult> beforeKill;
        try (DtfClient client = DtfClient.connect(ClientOptions.of(CLIENT))) {
            assertTrue(client.results(runId).containsAll(beforeStop), "results from before the stop are kept");
            long finalsBefore = finals(beforeStop);
            TestGrid.await("3 more results", Duration.ofSeconds(30),
                    () -> finals(client.results(runId)) >= finalsBefore + 3);
            beforeKill = client.results(runId);
        }

        // The worker outlives the data nodes: it holds the grid up with every partition lost until
        // the data nodes come back with their data.
        inParallel(List.of(grid.core(), grid.second()), NodeProcess::kill);
        grid = startGrid(grid.worker());
        assertEquals(ids, consistentIds(grid), "each data node reopened its own store after SIGKILL");
        List<TaskResult> results;
        try (DtfClient client = DtfClient.connect(ClientOptions.of(CLIENT))) {
            RunView done = client.await(runId, Duration.ofSeconds(60), r -> { });
            assertTrue(done.passed(), done + "\n" + client.tasks(runId));
            results = client.results(runId);
        }
        assertTrue(results.containsAll(beforeStop), "results from before the stop are kept");
        assertTrue(results.containsAll(beforeKill), "results from before the kill are kept");
        assertOneFinalResultPerTask(results);

        grid.core().stop(); // the aggregator closes its DuckDB file
        try (DuckDbResultStore store = DuckDbResultStore.openReadOnly(root.resolve("core/dtf.duckdb"))) {
            List<TaskResult> stored = store.results(runId);
            assertEquals(results.stream().map(TaskResult::seq).toList(), stored.stream().map(TaskResult::seq).toList(),
                    "every result in DuckDB, once");
            assertOneFinalResultPerTask(stored);
        }
    }

    /**
     * Starts the grid's JVMs together, on the same directories and ports each time, and a worker
     * unless one is still running. After a restart a persistent node waits for the rest of its
     * baseline before it is up, so they must start together; only the first goes alone until its JVM
     * runs, because the launcher may first rebuild DTF and two launchers building at once would collide.
     */
    private Grid startGrid(NodeProcess runningWorker) {
        long logged = logSize("core");
        CompletableFuture<NodeProcess> core = startAsync("core", coreArgs());
        TestGrid.await("the first JVM to run", Duration.ofSeconds(90), () -> core.isDone() || logSize("core") > logged);
        CompletableFuture<NodeProcess> second = startAsync("second", secondArgs());
        CompletableFuture<NodeProcess> worker = runningWorker != null
                ? CompletableFuture.completedFuture(runningWorker) : startAsync("worker", workerArgs());
        return new Grid(core.join(), second.join(), worker.join());
    }

    private CompletableFuture<NodeProcess> startAsync(String name, String... args) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                NodeProcess node = NodeProcess.start(root.resolve(name), QUICK_START, args);
                synchronized (started) {
                    started.add(node);
                }
                return node;
            } catch (IOException | InterruptedException e) {
                throw new CompletionException(e);
            }
        }, threads);
    }

    private long logSize(String node) {
        try {
            Path log = root.resolve(node).resolve("logs").resolve("dtf.log");
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] coreArgs() {
        // The profile's own roles: coordinator, data, aggregator.
        return new String[] {"--config", persistentConfig(), "--port", "28320", "--comm-port", "28370",
                "--client-port", "10910", "--join", JOIN};
    }

    private static String[] secondArgs() {
        return new String[] {"--config", persistentConfig(), "--roles", "coordinator,data", "--port", "28321",
                "--comm-port", "28371", "--client-port", "10911", "--join", JOIN};
    }

    private static String[] workerArgs() {
        // Every node of a persistent grid runs the persistent profile (Ignite refuses a node whose
        // default region differs); a worker is outside the baseline and keeps no DTF data. A server node:
        // this grid's point is a worker that holds the grid up while every data node is down (a client
        // worker cannot: it stops with its last server and joins again as a new node).
        return new String[] {"--config", persistentConfig(), "--roles", "worker", "--join-as", "server", "--port",
                "28322", "--comm-port", "28372", "--join", JOIN, "--slots", "1", "--allow-commands"};
    }

    private static String persistentConfig() {
        return TestGrid.config("ignite-persistent.xml").toString();
    }

    private static List<String> consistentIds(Grid grid) throws IOException {
        List<String> ids = new ArrayList<>();
        for (NodeProcess node : grid.all()) {
            // The line comes a moment after the "up" line that NodeProcess waits for.
            Matcher m = CONSISTENT_ID.matcher(node.output());
            for (int i = 0; i < 100 && !m.find(); i++) {
                sleep(100);
                m = CONSISTENT_ID.matcher(node.output());
            }
            m = CONSISTENT_ID.matcher(node.output());
            assertTrue(m.find(), "a persistent node prints its consistent id:\n" + node.output());
            ids.add(m.group(1));
        }
        return ids;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static long finals(List<TaskResult> results) {
        return results.stream().filter(TaskResult::finalAttempt).count();
    }

    private static void assertOneFinalResultPerTask(List<TaskResult> results) {
        Map<String, Long> finals = results.stream().filter(TaskResult::finalAttempt)
                .collect(Collectors.groupingBy(TaskResult::taskId, Collectors.counting()));
        assertEquals(TASKS, finals.size(), finals.toString());
        assertTrue(finals.values().stream().allMatch(n -> n == 1), finals.toString());
    }

    private interface NodeAction {
        void apply(NodeProcess node) throws InterruptedException;
    }

    /** Signals every node at about the same moment: the whole grid goes down, not one node after another. */
    private void inParallel(List<NodeProcess> nodes, NodeAction action) {
        CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(() -> {
            try {
                action.apply(node);
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        }, threads)).toArray(CompletableFuture[]::new)).join();
    }
}
