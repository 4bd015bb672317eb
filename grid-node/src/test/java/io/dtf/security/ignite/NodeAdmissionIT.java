package io.dtf.security.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.cli.ExitCodes;
import io.dtf.cli.Launcher.Outcome;
import io.dtf.client.CoordinatorApi;
import io.dtf.grid.TestGrid;
import io.dtf.model.RunView;
import io.dtf.model.SubmitReply;
import io.dtf.security.Role;
import io.dtf.security.token.TokenIssuer;
import io.dtf.suite.SuiteLoader;
import io.dtf.wire.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.services.ServiceCallContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Node admission on a grid with security on, every node its own {@code dtf node} process: each
 * node without an acceptable node token is refused at join, says what is missing on its console and
 * in its log, and leaves the grid as it was; a worker with a good token joins and runs a task.
 */
class NodeAdmissionIT {
    private static final int DISCOVERY = 31650;
    private static final String CLIENT = "127.0.0.1:31680";

    private static SecureGrid grid;
    private static String workerToken;

    @BeforeAll
    static void startServerAndGoodWorker() throws Exception {
        grid = SecureGrid.in("node-admission", DISCOVERY, 31660);
        grid.startUp("server", 0, "--roles", "coordinator,data,aggregator", "--client-port", "31680",
                "--token-file", grid.tokenFile("server", grid.node("server-1")).toString());
        workerToken = grid.node("gpu-worker-1", "gpu");
        grid.startUp("worker", 1, "--roles", "worker", "--tags", "gpu", "--slots", "1", "--allow-commands", "--token",
                workerToken);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (grid != null) {
            grid.close();
        }
    }

    @Test
    void nodesWithoutAnAcceptableNodeTokenAreRefusedSayingWhatIsMissing() throws Exception {
        Map<String, List<String>> refused = new LinkedHashMap<>();
        refused.put("no-token", List.of());
        refused.put("forged", List.of("--token", SecureGrid.forged(grid.node("gpu-worker-2"))));
        refused.put("expired", List.of("--token", grid.expired(Role.NODE, "old-worker")));
        refused.put("wrong-key", List.of("--token", grid.foreign(Role.NODE, "their-worker")));
        refused.put("wrong-role", List.of("--token", grid.token(Role.ADMIN, "alice")));
        refused.put("replayed", List.of("--token", workerToken, "--tags", "gpu"));
        refused.put("extra-tag", List.of("--token", grid.node("gpu-worker-3", "gpu"), "--tags", "gpu,tpu"));
        refused.put("declared-attr", List.of("--token", grid.node("gpu-worker-4"), "--attr", "dtf.gpu.count=8"));
        Map<String, Process> started = new LinkedHashMap<>();
        int port = 2;
        for (Map.Entry<String, List<String>> node : refused.entrySet()) {
            List<String> args = new java.util.ArrayList<>(List.of("--roles", "worker"));
            args.addAll(node.getValue());
            started.put(node.getKey(), grid.start(node.getKey(), port++, args.toArray(String[]::new)));
        }
        for (Map.Entry<String, Process> node : started.entrySet()) {
            assertTrue(node.getValue().waitFor(90, TimeUnit.SECONDS), node.getKey() + " still running");
            assertEquals(ExitCodes.GRID_ERROR, node.getValue().exitValue(), node.getKey() + ": " + grid.output(node.getKey()));
        }

        expectRefusal("no-token", "no token: give one with --token, DTF_TOKEN or a token file");
        expectRefusal("forged", "the token's signature does not verify");
        expectRefusal("expired", "the token expired at");
        expectRefusal("wrong-key", "which this grid does not know");
        expectRefusal("wrong-role", "alice has role admin; this needs node");
        expectRefusal("replayed", "is in use by live node");
        expectRefusal("extra-tag", "the node token allows tags [gpu] but this node offers [gpu, tpu]");
        expectRefusal("declared-attr", "the node token allows declaring attributes [] but this node declares [dtf.gpu.count]");

        String serverLog = grid.log("server");
        assertTrue(serverLog.contains("join.refused refused by gpu-worker-3"), "the refused join is in the audit");
        assertTrue(serverLog.contains("join allowed by gpu-worker-1"), "the admitted join is in the audit");
        assertFalse(serverLog.contains(workerToken), "no token in the server's log");
        assertTrue(grid.output("server").contains(" up: "), "the server is still up");
    }

    private static void expectRefusal(String node, String reason) throws Exception {
        String console = grid.output(node);
        assertTrue(console.contains("refused by the grid: ") && console.contains(reason), node + " printed:\n" + console);
        assertTrue(grid.log(node).contains(reason), node + "'s log says why");
    }

    @Test
    void aWorkerWithAGoodTokenJoinsAndRunsATask() throws Exception {
        Path suite = Files.writeString(grid.launcher().work().resolve("suite.yaml"), """
                suite: admitted
                tasks:
                  - name: on-gpu
                    type: command
                    command: [sh, -c, "exit 0"]
                    requires: [tag gpu]
                """);
        String token = grid.token(Role.SUBMITTER, "ci");
        try (IgniteClient client = grid.client(CLIENT, token)) {
            CoordinatorApi coordinator = client.services().serviceProxy(CoordinatorApi.SERVICE_NAME, CoordinatorApi.class,
                    new ServiceCallContextBuilder().put(CoordinatorApi.TOKEN_ATTRIBUTE, "Bearer " + token).build());
            SubmitReply reply = Json.read(coordinator.submit(Json.write(SuiteLoader.load(suite))), SubmitReply.class);
            String runId = reply.runId();
            TestGrid.await("the run to end", Duration.ofSeconds(60), () -> Json.read(coordinator.run(runId), RunView.class)
                    .endedAt() != null);
            RunView run = Json.read(coordinator.run(runId), RunView.class);
            assertTrue(run.passed(), run + "\n" + coordinator.tasks(runId));
        }
        // The coordinator works for the client as its node (RunAsNode): nothing it does for the call is refused.
        assertFalse(grid.log("server").contains("denied refused by ci"), "a refusal in the server's audit");
    }

    @Test
    void aRevokedTokenIsRefusedToTheCliAndAtJoin() throws Exception {
        TokenIssuer.Issued leaver = grid.issuer().issue(Role.SUBMITTER, "leaver", Duration.ofHours(1));
        TokenIssuer.Issued stolenNode = grid.issuer().issue(Role.NODE, "stolen-worker", Duration.ofHours(1));
        Path leaverFile = grid.tokenFile("leaver", leaver.token());
        Path adminFile = grid.tokenFile("admin", grid.token(Role.ADMIN, "ada"));
        String keys = grid.keys().toString();
        Outcome before = grid.launcher().run("status", "--grid", CLIENT, "--keys", keys, "--token-file", leaverFile.toString());
        assertEquals(0, before.exitCode(), before.err());

        for (String id : List.of(leaver.tokenId(), stolenNode.tokenId())) {
            Outcome revoke = grid.launcher().run("token", "revoke", id, "--ttl", "1d", "--grid", CLIENT, "--keys", keys,
                    "--token-file", adminFile.toString());
            assertEquals(0, revoke.exitCode(), revoke.err());
        }

        // A node verifies a token once and trusts it for a few seconds; the refusal comes within them.
        Outcome after = before;
        for (int i = 0; i < 15 && after.exitCode() != ExitCodes.ACCESS_DENIED; i++) {
            Thread.sleep(1_000);
            after = grid.launcher().run("status", "--grid", CLIENT, "--keys", keys, "--token-file", leaverFile.toString());
        }
        assertEquals(ExitCodes.ACCESS_DENIED, after.exitCode(), after.out() + after.err());
        assertTrue(after.err().contains("token " + leaver.tokenId() + " was revoked"), after.err());
        assertFalse(after.err().contains(leaver.token()), "the refusal does not repeat the token");

        Process node = grid.start("revoked-node", 9, "--roles", "worker", "--token", stolenNode.token());
        assertTrue(node.waitFor(90, TimeUnit.SECONDS), "the node with a revoked token still runs");
        assertEquals(ExitCodes.GRID_ERROR, node.exitValue(), grid.output("revoked-node"));
        expectRefusal("revoked-node", "token " + stolenNode.tokenId() + " was revoked");
    }
}
