package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.model.CommandAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.requirements.Requirement;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.wire.Json;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One server and eight workers of six hardware profiles, each its own JVM started through the
 * launcher. Workers are killed with SIGKILL while they run tasks: every killed attempt is on
 * record as {@code NODE_LEFT}, every task ends with exactly one final result, and no attempt ever
 * ran on a node that does not meet its task's requirements, in the results cache and in the
 * server's DuckDB file. The grid is started once; the tests run in order on it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HeterogeneousFailoverIT {
    private static final int DISCOVERY = 28400;
    private static final int COMMUNICATION = 28450;
    private static final int CLIENT = 10920;
    private static final String JOIN = "127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 9);
    /** Nine JVMs share two cores: small heaps, one GC thread, and no C2 compiler for such short lives. */
    private static final Map<String, String> SMALL_JVM = Map.of("DTF_JAVA_OPTS",
            "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    /** Two cuda workers, so that killing one leaves another node that matches its tasks. */
    private static final List<Profile> PROFILES = List.of(
            new Profile("cpu", "cpu", Map.of("dtf.memory.bytes", "4GiB", "dtf.cpu.cores", "4")),
            new Profile("cuda-1", "", Map.of("dtf.accelerators", "cuda", "dtf.memory.bytes", "16GiB",
                    "dtf.cpu.cores", "8")),
            new Profile("cuda-2", "", Map.of("dtf.accelerators", "cuda", "dtf.memory.bytes", "16GiB",
                    "dtf.cpu.cores", "8")),
            new Profile("webgpu", "", Map.of("dtf.accelerators", "webgpu", "dtf.browser", "chrome",
                    "dtf.memory.bytes", "8GiB", "dtf.cpu.cores", "4")),
            new Profile("tpu", "", Map.of("dtf.accelerators", "tpu", "dtf.memory.bytes", "32GiB",
                    "dtf.cpu.cores", "8")),
            new Profile("two-cores", "cpu", Map.of("dtf.memory.bytes", "2GiB", "dtf.cpu.cores", "2")),
            new Profile("64-cores", "cpu", Map.of("dtf.memory.bytes", "512GiB", "dtf.cpu.cores", "64")));

    private static Path root;
    private static NodeProcess server;
    private static final Map<String, NodeProcess> workers = new LinkedHashMap<>();
    private static final Map<String, Profile> profileOfNode = new HashMap<>();
    private static final Set<String> killedNodes = ConcurrentHashMap.newKeySet();
    private static final Map<String, Suite> suites = new LinkedHashMap<>();
    private static final Map<String, List<TaskResult>> resultsSeen = new LinkedHashMap<>();
    private static DtfClient client;

    @BeforeAll
    static void startTheGrid() throws Exception {
        root = Path.of("target", "grids", "heterogeneous-failover").toAbsolutePath();
        TestGrid.deleteTree(root);
        server = NodeProcess.start(root.resolve("server"), SMALL_JVM, "--config",
                TestGrid.config("ignite-server.xml").toString(), "--port", String.valueOf(DISCOVERY),
                "--comm-port", String.valueOf(COMMUNICATION), "--client-port", String.valueOf(CLIENT),
                "--join", JOIN);
        ExecutorService starter = Executors.newFixedThreadPool(PROFILES.size());
        try {
            Map<Profile, Future<NodeProcess>> starting = new LinkedHashMap<>();
            for (int i = 0; i < PROFILES.size(); i++) {
                Profile p = PROFILES.get(i);
                List<String> args = new ArrayList<>(List.of("--config", TestGrid.config("ignite-worker.xml").toString(),
                        "--port", String.valueOf(DISCOVERY + 1 + i), "--comm-port", String.valueOf(COMMUNICATION + 1 + i),
                        "--client-port", String.valueOf(CLIENT + 1 + i), "--join", JOIN, "--slots", "1", "--allow-commands"));
                args.addAll(p.declarations());
                starting.put(p, starter.submit(() -> NodeProcess.start(root.resolve(p.name()), SMALL_JVM,
                        args.toArray(String[]::new))));
            }
            for (Map.Entry<Profile, Future<NodeProcess>> e : starting.entrySet()) {
                NodeProcess worker = e.getValue().get();
                workers.put(e.getKey().name(), worker);
                profileOfNode.put(worker.nodeId(), e.getKey());
            }
        } finally {
            starter.shutdown();
        }
        client = DtfClient.connect(ClientOptions.of("127.0.0.1:" + CLIENT));
        TestGrid.await("every worker to be known to the coordinator", Duration.ofSeconds(30),
                () -> client.workers().size() == PROFILES.size());
    }

    @AfterAll
    static void stopTheGrid() throws Exception {
        if (client != null) {
            client.close();
        }
        for (NodeProcess worker : workers.values()) {
            worker.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void aTaskOnAKilledCudaWorkerFinishesOnTheOtherCudaWorkerAndNothingRunsOnANonMatchingNode() throws Exception {
        Suite suite = suite("kill-one",
                tasks("cuda", 3, 10, 3, "tag cuda", "memory >= 16GiB"),
                tasks("large-memory", 2, 0, 1, "memory >= 16GiB"),
                tasks("many-cores", 1, 0, 1, "cores >= 64"),
                tasks("browser", 1, 0, 1, "tag webgpu", "dtf.browser == chrome"),
                tasks("tpu", 1, 0, 1, "tag tpu"),
                tasks("two-cores", 1, 0, 1, "cores <= 2"),
                tasks("small-memory", 2, 0, 1, "memory <= 4GiB"),
                tasks("anywhere", 2, 0, 1));
        String runId = client.submit(suite);
        suites.put(runId, suite);
        Set<String> cudaNodes = Set.of(workers.get("cuda-1").nodeId(), workers.get("cuda-2").nodeId());

        TaskView hit = awaitRunning(runId, t -> t.name().equals("cuda") && cudaNodes.contains(t.nodeId()));
        NodeProcess victim = worker(hit.nodeId());
        String survivor = cudaNodes.stream().filter(n -> !n.equals(hit.nodeId())).findFirst().orElseThrow();
        killedNodes.add(victim.nodeId());
        victim.kill();

        List<TaskResult> results = awaitPassed(runId);
        assertEveryTaskEndedOnceAndOnlyOnMatchingNodes(suite, results);
        List<TaskResult> attempts = attemptsOf(results, hit.taskId());
        TaskResult lost = attempts.stream().filter(r -> !r.finalAttempt()).findFirst()
                .orElseThrow(() -> new AssertionError("the killed attempt is not on record: " + attempts));
        assertEquals(victim.nodeId(), lost.nodeId(), lost.toString());
        assertEquals(TaskState.ERROR, lost.status(), lost.toString());
        assertEquals(FailureCategory.NODE_LEFT, lost.category(), lost.toString());
        assertTrue(lost.decision() != null && lost.decision().startsWith("retry in "), lost.decision());
        TaskResult last = attempts.get(attempts.size() - 1);
        assertTrue(last.finalAttempt() && last.status() == TaskState.PASSED, attempts.toString());
        assertEquals(survivor, last.nodeId(), "the retry ran on the other cuda worker, the only other match");
    }

    @Test
    @Order(2)
    void twoWorkersKilledAtOnceLoseNothingAndTheirTasksFinishOnTheMatchingSurvivor() throws Exception {
        Suite suite = suite("kill-two",
                tasks("up-to-8GiB", 4, 0, 3, "memory <= 8GiB"),
                tasks("cuda", 1, 0, 1, "tag cuda"),
                tasks("tpu", 1, 0, 1, "tag tpu"),
                tasks("many-cores", 1, 0, 1, "cores >= 64"),
                tasks("anywhere", 2, 0, 1));
        String runId = client.submit(suite);
        suites.put(runId, suite);
        NodeProcess cpu = workers.get("cpu");
        NodeProcess twoCores = workers.get("two-cores");

        TestGrid.await("both small workers to run a task", Duration.ofSeconds(30), () -> {
            Set<String> busy = client.tasks(runId).stream().filter(t -> t.state() == TaskState.RUNNING)
                    .map(TaskView::nodeId).collect(Collectors.toSet());
            return busy.contains(cpu.nodeId()) && busy.contains(twoCores.nodeId());
        });
        killedNodes.add(cpu.nodeId());
        killedNodes.add(twoCores.nodeId());
        NodeProcess.killTogether(cpu, twoCores);

        List<TaskResult> results = awaitPassed(runId);
        assertEveryTaskEndedOnceAndOnlyOnMatchingNodes(suite, results);
        for (NodeProcess killed : List.of(cpu, twoCores)) {
            List<TaskResult> lost = results.stream().filter(r -> r.nodeId().equals(killed.nodeId()) && !r.finalAttempt())
                    .toList();
            assertFalse(lost.isEmpty(), "the attempt killed on " + profileOfNode.get(killed.nodeId()).name()
                    + " is on record: " + results);
            for (TaskResult r : lost) {
                assertEquals(FailureCategory.NODE_LEFT, r.category(), r.toString());
                TaskResult last = attemptsOf(results, r.taskId()).stream().filter(TaskResult::finalAttempt)
                        .findFirst().orElseThrow();
                assertFalse(killedNodes.contains(last.nodeId()), "finished on a live node: " + last);
            }
        }
    }

    @Test
    @Order(3)
    void duckDbHoldsEveryAttemptOnceOneFinalRowPerTaskAndOnlyNodesThatMeetTheRequirements() throws Exception {
        assertFalse(resultsSeen.isEmpty(), "the runs of the kill tests are what this test reads");
        server.stop(); // a graceful stop drains replication and closes the DuckDB file
        try (DuckDbResultStore store = DuckDbResultStore.openReadOnly(root.resolve("server").resolve("dtf.duckdb"))) {
            Map<String, Map<String, String>> published = publishedAttributes(store);
            for (Map.Entry<String, List<TaskResult>> run : resultsSeen.entrySet()) {
                Suite suite = suites.get(run.getKey());
                List<TaskResult> stored = store.results(run.getKey());
                assertEquals(run.getValue().stream().map(TaskResult::seq).toList(),
                        stored.stream().map(TaskResult::seq).toList(), suite.name() + ": every attempt, once");
                Map<String, Long> finals = stored.stream().filter(TaskResult::finalAttempt)
                        .collect(Collectors.groupingBy(TaskResult::taskId, Collectors.counting()));
                assertEquals(ids(suite), finals.keySet(), suite.name() + ": a final row for every task");
                assertTrue(finals.values().stream().allMatch(n -> n == 1), suite.name() + ": " + finals);
                List<TaskResult> lost = stored.stream().filter(r -> !r.finalAttempt()).toList();
                assertFalse(lost.isEmpty(), suite.name() + ": the killed attempts are stored");
                for (TaskResult r : lost) {
                    assertTrue(killedNodes.contains(r.nodeId()) && r.status() == TaskState.ERROR, r.toString());
                    assertEquals(FailureCategory.NODE_LEFT, r.category(), r.toString());
                    assertTrue(r.decision() != null && r.decision().startsWith("retry in "), r.decision());
                }
                Map<String, TaskSpec> specs = suite.tasks().stream().collect(Collectors.toMap(TaskSpec::id, t -> t));
                for (TaskResult r : stored) {
                    Map<String, String> node = published.get(r.nodeId());
                    assertTrue(node != null, "the aggregator recorded node " + r.nodeId());
                    assertTrue(specs.get(r.taskId()).requirements().stream().allMatch(q -> q.test(node)),
                            r.taskId() + " ran on a node whose published attributes meet its requirements: " + node);
                }
            }
        }
    }

    /** Each task has exactly one final result, passed; every attempt ran on a node of a matching profile. */
    private static void assertEveryTaskEndedOnceAndOnlyOnMatchingNodes(Suite suite, List<TaskResult> results) {
        Map<String, TaskSpec> specs = suite.tasks().stream().collect(Collectors.toMap(TaskSpec::id, t -> t));
        for (TaskResult r : results) {
            Profile profile = profileOfNode.get(r.nodeId());
            assertTrue(profile != null, "ran on a worker of the grid: " + r);
            assertTrue(profile.meets(specs.get(r.taskId()).requirements()), r.taskId() + " needs "
                    + specs.get(r.taskId()).requirements() + " and ran on " + profile.name());
            if (!r.finalAttempt()) {
                assertTrue(killedNodes.contains(r.nodeId()) && r.category() == FailureCategory.NODE_LEFT,
                        "only killed attempts failed: " + r);
            }
        }
        Map<String, Long> finals = results.stream().filter(TaskResult::finalAttempt)
                .collect(Collectors.groupingBy(TaskResult::taskId, Collectors.counting()));
        assertEquals(ids(suite), finals.keySet(), "every task ended");
        assertTrue(finals.values().stream().allMatch(n -> n == 1), "one final result per task: " + finals);
    }

    private static List<TaskResult> awaitPassed(String runId) throws Exception {
        RunView done = client.await(runId, RUN_TIMEOUT, r -> { });
        List<TaskResult> results = client.results(runId);
        resultsSeen.put(runId, results);
        assertTrue(done.passed(), done + "\n" + results);
        return results;
    }

    private static TaskView awaitRunning(String runId, Predicate<TaskView> which) {
        TaskView[] found = new TaskView[1];
        TestGrid.await("a matching task to run", Duration.ofSeconds(30), () -> {
            found[0] = client.tasks(runId).stream().filter(t -> t.state() == TaskState.RUNNING)
                    .filter(which).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private static NodeProcess worker(String nodeId) {
        return workers.values().stream().filter(w -> w.nodeId().equals(nodeId)).findFirst().orElseThrow();
    }

    private static List<TaskResult> attemptsOf(List<TaskResult> results, String taskId) {
        return results.stream().filter(r -> r.taskId().equals(taskId)).toList();
    }

    private static Set<String> ids(Suite suite) {
        return suite.tasks().stream().map(TaskSpec::id).collect(Collectors.toSet());
    }

    /** The dtf.* attributes each node published, as the aggregator recorded them when it joined. */
    private static Map<String, Map<String, String>> publishedAttributes(DuckDbResultStore store) {
        return store.query(c -> {
            Map<String, Map<String, String>> nodes = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT node_id, attributes FROM nodes")) {
                while (rs.next()) {
                    nodes.put(rs.getString(1), Json.read(rs.getString(2), new TypeReference<Map<String, String>>() { }));
                }
            }
            return nodes;
        });
    }

    @SafeVarargs
    private static Suite suite(String name, List<TaskSpec>... groups) {
        return new Suite(name, Stream.of(groups).flatMap(List::stream).toList());
    }

    /** {@code count} tasks named {@code name} that sleep {@code seconds} and need {@code requires}. */
    private static List<TaskSpec> tasks(String name, int count, int priority, int seconds, String... requires) {
        List<Requirement> requirements = Arrays.stream(requires).map(Requirement::parse).toList();
        return IntStream.rangeClosed(1, count).mapToObj(n -> new TaskSpec(name + "#" + n, name, Map.of(),
                new CommandAction(List.of("sh", "-c", "sleep " + seconds), Map.of(), null), requirements,
                priority, RUN_TIMEOUT, 0, n)).toList();
    }

    /**
     * A worker's declared hardware: its tags and attribute overrides, as {@code dtf node} takes
     * them and as the node publishes them.
     */
    private record Profile(String name, String tags, Map<String, String> attributes) {
        List<String> declarations() {
            List<String> args = new ArrayList<>();
            if (!tags.isEmpty()) {
                args.addAll(List.of("--tags", tags));
            }
            attributes.forEach((key, value) -> args.addAll(List.of("--attr", key + "=" + value)));
            return args;
        }

        boolean meets(List<Requirement> requirements) {
            Map<String, String> published = new HashMap<>(attributes);
            published.put("dtf.tags", tags);
            return requirements.stream().allMatch(r -> r.test(published));
        }
    }
}
