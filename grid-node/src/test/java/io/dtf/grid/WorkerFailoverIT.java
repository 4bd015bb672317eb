package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.model.CommandAction;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.requirements.Requirement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A worker JVM killed with SIGKILL while it runs a task: the attempt is recorded as lost with its
 * node, and the retry runs on the other worker that meets the task's requirements.
 */
class WorkerFailoverIT {
    private static final String JOIN = "127.0.0.1:27680..27689";

    @Test
    void aTaskOnAKilledWorkerFinishesOnAnotherMatchingWorker() throws Exception {
        Path root = Path.of("target", "grids", "worker-failover").toAbsolutePath();
        TestGrid.deleteTree(root);
        String serverConfig = TestGrid.config("ignite-server.xml").toString();
        String worker = TestGrid.config("ignite-worker.xml").toString();
        TaskSpec slow = new TaskSpec("slow", "slow", Map.of(),
                new CommandAction(List.of("sh", "-c", "sleep 3; echo DTF_METRIC done=1"), Map.of(), null),
                List.of(Requirement.parse("tag gpu")), 0, Duration.ofSeconds(60), 0, 1);

        try (NodeProcess server = NodeProcess.start(root.resolve("server"), serverConfig, 27680, 27690,
                "--client-port", "10890", "--join", JOIN);
             NodeProcess first = NodeProcess.start(root.resolve("first"), worker, 27681, 27691,
                     "--join", JOIN, "--tags", "gpu", "--slots", "1", "--allow-commands");
             NodeProcess second = NodeProcess.start(root.resolve("second"), worker, 27682, 27692,
                     "--join", JOIN, "--tags", "gpu", "--slots", "1", "--allow-commands");
             NodeProcess other = NodeProcess.start(root.resolve("other"), worker, 27683, 27693,
                     "--join", JOIN, "--slots", "4", "--allow-commands");
             DtfClient client = DtfClient.connect(ClientOptions.of("127.0.0.1:10890"))) {

            String runId = client.submit(new Suite("failover", List.of(slow)));
            KilledWorker k = KilledWorker.whileRunning(client, runId, first, second, Duration.ofSeconds(30),
                    Duration.ofSeconds(90));
            TaskResult killed = k.killed();
            assertTrue(!killed.finalAttempt() && killed.decision().startsWith("retry in "),
                    killed.decision());
            TaskResult result = k.retried();
            assertTrue(result.finalAttempt());
            assertEquals(k.survivor().nodeId(), result.nodeId(), "ran again on the other gpu worker");
            assertNotEquals(other.nodeId(), result.nodeId(), "never on the worker without the tag");
            assertEquals(1.0, result.metrics().get(0).samples().get(0));
        }
    }
}
