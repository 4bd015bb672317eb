package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.ClientTokens;
import io.dtf.model.AuditEvent;
import io.dtf.security.Role;
import io.dtf.security.ignite.SecureNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code dtf} launcher against a grid with security on: a token given by {@code DTF_TOKEN} or
 * {@code --token-file} reaches the grid (the grid records its subject), a missing or too weak one
 * ends the command with exit code 5 and a sentence that says what is needed, and no output holds the token.
 */
class TokenOptionsIT {
    private static final int PORTS = 31430;
    private static final String WAITING_SUITE = """
            suite: waits
            tasks:
              - name: waiting
                type: command
                command: ["true"]
                requires: [tag not-on-any-node]
            """;

    private static SecureNode grid;
    private static Launcher dtf;

    @BeforeAll
    static void start() throws Exception {
        dtf = Launcher.in("token-options");
        Files.writeString(dtf.work().resolve("waits.yaml"), WAITING_SUITE);
        grid = SecureNode.start("token-options", PORTS);
    }

    @AfterAll
    static void stop() {
        if (grid != null) {
            grid.close();
        }
    }

    @Test
    void aTokenFromTheEnvironmentOrAFileReachesTheGridAndNoneOrATooWeakOneExitsWithFive() throws Exception {
        String submitter = grid.token(Role.SUBMITTER, "ci-from-env");
        Launcher.Outcome submitted = dtf.run(Map.of(ClientTokens.ENV, submitter), "submit", "waits.yaml",
                "--grid", grid.address());
        assertEquals(ExitCodes.OK, submitted.exitCode(), submitted.err());
        String runId = submitted.out().strip();
        grid.awaitAudit("the submission by ci-from-env", e -> e.action().equals("submit") && e.allowed()
                && e.subject().equals("ci-from-env") && e.detail().startsWith("run " + runId + ": "));

        String viewer = grid.token(Role.VIEWER, "vic-from-file");
        Path tokenFile = Files.writeString(dtf.work().resolve("viewer.token"), viewer + "\n");
        Launcher.Outcome status = dtf.run(Map.of(), "status", "--grid", grid.address(), "--token-file",
                tokenFile.toString());
        assertEquals(ExitCodes.OK, status.exitCode(), status.err());
        assertTrue(status.out().contains(runId), status.out());

        Launcher.Outcome cancel = dtf.run(Map.of(), "cancel", runId, "--grid", grid.address(), "--token-file",
                tokenFile.toString());
        assertEquals(ExitCodes.ACCESS_DENIED, cancel.exitCode(), cancel.err());
        assertEquals("dtf: access denied: vic-from-file has role viewer; dtf-coordinator.cancelRun needs submitter "
                + "(own runs; admin for anyone's): ask an admin for a token with that role", cancel.err().strip());
        grid.awaitAudit("the cancel denied to vic-from-file", e -> e.action().equals("denied") && !e.allowed()
                && e.subject().equals("vic-from-file"));

        Launcher.Outcome none = dtf.run(Map.of(), "status", "--grid", grid.address());
        assertEquals(ExitCodes.ACCESS_DENIED, none.exitCode(), none.err());
        assertTrue(none.err().startsWith("dtf: access denied: dtf-coordinator.coordinator refused: no token: give one"
                + " with --token, DTF_TOKEN or a token file"), none.err());

        for (Launcher.Outcome o : List.of(submitted, status, cancel, none)) {
            for (String token : List.of(submitter, viewer)) {
                assertFalse(o.out().contains(token) || o.err().contains(token), "a command printed a token");
            }
        }
        for (AuditEvent e : grid.audit()) {
            assertFalse(e.toString().contains(submitter) || e.toString().contains(viewer), e.toString());
        }
    }

    @Test
    void anUnreadableTokenFileIsAUsageErrorNamingTheFile() throws Exception {
        Launcher.Outcome missing = dtf.run(Map.of(), "status", "--grid", grid.address(), "--token-file", "nope.token");
        assertEquals(ExitCodes.USAGE, missing.exitCode(), missing.err());
        assertTrue(missing.err().startsWith("--token-file nope.token does not exist: give the file that holds the "
                + "token"), missing.err());
    }
}
