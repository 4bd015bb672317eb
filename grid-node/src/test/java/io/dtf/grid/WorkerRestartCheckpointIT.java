package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.time.Instant;
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
 * The only worker that may run a checkpointing benchmark is killed with SIGKILL half-way and
 * started again. The retry waits for it, reaches it only once its start-up has finished, loads
 * the checkpoint and runs only the rest: the work counted adds up to the task's total, once.
 */
class WorkerRestartCheckpointIT {
    // This class's port block: discovery 29800+, communication 29820+, thin clients 29900+.
    private static final String JOIN = "127.0.0.1:29800..29809";
    private static final long ITERATIONS = 2_000_000;

    @Test
    void aRetryPinnedToARestartedWorkerResumesFromItsCheckpointOnceTheWorkerIsReady() throws Exception {
        Path root = Path.of("target", "grids", "worker-restart-checkpoint").toAbsolutePath();
        TestGrid.deleteTree(root);
        String serverConfig = TestGrid.config("ignite-server.xml").toString();
        String worker = TestGrid.config("ignite-worker.xml").toString();
        TaskSpec counted = new TaskSpec("counted", "counted", Map.of("iterations", String.valueOf(ITERATIONS),
                "checkpointEvery", "50000"), new BenchmarkAction("counted-work", 0, 1),
                List.of(Requirement.parse("tag pinned")), 0, Duration.ofMinutes(5), 0, 1);

        try (NodeProcess server = NodeProcess.start(root.resolve("server"), serverConfig, 29800, 29820,
                "--client-port", "29900", "--join", JOIN);
             DtfClient client = DtfClient.connect(ClientOptions.of("127.0.0.1:29900"));
             IgniteClient thin = Ignition.startClient(new ClientConfiguration().setAddresses("127.0.0.1:29900"))) {
            NodeProcess restarted = null;
            try (NodeProcess pinned = NodeProcess.start(root.resolve("pinned"), worker, 29801, 29821,
                    "--client-port", "29901", "--join", JOIN, "--tags", "pinned", "--slots", "1")) {
                String runId = client.submit(new Suite("worker-restart", List.of(counted)));
                String key = TaskRecord.key(runId, "counted");
                ClientCache<String, Object> checkpoints = thin.cache(CacheNames.CHECKPOINTS);
                TestGrid.await("the task to start", Duration.ofSeconds(30),
                        () -> client.tasks(runId).get(0).state() == TaskState.RUNNING);
                // A checkpoint every 40th of the work: seeing the stored state change 20 times is about half-way.
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
                pinned.kill();
                TestGrid.await("the killed attempt to be on record", Duration.ofSeconds(30),
                        () -> !client.results(runId).isEmpty());

                // Same tag, new JVM: the queued retry can only go here.
                restarted = NodeProcess.start(root.resolve("restarted"), worker, 29802, 29822,
                        "--client-port", "29902", "--join", JOIN, "--tags", "pinned", "--slots", "1");
                RunView done = client.await(runId, Duration.ofSeconds(180), r -> { });

                List<TaskResult> results = client.results(runId);
                assertTrue(done.passed(), done + " " + results);
                assertEquals(2, results.size(), "the killed attempt and one retry, nothing between: " + results);
                assertEquals(FailureCategory.NODE_LEFT, results.get(0).category(), results.get(0).toString());
                TaskResult retry = results.get(1);
                assertEquals(restarted.nodeId(), retry.nodeId());
                assertEquals(TaskState.PASSED, retry.status());
                long resumedFrom = (long) metric(retry, "resumed_from");
                long ranAfter = (long) metric(retry, "iterations_run");
                assertTrue(resumedFrom >= ITERATIONS / 4, "resumed from " + resumedFrom + ", not from its checkpoint");
                assertEquals(ITERATIONS, resumedFrom + ranAfter, "the retry ran only what was left");

                Object readyAt = thin.cache(CacheNames.READY_WORKERS).get(restarted.nodeId());
                assertNotNull(readyAt, "the restarted worker said it is ready");
                Instant ready = Instant.ofEpochMilli((Long) readyAt);
                assertFalse(retry.startedAt().isBefore(ready),
                        "the retry started at " + retry.startedAt() + ", before its worker was ready at " + ready);
                assertFalse(restarted.output().contains("could not be loaded"), restarted.output());
            } finally {
                if (restarted != null) {
                    restarted.close();
                }
            }
        }
    }

    private static double metric(TaskResult r, String name) {
        return r.metrics().stream().filter(m -> m.name().equals(name)).findFirst().map(Metric::mean)
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + r));
    }
}
