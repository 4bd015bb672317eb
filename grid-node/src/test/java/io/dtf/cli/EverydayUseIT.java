package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.cli.Launcher.Outcome;
import io.dtf.wire.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The everyday commands through the real {@code dtf} launcher against one running {@code dtf node}
 * (ports 30400, 30420, 30440; a second, non-worker node on 30401, 30421, 30442): help, durations,
 * addresses, ports, hosts, logs, times, warnings, slots.
 */
class EverydayUseIT {
    private static final int DISCOVERY = 30400;
    private static final int COMMUNICATION = 30420;
    private static final int CLIENT = 30440;
    /** A dead address first: the client must go on to the live one. */
    private static final String GRID = "127.0.0.1:" + (CLIENT + 1) + ",127.0.0.1:" + CLIENT;
    private static final Pattern UP = Pattern.compile("DTF node ([0-9a-f-]{36}) up");

    private static Launcher dtf;
    private static Path work;
    private static Process node;
    private static String nodeOutput;
    private static String nodeId;

    @BeforeAll
    static void startNode() throws Exception {
        dtf = Launcher.in("everyday-it");
        work = dtf.work();
        Path log = work.resolve("node.log");
        node = dtf.start(log, "node", "--port", String.valueOf(DISCOVERY), "--comm-port", String.valueOf(COMMUNICATION),
                "--client-port", String.valueOf(CLIENT), "--join", "127.0.0.1:" + DISCOVERY,
                "--data-dir", work.resolve("node").toString(), "--allow-commands");
        nodeOutput = Launcher.awaitStarted(node, log, Duration.ofSeconds(90),
                out -> UP.matcher(out).find() && out.contains("listening on"));
        Matcher m = UP.matcher(nodeOutput);
        assertTrue(m.find(), nodeOutput);
        nodeId = m.group(1);
    }

    @AfterAll
    static void stopNode() throws InterruptedException {
        if (node != null) {
            node.destroy();
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theNodePrintsWhereItListensOnceUp() {
        assertTrue(nodeOutput.contains("listening on 127.0.0.1"), nodeOutput);
        assertTrue(nodeOutput.contains("discovery port " + DISCOVERY + " (--join 127.0.0.1:" + DISCOVERY + ")"),
                nodeOutput);
        assertTrue(nodeOutput.contains("communication port " + COMMUNICATION), nodeOutput);
        assertTrue(nodeOutput.contains("thin-client port " + CLIENT) && nodeOutput.contains("(--grid 127.0.0.1:"
                + CLIENT + ")"), nodeOutput);
    }

    @Test
    void helpWorksOnSubcommandsAndSaysGridTakesAList() throws Exception {
        Outcome run = dtf.run("run", "--help");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Usage: dtf run") && run.out().contains("--grid=HOST:PORT[,HOST:PORT...]"),
                run.out());
        Outcome worker = dtf.run("help", "worker");
        assertEquals(0, worker.exitCode(), worker.err());
        assertTrue(worker.out().startsWith("Usage: dtf worker"), worker.out());
    }

    @Test
    void workerListAndStatusShowHostsAddressesAndTheCoordinatorsNode() throws Exception {
        String host = Json.mapper().readTree(dtf.run("hw", "--json", "--data-dir", work.resolve("hw").toString()).out())
                .get("dtf.hostname").asText();

        Outcome workers = dtf.run("worker", "list", "--grid", GRID);
        assertEquals(0, workers.exitCode(), workers.err());
        String header = workers.out().lines().findFirst().orElseThrow();
        assertTrue(header.contains("host") && header.contains("addresses"), workers.out());
        String row = workers.out().lines().filter(l -> l.contains(nodeId)).findFirst().orElseThrow();
        assertTrue(row.contains(" " + host + " ") && row.contains("127.0.0.1"), workers.out());

        Outcome status = dtf.run("status", "--grid", GRID);
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().startsWith("coordinator on " + host + " (node " + nodeId + ", 127.0.0.1"),
                status.out());
    }

    @Test
    void logsPrintATasksOutputAndResultsWriteIsoUtcTimes() throws Exception {
        Path suite = work.resolve("everyday.yaml");
        Files.writeString(suite, """
                suite: everyday
                tasks:
                  - name: talks
                    type: command
                    command: [sh, -c, "echo hello-out; echo hello-err >&2"]
                  - name: silent
                    type: command
                    command: ["true"]
                  - name: flaky
                    type: command
                    retries: 1
                    command: [sh, -c, "if [ -f MARK ]; then echo second-try; exit 0; fi; touch MARK; echo first-try; exit 3"]
                """.replace("MARK", work.resolve("flaky.mark").toString()));
        Outcome run = dtf.run("run", suite.toString(), "--grid", GRID, "--timeout", "2m");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        String runId = runId(run.out());

        Outcome talks = dtf.run("logs", runId, "talks", "--grid", GRID);
        assertEquals(0, talks.exitCode(), talks.err());
        assertEquals("hello-out\n", talks.out());
        assertEquals("hello-err\n", dtf.run("logs", runId, "talks", "--stderr", "--grid", GRID).out());

        Outcome silent = dtf.run("logs", runId, "silent", "--grid", GRID);
        assertEquals(0, silent.exitCode(), silent.err());
        assertEquals("", silent.out());
        assertTrue(silent.err().contains("task 'silent' of run '" + runId + "' printed nothing on its standard output"),
                silent.err());

        Outcome flaky = dtf.run("logs", runId, "flaky", "--grid", GRID);
        assertTrue(flaky.out().contains("== flaky attempt 1: FAILED, exit 3") && flaky.out().contains("first-try")
                && flaky.out().contains("== flaky attempt 2: FLAKY, exit 0") && flaky.out().contains("second-try"),
                flaky.out());
        assertEquals("second-try\n", dtf.run("logs", runId, "flaky", "--attempt", "2", "--grid", GRID).out());
        Outcome unknown = dtf.run("logs", runId, "no-such-task", "--grid", GRID);
        assertEquals(ExitCodes.USAGE, unknown.exitCode());
        assertTrue(unknown.err().contains("has no ended attempt of a task 'no-such-task'"), unknown.err());

        Outcome json = dtf.run("results", runId, "--grid", GRID, "--format", "json");
        assertEquals(0, json.exitCode(), json.err());
        Pattern iso = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        for (var result : Json.mapper().readTree(json.out())) {
            assertTrue(iso.matcher(result.get("startedAt").asText()).matches(), json.out());
            assertTrue(iso.matcher(result.get("endedAt").asText()).matches(), json.out());
        }
        Outcome csv = dtf.run("results", runId, "--grid", GRID, "--format", "csv");
        String[] first = csv.out().lines().skip(1).findFirst().orElseThrow().split(",");
        assertTrue(iso.matcher(first[8]).matches() && iso.matcher(first[9]).matches(), csv.out());
    }

    @Test
    void aRequirementNoNodeEverAdvertisedIsReportedAtSubmissionAndTheTaskWaits() throws Exception {
        Path suite = work.resolve("gpu.yaml");
        Files.writeString(suite, """
                suite: gpu
                tasks:
                  - name: gpu-bench
                    type: command
                    command: ["true"]
                    requires: [has dtf.gpu.vram]
                """);
        Outcome submit = dtf.run("submit", suite.toString(), "--grid", GRID);
        assertEquals(0, submit.exitCode(), submit.err());
        assertTrue(submit.err().contains("dtf: warning: task gpu-bench requires dtf.gpu.vram but no node has ever "
                + "advertised it: it will wait"), submit.err());
        String runId = submit.out().strip();
        Outcome status = dtf.run("status", runId, "--grid", GRID);
        assertTrue(status.out().lines().anyMatch(l -> l.contains("gpu-bench") && l.contains("QUEUED")), status.out());
    }

    @Test
    void aNodeWithoutTheWorkerRoleAnnouncesNoSlotsAndNoOneCountsIt() throws Exception {
        Path log = work.resolve("console-node.log");
        Process other = dtf.start(log, "node", "--roles", "console", "--slots", "3",
                "--port", String.valueOf(DISCOVERY + 1), "--comm-port", String.valueOf(COMMUNICATION + 1),
                "--client-port", String.valueOf(CLIENT + 2), "--join", "127.0.0.1:" + DISCOVERY,
                "--data-dir", work.resolve("console-node").toString());
        try {
            Launcher.awaitStarted(other, log, Duration.ofSeconds(90), out -> out.contains("listening on"));
            String out = Files.readString(log);
            assertTrue(out.contains("roles console,") && out.contains("no slots (not a worker)")
                    && out.contains("--slots 3 ignored"), out);
            try (IgniteClient client = Ignition.startClient(new ClientConfiguration()
                    .setAddresses("127.0.0.1:" + CLIENT))) {
                List<ClusterNode> nodes = List.copyOf(client.cluster().nodes());
                assertEquals(2, nodes.size());
                for (ClusterNode n : nodes) {
                    Object roles = n.attribute("dtf.roles");
                    Object slots = n.attribute("dtf.slots");
                    assertEquals(roles.toString().contains("worker"), slots != null, n.id() + " " + n.attributes());
                }
            }
            Outcome workers = dtf.run("worker", "list", "--grid", GRID);
            assertEquals(2, workers.out().lines().count(), "the header and the one worker:\n" + workers.out());
        } finally {
            other.destroy();
            if (!other.waitFor(30, TimeUnit.SECONDS)) {
                other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void networkErrorsNameTheAddressAndWhatToCheck() throws Exception {
        Outcome refused = dtf.run("status", "--grid", "127.0.0.1:" + (CLIENT + 9));
        assertEquals(ExitCodes.GRID_ERROR, refused.exitCode(), refused.out() + refused.err());
        assertTrue(refused.err().contains("cannot reach the grid at 127.0.0.1:" + (CLIENT + 9) + " (connection refused)"
                + ": is a DTF node running there with its thin-client port open? check --grid"), refused.err());

        Outcome unknownHost = dtf.run("worker", "list", "--grid", "no-such-host.invalid:10800");
        assertEquals(ExitCodes.GRID_ERROR, unknownHost.exitCode());
        assertTrue(unknownHost.err().contains("unknown host 'no-such-host.invalid'"), unknownHost.err());

        Outcome wrongPort = dtf.run("status", "--grid", "127.0.0.1:" + DISCOVERY);
        assertEquals(ExitCodes.GRID_ERROR, wrongPort.exitCode());
        assertTrue(wrongPort.err().contains("not as a DTF thin-client port"), wrongPort.err());
        assertFalse(wrongPort.err().contains("Channel is closed"), wrongPort.err());
    }

    private static String runId(String out) {
        Matcher m = Pattern.compile("(?m)^run (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }
}
