package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.model.CommandAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A client worker whose server goes away: it does not come back under a new node id with its old
 * attempt still running. It stops, which ends the attempt (the process the task started is gone),
 * and {@code dtf node} starts a fresh node in the same process, which joins the next server and
 * takes work there.
 */
class ClientWorkerRestartIT {
    private static final String JOIN = "127.0.0.1:25650..25659";
    private static final Pattern UP = Pattern.compile("DTF node ([0-9a-f-]{36}) up: client node");

    @Test
    void aClientWorkerCutOffFromItsServerStopsItsAttemptAndJoinsAgainAsANewNode() throws Exception {
        Path root = Path.of("target", "grids", "client-worker-restart").toAbsolutePath();
        TestGrid.deleteTree(root);
        Path pidFile = root.resolve("attempt.pid");
        String server = TestGrid.config("ignite-server.xml").toString();
        String[] serverArgs = {"--client-port", "25690", "--join", JOIN, "--roles", "coordinator,data"};
        TaskSpec longTask = new TaskSpec("long", "long", Map.of(), new CommandAction(List.of("sh", "-c",
                "echo $$ > " + pidFile + "; exec sleep 300"), Map.of(), null), List.of(), 0, Duration.ofMinutes(10), 0, 1);

        NodeProcess first = NodeProcess.start(root.resolve("server-1"), server, 25650, 25670, serverArgs);
        try (first; NodeProcess worker = NodeProcess.start(root.resolve("worker"),
                TestGrid.config("ignite-worker.xml").toString(), 25651, 25671, "--client-port", "25691", "--join", JOIN,
                "--slots", "1", "--allow-commands")) {
            String firstId = upIds(worker).get(0);
            try (DtfClient client = DtfClient.connect(ClientOptions.of("127.0.0.1:25690"))) {
                String runId = client.submit(new Suite("long", List.of(longTask)));
                TestGrid.await("the task to run", Duration.ofSeconds(60),
                        () -> client.tasks(runId).get(0).state() == TaskState.RUNNING && Files.exists(pidFile));
            }
            first.kill();
            long attemptPid = Long.parseLong(Files.readString(pidFile).strip());
            TestGrid.await("the worker to stop its node", Duration.ofSeconds(120),
                    () -> output(worker).contains("joining again as a new node"));
            TestGrid.await("the attempt's process to end", Duration.ofSeconds(60),
                    () -> ProcessHandle.of(attemptPid).map(p -> !p.isAlive()).orElse(true));

            try (NodeProcess second = NodeProcess.start(root.resolve("server-2"), server, 25650, 25670, serverArgs);
                 DtfClient client = DtfClient.connect(ClientOptions.of("127.0.0.1:25690"))) {
                TestGrid.await("the worker to join again", Duration.ofSeconds(120), () -> upIds(worker).size() == 2);
                String secondId = upIds(worker).get(1);
                assertNotEquals(firstId, secondId, "a fresh node");
                TaskSpec quick = new TaskSpec("quick", "quick", Map.of(), new CommandAction(List.of("sh", "-c",
                        "echo DTF_METRIC done=1"), Map.of(), null), List.of(), 0, Duration.ofSeconds(60), 0, 1);
                String runId = client.submit(new Suite("after", List.of(quick)));
                RunView done = client.await(runId, Duration.ofSeconds(120), r -> { });
                assertTrue(done.passed(), done + " " + client.results(runId));
                List<TaskResult> results = client.results(runId);
                assertEquals(1, results.size(), results.toString());
                assertEquals(secondId, results.get(0).nodeId());
                assertFalse(output(worker).contains("dtf: the node stopped"), output(worker));
            }
        }
    }

    private static List<String> upIds(NodeProcess worker) {
        Matcher m = UP.matcher(output(worker));
        return m.results().map(r -> r.group(1)).toList();
    }

    private static String output(NodeProcess worker) {
        try {
            return worker.output();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
