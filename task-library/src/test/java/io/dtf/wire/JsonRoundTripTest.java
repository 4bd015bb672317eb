package io.dtf.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.model.Alert;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.CommandAction;
import io.dtf.model.CoordinatorView;
import io.dtf.model.Metric;
import io.dtf.model.RunView;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.model.WorkerView;
import io.dtf.requirements.Requirement;
import io.dtf.suite.SuiteLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRoundTripTest {
    private static final Instant START = Instant.parse("2025-03-01T10:15:30.123456Z");

    @Test
    void aSuiteWithBothActionTypesAndEveryRequirementFormSurvives() {
        List<Requirement> requirements = List.of("memory >= 16GiB", "gpu.memory > 1.5GB", "os == linux",
                "gpu.vendor in [nvidia, amd]", "has gpu.model", "tag cuda", "dtf.browser.chrome != 119")
                .stream().map(Requirement::parse).toList();
        Suite suite = new Suite("quickstart", List.of(
                new TaskSpec("sha256[size=1MiB]#2", "sha256", Map.of("size", "1MiB"),
                        new BenchmarkAction("sha256", 2, 5), requirements, 5, Duration.ofSeconds(30), 1, 2),
                new TaskSpec("hello", "hello", Map.of(),
                        new CommandAction(List.of("sh", "-c", "echo \"hi\" ${HOME}"), Map.of("GREETING", "hi"), "."),
                        List.of(), -3, Duration.ofMillis(1500), 0, 1),
                new TaskSpec("bare", "bare", null, new CommandAction(List.of("true"), null, null), null, 0,
                        Duration.ofHours(2), 0, 1),
                new TaskSpec("timed", "timed", null, new BenchmarkAction("matmul", null, 20, null,
                        Duration.ofMillis(250)), null, 0, Duration.ofMinutes(1), 0, 1)));

        String json = Json.write(suite);

        assertEquals(suite, Json.read(json, Suite.class));
        assertTrue(json.contains("\"type\":\"benchmark\"") && json.contains("\"type\":\"command\""), json);
        assertTrue(json.contains("\"dtf.memory.bytes >= 16GiB\""), "requirements cross as text: " + json);
    }

    @Test
    void aTaskResultSurvivesWithMetricsAndNulls() {
        TaskResult result = new TaskResult(42, "run-1", "quickstart", "sha256[size=1MiB]", "sha256",
                Map.of("size", "1MiB"), 2, true, TaskState.PASSED, START, START.plusMillis(1234), "node-a",
                "linux-x86_64-8c-16g", 0, List.of(new Metric("throughput", "MB/s", List.of(812.5, 799.0, 1e-3)),
                new Metric("count", null, List.of(3.0))), "out\n", "", null, null, null);
        TaskResult failed = new TaskResult(43, "run-1", "quickstart", "hello", "hello", null, 1, false,
                TaskState.TIMED_OUT, START, START, null, null, null, null, null, null, "timed out after 30s", null, null);

        assertEquals(result, Json.read(Json.write(result), TaskResult.class));
        assertEquals(failed, Json.read(Json.write(failed), TaskResult.class));
    }

    @Test
    void runViewsTaskViewsAndSubmitRepliesSurvive() {
        RunView running = new RunView("run-1", "quickstart", START, null, 8,
                Map.of(TaskState.PASSED, 3, TaskState.RUNNING, 2, TaskState.QUEUED, 3));
        RunView done = new RunView("run-2", "quickstart", START, START.plusSeconds(40), 1, Map.of(TaskState.FAILED, 1));
        TaskView waiting = new TaskView("gpu[n=1]", "gpu", TaskState.QUEUED, 0, 5, null, null,
                "no live node meets tag cuda");
        TaskView ran = new TaskView("hello", "hello", TaskState.PASSED, 1, 0, "node-a", "linux-x86_64-8c-16g", null);
        SubmitReply accepted = new SubmitReply("run-1", null);
        SubmitReply refused = new SubmitReply(null, List.of("quickstart.yaml: task 'a' (#1), field 'type': missing"));

        assertEquals(running, Json.read(Json.write(running), RunView.class));
        assertEquals(done, Json.read(Json.write(done), RunView.class));
        assertEquals(List.of(waiting, ran), Json.read(Json.write(List.of(waiting, ran)), new TypeReference<List<TaskView>>() { }));
        assertEquals(accepted, Json.read(Json.write(accepted), SubmitReply.class));
        assertEquals(refused, Json.read(Json.write(refused), SubmitReply.class));
        SubmitReply warned = new SubmitReply("run-3", null, List.of("task gpu requires dtf.gpu.vram but no node has ever"
                + " advertised it: it will wait"));
        assertEquals(warned, Json.read(Json.write(warned), SubmitReply.class));
        assertEquals(List.of(), Json.read("{\"runId\":\"run-4\",\"errors\":[]}", SubmitReply.class).warnings(),
                "a reply from an older coordinator has no warnings");
    }

    @Test
    void workerAndCoordinatorViewsCarryHostsAndAddresses() {
        WorkerView worker = new WorkerView("node-a", "lab-1", List.of("10.0.0.17"), "linux-x86_64-8c-16g", 4, 1, 0,
                START, "3 failures");
        CoordinatorView coordinator = new CoordinatorView("node-b", "core-1", List.of("10.0.0.1", "127.0.0.1"));
        assertEquals(worker, Json.read(Json.write(worker), WorkerView.class));
        assertEquals(coordinator, Json.read(Json.write(coordinator), CoordinatorView.class));
    }

    @Test
    void reportJsonWritesInstantsAsIsoUtcTextThatReadsBack() {
        Alert alert = new Alert(Instant.parse("2026-12-01T15:32:02.729Z"), "node-a", "quarantined");
        String json = Json.writeReport(alert);
        assertTrue(json.contains("\"at\":\"2026-12-01T15:32:02.729Z\""), json);
        assertEquals(alert, Json.read(json, Alert.class));
    }

    @Test
    void aLoadedSuiteSurvivesTheWire() {
        Suite suite = SuiteLoader.parse("""
                suite: wire
                defaults: {requires: [os == linux]}
                tasks:
                  - {name: s, type: benchmark, benchmark: sha256, params: {size: [1KiB, 1MiB]}, repeat: 2}
                  - {name: c, type: command, command: [echo, "${n}"], params: {n: [1, 2]}, env: {N: "${n}"}}
                """, "wire.yaml");

        assertEquals(suite, Json.read(Json.write(suite), Suite.class));
    }
}
