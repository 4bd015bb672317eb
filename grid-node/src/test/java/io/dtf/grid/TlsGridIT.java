package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.cli.Launcher;
import io.dtf.cli.Launcher.Outcome;
import io.dtf.security.Role;
import io.dtf.security.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A grid of two {@code dtf node} processes started from config/ignite-secure.xml (TLS and node tokens): a suite runs
 * on it through {@code dtf run --grid --keys --token-file}, and every mix of TLS and plain (node or client), or of two
 * grids' CAs, is refused with a message saying what to change, even when the node or client holds a valid token.
 */
class TlsGridIT {
    private static final String JOIN = "127.0.0.1:31300..31301";
    private static final String GRID = "127.0.0.1:31320";

    private static Launcher dtf;
    private static Path keys;
    private static Path otherKeys;
    /** The token files of this grid: a node token for nodes refused for their TLS alone, a submitter's for clients. */
    private static Path nodeToken;
    private static Path submitterToken;
    private static NodeProcess server;
    private static NodeProcess worker;

    @BeforeAll
    static void startTlsGridOfTwoProcesses() throws Exception {
        dtf = Launcher.in("grids/tls");
        TestKeys grid = TestKeys.create(dtf.work().resolve("keys"));
        keys = grid.dir();
        otherKeys = TestKeys.create(dtf.work().resolve("other-keys")).dir();
        nodeToken = TestKeys.tokenFile(dtf.work().resolve("node.token"), grid.nodeToken("spare-node"));
        submitterToken = TestKeys.tokenFile(dtf.work().resolve("submitter.token"), grid.token(Role.SUBMITTER, "ci"));
        Path serverToken = TestKeys.tokenFile(dtf.work().resolve("server.token"), grid.nodeToken("server-1"));
        Path workerToken = TestKeys.tokenFile(dtf.work().resolve("worker.token"), grid.nodeToken("worker-1"));
        String secure = TestGrid.config("ignite-secure.xml").toString();
        server = NodeProcess.start(dtf.work().resolve("server"), secure, 31300, 31310, "--client-port", "31320",
                "--join", JOIN, "--keys", keys.toString(), "--token-file", serverToken.toString(), "--roles",
                "coordinator,data,aggregator", "--bind", "127.0.0.1");
        worker = NodeProcess.start(dtf.work().resolve("worker"), secure, 31301, 31311, "--client-port", "31321",
                "--join", JOIN, "--keys", keys.toString(), "--token-file", workerToken.toString(), "--roles", "worker",
                "--bind", "127.0.0.1", "--allow-commands");
        assertTrue(worker.output().contains("grid of 2 node(s)"), worker.output());
    }

    @AfterAll
    static void stopGrid() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSuiteRunsEndToEndOnTheTlsGridThroughTheLauncher() throws Exception {
        Path suite = dtf.work().resolve("suite.yaml");
        Files.writeString(suite, """
                suite: over-tls
                defaults:
                  timeout: 60s
                tasks:
                  - name: hello
                    type: command
                    command: [sh, -c, "echo DTF_METRIC n=${n} count"]
                    params: {n: [1, 2]}
                """);

        Outcome run = dtf.run("run", suite.toString(), "--grid", GRID, "--keys", keys.toString(), "--token-file",
                submitterToken.toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("PASSED: all 2 tasks passed"), run.out());
    }

    @Test
    void aPlainNodeCannotJoinTheTlsGrid() throws Exception {
        Outcome plain = dtf.run("node", "--data-dir", dtf.work().resolve("plain-node").toString(), "--port", "31302",
                "--comm-port", "31312", "--client-port", "31322", "--join", JOIN, "--roles", "worker");

        assertEquals(4, plain.exitCode(), plain.out() + plain.err());
        assertTrue(plain.err().contains("it speaks TLS and this node does not")
                && plain.err().contains("config/ignite-secure.xml with --keys"), plain.err());
    }

    @Test
    void aNodeWithAnotherGridsCertificateCannotJoin() throws Exception {
        Outcome foreign = dtf.run("node", "--config", TestGrid.config("ignite-secure.xml").toString(), "--keys",
                otherKeys.toString(), "--token-file", nodeToken.toString(), "--data-dir",
                dtf.work().resolve("foreign-node").toString(), "--port", "31303", "--comm-port", "31313",
                "--client-port", "31323", "--join", JOIN, "--roles", "worker");

        assertEquals(4, foreign.exitCode(), foreign.out() + foreign.err());
        assertTrue(foreign.err().contains("do not trust each other's certificates"), foreign.err());
    }

    @Test
    void aPlainClientIsToldToAddTheKeysAndAForeignCaIsNamed() throws Exception {
        Outcome plain = dtf.run("status", "--grid", GRID, "--token-file", submitterToken.toString());
        assertEquals(4, plain.exitCode(), plain.out() + plain.err());
        assertTrue(plain.err().contains("requires TLS") && plain.err().contains("--keys DIR"), plain.err());

        Outcome foreign = dtf.run("status", "--grid", GRID, "--keys", otherKeys.toString(), "--token-file",
                submitterToken.toString());
        assertEquals(4, foreign.exitCode(), foreign.out() + foreign.err());
        assertTrue(foreign.err().contains("did not sign"), foreign.err());

        Outcome trusted = dtf.run("status", "--grid", GRID, "--keys", keys.toString(), "--token-file",
                submitterToken.toString());
        assertEquals(0, trusted.exitCode(), trusted.out() + trusted.err());
    }

    @Test
    void aTlsNodeCannotJoinAPlainGridNorATlsClientTalkToIt() throws Exception {
        try (NodeProcess plainGrid = NodeProcess.start(dtf.work().resolve("plain-grid"), "--port", "31330",
                "--comm-port", "31340", "--client-port", "31350", "--join", "127.0.0.1:31330..31331", "--bind",
                "127.0.0.1")) {
            Outcome secure = dtf.run("node", "--config", TestGrid.config("ignite-secure.xml").toString(), "--keys",
                    keys.toString(), "--token-file", nodeToken.toString(), "--data-dir",
                    dtf.work().resolve("secure-node").toString(), "--port", "31331",
                    "--comm-port", "31341", "--client-port", "31351", "--join", "127.0.0.1:31330..31331", "--roles",
                    "worker");
            assertEquals(4, secure.exitCode(), secure.out() + secure.err());
            assertTrue(secure.err().contains("this node speaks TLS") && secure.err().contains("the grid does not"),
                    secure.err());

            Outcome client = dtf.run("status", "--grid", "127.0.0.1:31350", "--keys", keys.toString(), "--token-file",
                    submitterToken.toString());
            assertEquals(4, client.exitCode(), client.out() + client.err());
            assertTrue(client.err().contains("does not speak TLS"), client.err());
            assertTrue(plainGrid.output().contains("grid of 1 node(s)"), plainGrid.output());
        }
    }
}
