package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.DtfClient;
import io.dtf.model.CommandAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.node.DtfNode;
import io.dtf.requirements.Requirement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three nodes with different hardware in one JVM: tasks go only where their requirements hold. */
class RoutingIT {
    private static TestGrid grid;
    private static DtfNode server;
    private static DtfNode cudaWorker;
    private static DtfNode bigWorker;
    private static DtfClient client;

    @BeforeAll
    static void startGrid() {
        grid = new TestGrid("routing", 27700, 27800);
        server = grid.start("server", Set.of("coordinator", "data", "aggregator"), Set.of(), Map.of(), 1);
        cudaWorker = grid.start("cuda", Set.of("worker"), Set.of("cuda"), Map.of("dtf.memory.bytes", "8GiB"), 2);
        bigWorker = grid.start("big", Set.of("worker"), Set.of(), Map.of("dtf.memory.bytes", "64GiB"), 2);
        client = DtfClient.over(server.coordinator(Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @Test
    void tasksLandOnlyOnMatchingNodesAndAnUnmatchedOneWaitsForAMatchingNodeToJoin() throws Exception {
        Suite suite = new Suite("routing", List.of(
                task("cuda-only", "tag cuda"),
                task("cuda-only-2", "tag cuda"),
                task("big-memory", "memory >= 32GiB"),
                task("big-memory-2", "memory >= 32GiB"),
                task("anywhere", "os == " + cudaWorker.attributes().get("dtf.os.family")),
                task("tpu-only", "tag tpu")));
        String runId = client.submit(suite);

        TestGrid.await("five matchable tasks to end", Duration.ofSeconds(60),
                () -> client.status(runId).done() == 5);
        TaskView tpu = client.tasks(runId).stream().filter(t -> t.taskId().equals("tpu-only")).findFirst().orElseThrow();
        assertEquals(TaskState.QUEUED, tpu.state());
        assertTrue(tpu.waitingReason().contains("'tag tpu' unmet on 2"), tpu.waitingReason());

        DtfNode tpuWorker = grid.start("tpu", Set.of("worker"), Set.of("tpu"), Map.of(), 1);
        RunView done = client.await(runId, Duration.ofSeconds(60), r -> { });

        assertTrue(done.passed(), done + " " + client.results(runId));
        Map<String, String> ranOn = client.results(runId).stream()
                .collect(Collectors.toMap(TaskResult::taskId, TaskResult::nodeId));
        assertEquals(cudaWorker.nodeId(), ranOn.get("cuda-only"));
        assertEquals(cudaWorker.nodeId(), ranOn.get("cuda-only-2"));
        assertEquals(bigWorker.nodeId(), ranOn.get("big-memory"));
        assertEquals(bigWorker.nodeId(), ranOn.get("big-memory-2"));
        assertEquals(tpuWorker.nodeId(), ranOn.get("tpu-only"));
        assertTrue(Set.of(cudaWorker.nodeId(), bigWorker.nodeId()).contains(ranOn.get("anywhere")));
        assertTrue(!ranOn.containsValue(server.nodeId()), "the server has no worker role");

        // The aggregator records every node with its dtf.* attributes, including one that joined late.
        Map<String, String> expected = Map.of(
                server.nodeId(), String.valueOf(server.attributes().get("dtf.memory.bytes")),
                cudaWorker.nodeId(), String.valueOf(cudaWorker.attributes().get("dtf.memory.bytes")),
                bigWorker.nodeId(), String.valueOf(bigWorker.attributes().get("dtf.memory.bytes")),
                tpuWorker.nodeId(), String.valueOf(tpuWorker.attributes().get("dtf.memory.bytes")));
        TestGrid.await("every node in the aggregator's nodes table", Duration.ofSeconds(30),
                () -> recordedMemory().entrySet().containsAll(expected.entrySet()));
    }

    /** node_id -> its recorded dtf.memory.bytes, from the server's DuckDB file. */
    private static Map<String, String> recordedMemory() {
        return server.resultStore().orElseThrow().query(c -> {
            Map<String, String> memory = new java.util.HashMap<>();
            try (var statement = c.createStatement();
                 var rs = statement.executeQuery("SELECT node_id, attributes->>'$.\"dtf.memory.bytes\"' FROM nodes")) {
                while (rs.next()) {
                    memory.put(rs.getString(1), rs.getString(2));
                }
            }
            return memory;
        });
    }

    @Test
    void everyResultReachesTheAggregatorsDuckDbExactlyOnce() throws Exception {
        List<TaskSpec> specs = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> task("echo-" + i)).toList();
        String runId = client.submit(new Suite("replicated", specs));
        client.await(runId, Duration.ofSeconds(60), r -> { });
        List<TaskResult> results = client.results(runId);
        long last = results.stream().mapToLong(TaskResult::seq).max().orElseThrow();

        var replicator = server.replicator().orElseThrow();
        assertTrue(replicator.awaitIngested(last, Duration.ofSeconds(30)));
        assertEquals(results.size(), server.resultStore().orElseThrow().results(runId).size());
    }

    @Test
    void hostileSubmissionsAreRefusedWithReasonsAndTheCoordinatorCarriesOn() throws Exception {
        var api = server.coordinator(Duration.ofSeconds(30));
        for (String hostile : List.of("{not json", "[]", "null", "{\"name\":\"x\",\"tasks\":[{}]}",
                "{\"name\":\"x\",\"tasks\":[{\"id\":\"a\",\"requirements\":[\"memory >= lots\"]}]}",
                "{\"name\":\"x\",\"tasks\":[{\"id\":\"a\",\"action\":{\"type\":\"rm-rf\"}}]}",
                "{\"name\":\"" + "x".repeat(100_000) + "\",\"tasks\":[]}")) {
            var reply = io.dtf.wire.Json.read(api.submit(hostile), io.dtf.model.SubmitReply.class);
            assertTrue(!reply.accepted() && !reply.errors().isEmpty(), hostile.substring(0, Math.min(80, hostile.length())));
        }
        assertEquals(null, api.run("no-such-run"));
        String runId = client.submit(new Suite("after-hostile", List.of(task("still-works"))));
        assertTrue(client.await(runId, Duration.ofSeconds(60), r -> { }).passed());
    }

    private static TaskSpec task(String id, String... requirements) {
        return new TaskSpec(id, id, Map.of(), new CommandAction(List.of("sh", "-c", "echo DTF_METRIC one=1"), Map.of(), null),
                Arrays.stream(requirements).map(Requirement::parse).toList(), 0, Duration.ofSeconds(30), 0, 1);
    }
}
