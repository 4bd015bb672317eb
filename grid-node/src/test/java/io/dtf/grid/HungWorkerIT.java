package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A worker that hangs (its JVM stopped with SIGSTOP: no heartbeats, no replies, sockets still
 * open) is treated as dead within the failure-detection timeout, and its attempt runs again on
 * the other matching worker. When the hung JVM wakes, it is no longer in the grid: its late
 * reply changes nothing.
 */
class HungWorkerIT {
    private static final String JOIN = "127.0.0.1:28640..28649";
    /** config/ignite-base.xml's failureDetectionTimeout. */
    private static final Duration DETECTION = Duration.ofSeconds(10);

    @Test
    void aWorkerThatStopsHeartbeatingIsDeclaredDeadAndItsTaskRunsElsewhere() throws Exception {
        Path root = Path.of("target", "grids", "hung-worker").toAbsolutePath();
        TestGrid.deleteTree(root);
        String serverConfig = TestGrid.config("ignite-server.xml").toString();
        String worker = TestGrid.config("ignite-worker.xml").toString();
        TaskSpec slow = new TaskSpec("slow", "slow", Map.of(),
                new CommandAction(List.of("sh", "-c", "sleep 4; echo DTF_METRIC done=1"), Map.of(), null),
                List.of(Requirement.parse("tag gpu")), 0, Duration.ofSeconds(60), 0, 1);

        try (NodeProcess server = NodeProcess.start(root.resolve("server"), serverConfig, 28640, 28660,
                "--client-port", "10966", "--join", JOIN);
             NodeProcess first = NodeProcess.start(root.resolve("first"), worker, 28641, 28661,
                     "--join", JOIN, "--tags", "gpu", "--slots", "1", "--allow-commands");
             NodeProcess second = NodeProcess.start(root.resolve("second"), worker, 28642, 28662,
                     "--join", JOIN, "--tags", "gpu", "--slots", "1", "--allow-commands");
             DtfClient client = DtfClient.connect(ClientOptions.of("127.0.0.1:10966"))) {

            String runId = client.submit(new Suite("hung", List.of(slow)));
            TestGrid.await("the task to start", Duration.ofSeconds(30),
                    () -> client.tasks(runId).get(0).state() == TaskState.RUNNING);
            TaskView running = client.tasks(runId).get(0);
            boolean firstRuns = running.nodeId().equals(first.nodeId());
            ProcessHandle hung = jvmOf(root.resolve(firstRuns ? "first" : "second"));
            String survivor = (firstRuns ? second : first).nodeId();
            Instant paused = Instant.now();
            signal("STOP", hung);
            try {
                TestGrid.await("the hung worker's attempt to be given up", DETECTION.multipliedBy(3),
                        () -> client.results(runId).stream().anyMatch(r -> !r.finalAttempt()));
                Duration detected = Duration.between(paused, Instant.now());
                assertTrue(detected.compareTo(DETECTION.plusSeconds(10)) < 0, "declared dead after " + detected);

                RunView done = client.await(runId, Duration.ofSeconds(60), r -> { });
                assertTrue(done.passed(), done.toString());
            } finally {
                signal("CONT", hung);
            }
            List<TaskResult> results = client.results(runId);
            assertEquals(2, results.size(), results.toString());
            assertEquals(FailureCategory.NODE_LEFT, results.get(0).category());
            assertEquals(running.nodeId(), results.get(0).nodeId());
            assertEquals(survivor, results.get(1).nodeId());
            Thread.sleep(5_000); // the woken JVM's late reply, if any, would arrive now
            assertEquals(results, client.results(runId), "nothing recorded after the hung worker woke");
        }
    }

    /** The node's JVM: the launcher execs java, so it is the process whose arguments name its data dir. */
    private static ProcessHandle jvmOf(Path dataDir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(dataDir.toString())).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no JVM with data dir " + dataDir));
    }

    private static void signal(String name, ProcessHandle p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }
}
