package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.coordinator.TaskRecord;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.Metric;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.requirements.Requirement;
import io.dtf.wire.CacheNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.Test;

/**
 * A long benchmark that saves checkpoints, its worker killed with SIGKILL about half-way: the
 * retry on the other worker loads the last checkpoint and runs only the rest, so fewer iterations
 * run in all than a restart from zero would; the checkpoint is gone once the task has ended.
 */
class CheckpointResumeIT {
    private static final String JOIN = "127.0.0.1:28680..28689";
    private static final long ITERATIONS = 4_000_000;

    @Test
    void aKilledBenchmarkResumesFromItsLastCheckpointOnAnotherWorker() throws Exception {
        Path root = Path.of("target", "grids", "checkpoint-resume").toAbsolutePath();
        TestGrid.deleteTree(root);
        String serverConfig = TestGrid.config("ignite-server.xml").toString();
        String worker = TestGrid.config("ignite-worker.xml").toString();
        TaskSpec counted = new TaskSpec("counted", "counted", Map.of("iterations", String.valueOf(ITERATIONS),
                "checkpointEvery", "100000"), new BenchmarkAction("counted-work", 0, 1),
                List.of(Requirement.parse("tag bench")), 0, Duration.ofMinutes(5), 0, 1);

        try (NodeProcess server = NodeProcess.start(root.resolve("server"), serverConfig, 28680, 28690,
                "--client-port", "10967", "--join", JOIN);
             NodeProcess first = NodeProcess.start(root.resolve("first"), worker, 28681, 28691,
                     "--join", JOIN, "--tags", "bench", "--slots", "1");
             NodeProcess second = NodeProcess.start(root.resolve("second"), worker, 28682, 28692,
                     "--join", JOIN, "--tags", "bench", "--slots", "1");
             DtfClient client = DtfClient.connect(ClientOptions.of("127.0.0.1:10967"));
             IgniteClient thin = Ignition.startClient(new ClientConfiguration().setAddresses("127.0.0.1:10967"))) {

            String runId = client.submit(new Suite("checkpoint-resume", List.of(counted)));
            String key = TaskRecord.key(runId, "counted");
            ClientCache<String, Object> checkpoints = thin.cache(CacheNames.CHECKPOINTS);
            TestGrid.await("the task to start", Duration.ofSeconds(30),
                    () -> client.tasks(runId).get(0).state() == TaskState.RUNNING);
            // A checkpoint every 40th of the work: watching the stored state change 20 times is about half-way.
            AtomicInteger seen = new AtomicInteger();
            AtomicReference<byte[]> previous = new AtomicReference<>();
            TestGrid.await("about half of the checkpoints", Duration.ofSeconds(120), () -> {
                Object state = checkpoints.get(key);
                if (state instanceof byte[] b && !Arrays.equals(b, previous.get())) {
                    previous.set(b);
                    seen.incrementAndGet();
                }
                return seen.get() >= 20;
            });
            String busy = client.tasks(runId).get(0).nodeId();
            (busy.equals(first.nodeId()) ? first : second).kill();

            RunView done = client.await(runId, Duration.ofSeconds(180), r -> { });

            assertTrue(done.passed(), done + " " + client.results(runId));
            List<TaskResult> results = client.results(runId);
            assertEquals(2, results.size(), results.toString());
            assertEquals(FailureCategory.NODE_LEFT, results.get(0).category());
            TaskResult last = results.get(1);
            assertEquals(TaskState.PASSED, last.status());
            long resumedFrom = (long) metric(last, "resumed_from");
            long ranAfter = (long) metric(last, "iterations_run");
            assertTrue(resumedFrom > 0 && ranAfter < ITERATIONS, "resumed from " + resumedFrom);
            assertEquals(ITERATIONS, resumedFrom + ranAfter, "the retry ran only what was left");
            // The killed attempt ran at least resumedFrom iterations; a restart would have run all ITERATIONS again.
            assertTrue(resumedFrom + ranAfter < resumedFrom + ITERATIONS);
            TestGrid.await("the ended task's checkpoint to go", Duration.ofSeconds(10),
                    () -> !checkpoints.containsKey(key));
            assertFalse(checkpoints.containsKey(key));
        }
    }

    private static double metric(TaskResult r, String name) {
        return r.metrics().stream().filter(m -> m.name().equals(name)).findFirst().map(Metric::mean)
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + r));
    }
}
