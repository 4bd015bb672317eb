package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.ClientOptions;
import io.dtf.client.CoordinatorApi;
import io.dtf.client.DtfClient;
import io.dtf.model.CommandAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.SubmitReply;
import io.dtf.suite.SuiteLimits;
import io.dtf.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coordinator service is the boundary: raw JSON sent straight to it, as any thin client can,
 * gets the suite loader's checks; and the one-machine default cannot be reached from elsewhere.
 */
class ServerBoundaryIT {
    private static final int DISCOVERY = 30000;
    private static final int COMMUNICATION = 30010;
    private static final int CLIENT = 30020;
    private static final String TASK = """
            {"id": "ID", "name": "t", "params": {}, "action": {"type": "benchmark", "benchmark": "noop", "warmup": 0,
             "iterations": ITERATIONS}, "requirements": [], "priority": PRIORITY, "timeout": "TIMEOUT", "retries": 0,
             "repetition": 1}""";

    private static final Path ROOT = Path.of("target", "grids", "server-boundary").toAbsolutePath();

    private static NodeProcess node;
    private static IgniteClient client;
    private static CoordinatorApi coordinator;

    @BeforeAll
    static void startADefaultNode() throws Exception {
        TestGrid.deleteTree(ROOT);
        // A small heap: an oversized submission must be refused without costing the node its memory.
        node = NodeProcess.start(ROOT.resolve("default"), Map.of("DTF_JAVA_OPTS", "-Xmx384m"),
                "--port", String.valueOf(DISCOVERY), "--comm-port", String.valueOf(COMMUNICATION),
                "--client-port", String.valueOf(CLIENT), "--join", "127.0.0.1:" + DISCOVERY, "--allow-commands");
        client = Ignition.startClient(new ClientConfiguration().setAddresses("127.0.0.1:" + CLIENT));
        coordinator = client.services().serviceProxy(CoordinatorApi.SERVICE_NAME, CoordinatorApi.class, 30_000);
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void hostileRawSubmissionsAreEachRefusedNamingTheField() {
        Map<String, String> hostile = Map.of(
                "timeout", suite("ok", task("a", "PT87600H", 0, 1)),
                "priority", suite("ok", task("a", "PT1M", Integer.MAX_VALUE, 1)),
                "iterations", suite("ok", task("a", "PT1M", 0, -1)),
                "id", suite("ok", task("x".repeat(1 << 20), "PT1M", 0, 1)),
                "suite", suite("evil\\u001b]0;pwned\\u0007\\u001b[2J", task("a", "PT1M", 0, 1)));
        hostile.forEach((field, json) -> {
            SubmitReply reply = Json.read(coordinator.submit(json), SubmitReply.class);
            assertNull(reply.runId(), field);
            assertTrue(reply.errors().stream().anyMatch(e -> e.contains("field '" + field + "'")), field + ": " + reply);
            assertTrue(reply.errors().stream().allMatch(e -> e.length() < 400 && e.indexOf('\u001b') < 0),
                    "refusals echo no hostile value whole: " + reply);
        });

        SubmitReply garbage = Json.read(coordinator.submit("{\"name\": [}"), SubmitReply.class);
        assertTrue(garbage.errors().get(0).startsWith("submission: not a valid suite document"), garbage.toString());
        assertAccepted();
    }

    @Test
    void anOversizedRawSubmissionIsRefusedBeforeItIsParsedAndTheNodeCarriesOn() {
        String huge = "{\"name\": \"" + "x".repeat(SuiteLimits.MAX_SUBMISSION_CHARS) + "\", \"tasks\": []}";

        SubmitReply reply = Json.read(coordinator.submit(huge), SubmitReply.class);

        assertNull(reply.runId());
        assertTrue(reply.errors().get(0).contains("the limit is " + SuiteLimits.MAX_SUBMISSION_CHARS), reply.toString());
        huge = null;
        assertAccepted();
        assertAccepted();
    }

    @Test
    void theDefaultNodeListensOnLoopbackOnly() throws IOException {
        List<String> listening = listeningAddresses(Set.of(DISCOVERY, COMMUNICATION, CLIENT));

        assertEquals(3, listening.size(), "discovery, communication and thin clients: " + listening);
        assertTrue(listening.stream().allMatch(a -> a.startsWith("127.0.0.1:")), listening.toString());
        assertFalse(node.output().contains("WARNING"), node.output());
    }

    @Test
    void aServerConfigListeningOnTheNetworkWithoutSecurityWarnsOfIt() throws Exception {
        Path dir = ROOT.resolve("server");
        try (NodeProcess server = NodeProcess.start(dir, TestGrid.config("ignite-server.xml").toString(), 30100, 30110,
                "--client-port", "30120", "--join", "127.0.0.1:30100")) {
            String warning = "WARNING: this node listens on the network (thin clients on all addresses port 30120)"
                    + " without security";
            assertTrue(server.output().contains(warning), server.output());
            assertTrue(Files.readString(dir.resolve("logs/dtf.log")).contains("without security: anyone who can reach these ports"));
            assertTrue(listeningAddresses(Set.of(30120)).contains("0.0.0.0:30120"));
            server.stop();
        }
    }

    @Test
    void aTaskWorksInADirectoryOfItsOwnUnderTheDataDirectoryAndMayNotPickAnother() throws Exception {
        String stray = "stray-" + System.nanoTime();
        try (DtfClient dtf = DtfClient.connect(ClientOptions.of("127.0.0.1:" + CLIENT))) {
            String runId = dtf.submit(new Suite("workdirs", List.of(
                    command("writes", null, "pwd; touch " + stray),
                    command("escapes", "/etc", "touch " + stray))));
            dtf.await(runId, Duration.ofSeconds(60), r -> { });
            Map<String, TaskResult> results = new HashMap<>();
            dtf.results(runId).forEach(r -> results.put(r.taskId(), r));

            TaskResult writes = results.get("writes");
            assertEquals(TaskState.PASSED, writes.status(), writes.toString());
            Path dir = Path.of(writes.stdoutTail().strip());
            assertTrue(dir.startsWith(ROOT.resolve("default/attempts")), dir.toString());
            assertFalse(Files.exists(dir), "removed after the pass");
            assertFalse(Files.exists(Path.of(stray)), "nothing lands in the node's own working directory");

            TaskResult escapes = results.get("escapes");
            assertEquals(FailureCategory.BAD_DEFINITION, escapes.category(), escapes.toString());
            assertTrue(escapes.error().startsWith("workdir '/etc' is outside the directories this worker allows"),
                    escapes.error());
        }
    }

    @Test
    void aThinClientFollowingARunIsToldOfEachChangeWithoutPolling() throws Exception {
        String suite = Json.write(new Suite("follow", List.of(command("sleeps", null, "sleep 1"))));
        String runId = Json.read(coordinator.submit(suite), SubmitReply.class).runId();
        long known = coordinator.awaitChange(runId, -1, 0);
        int changes = 0;
        while (!Json.read(coordinator.run(runId), RunView.class).isDone()) {
            // The run has a change to come (its task's end): the call returns with it, not after its wait.
            long next = coordinator.awaitChange(runId, known, CoordinatorApi.CHANGE_WAIT_MAX_MS);
            assertTrue(next > known, "no word of a change after " + changes + " changes: " + next + " <= " + known);
            known = next;
            changes++;
        }
        assertTrue(changes > 0, "the run ended before it was followed");
    }

    private static TaskSpec command(String id, String workdir, String script) {
        return new TaskSpec(id, id, Map.of(), new CommandAction(List.of("sh", "-c", script), Map.of(), workdir),
                List.of(), 0, Duration.ofSeconds(30), 0, 1);
    }

    private static void assertAccepted() {
        SubmitReply reply = Json.read(coordinator.submit(suite("fine", task("a", "PT1M", 0, 1))), SubmitReply.class);
        assertNotNull(reply.runId(), reply.toString());
    }

    private static String suite(String name, String task) {
        return "{\"name\": \"" + name + "\", \"tasks\": [" + task + "]}";
    }

    private static String task(String id, String timeout, int priority, int iterations) {
        return TASK.replace("ID", id).replace("TIMEOUT", timeout).replace("PRIORITY", String.valueOf(priority))
                .replace("ITERATIONS", String.valueOf(iterations));
    }

    /** {@code address:port} of each IPv4 socket listening on one of {@code ports}, from /proc/net/tcp. */
    private static List<String> listeningAddresses(Set<Integer> ports) throws IOException {
        List<String> found = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of("/proc/net/tcp"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.strip().split("\\s+");
            String[] local = f[1].split(":");
            int port = Integer.parseInt(local[1], 16);
            if (f[3].equals("0A") && ports.contains(port)) { // 0A: LISTEN
                long a = Long.parseLong(local[0], 16); // little-endian IPv4
                found.add((a & 0xff) + "." + (a >> 8 & 0xff) + "." + (a >> 16 & 0xff) + "." + (a >> 24 & 0xff) + ":" + port);
            }
        }
        return found;
    }
}
