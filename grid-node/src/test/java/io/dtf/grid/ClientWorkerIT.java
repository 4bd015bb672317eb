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
import io.dtf.model.TaskState;
import io.dtf.requirements.Requirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workers that join as Ignite client nodes (the default for a node whose only role is worker), each
 * its own JVM started through the launcher: one killed with SIGKILL mid-task, whose task runs again
 * on another client worker and passes; one that joins while a run waits for it, and gets its work.
 */
class ClientWorkerIT {
    private static final String JOIN = "127.0.0.1:25600..25609";
    private static final Path ROOT = Path.of("target", "grids", "client-workers").toAbsolutePath();
    private static NodeProcess server;
    private static DtfClient client;

    @BeforeAll
    static void startServer() throws Exception {
        TestGrid.deleteTree(ROOT);
        server = NodeProcess.start(ROOT.resolve("server"), TestGrid.config("ignite-server.xml").toString(), 25600,
                25620, "--client-port", "25640", "--join", JOIN, "--roles", "coordinator,data");
        client = DtfClient.connect(ClientOptions.of("127.0.0.1:25640"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aTaskOnAKilledClientWorkerRunsAgainOnAnotherAndPasses() throws Exception {
        TaskSpec slow = task("slow", "sleep 3; echo DTF_METRIC done=1", "tag kill-test");
        try (NodeProcess first = worker("first", 1, "kill-test");
             NodeProcess second = worker("second", 2, "kill-test")) {
            String runId = client.submit(new Suite("client-failover", List.of(slow)));
            KilledWorker k = KilledWorker.whileRunning(client, runId, first, second, Duration.ofSeconds(60),
                    Duration.ofSeconds(120));
            TaskResult retried = k.retried();
            assertTrue(retried.finalAttempt(), retried.toString());
            assertEquals(k.survivor().nodeId(), retried.nodeId(), "ran again on the other client worker");
            assertEquals(1.0, retried.metrics().get(0).samples().get(0));
            // Failed as soon as its connection was gone, not after the client failure-detection timeout.
            String serverLog = Files.readString(ROOT.resolve("server").resolve("logs").resolve("dtf.log"));
            assertTrue(serverLog.contains("client worker " + k.victim().nodeId() + " lost its connection"), serverLog);
        }
    }

    @Test
    void aClientWorkerThatJoinsMidRunGetsTheWorkThatWaitsForIt() throws Exception {
        List<TaskSpec> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tasks.add(task("late-" + i, "echo DTF_METRIC done=1", "tag late"));
        }
        try (NodeProcess early = worker("early", 3, "early")) {
            String runId = client.submit(new Suite("late-worker", tasks));
            TestGrid.await("the tasks to be queued", Duration.ofSeconds(30),
                    () -> client.tasks(runId).stream().allMatch(t -> t.state() == TaskState.QUEUED));
            try (NodeProcess late = worker("late", 4, "late")) {
                RunView done = client.await(runId, Duration.ofSeconds(120), r -> { });

                assertTrue(done.passed(), done + " " + client.results(runId));
                List<TaskResult> results = client.results(runId);
                assertEquals(4, results.size(), results.toString());
                results.forEach(r -> assertEquals(late.nodeId(), r.nodeId(), r.toString()));
                assertTrue(client.workers().stream().anyMatch(w -> w.nodeId().equals(late.nodeId())),
                        "the coordinator lists the client node as a worker: " + client.workers());
            }
        }
    }

    /** A worker-only node with no --join-as: it must come up as a client node. */
    private static NodeProcess worker(String name, int place, String tag) throws Exception {
        NodeProcess worker = NodeProcess.start(ROOT.resolve(name), TestGrid.config("ignite-worker.xml").toString(),
                25600 + place, 25620 + place, "--client-port", String.valueOf(25640 + place), "--join", JOIN, "--tags",
                tag, "--slots", "1", "--allow-commands");
        assertTrue(worker.output().contains(" up: client node, roles worker"), worker.output());
        return worker;
    }

    private static TaskSpec task(String id, String script, String requirement) {
        return new TaskSpec(id, id, Map.of(), new CommandAction(List.of("sh", "-c", script), Map.of(), null),
                List.of(Requirement.parse(requirement)), 0, Duration.ofSeconds(60), 0, 1);
    }
}
