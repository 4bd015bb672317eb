package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.cli.Launcher.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keys and tokens through the {@code dtf} launcher, as an operator uses them: make the keys, issue
 * tokens, revoke one on a running node; bad input refused; and no log of the node or the CLI holding
 * a token afterwards.
 */
class TokenCliIT {
    private static final int DISCOVERY = 31100;
    private static final int COMMUNICATION = 31120;
    private static final int CLIENT = 31140;
    private static final Pattern TOKEN_ID = Pattern.compile("token ([0-9a-f-]{36}): ");

    @Test
    void anOperatorMakesKeysIssuesTokensAndRevokesOneAndNoLogHoldsAToken() throws Exception {
        Launcher dtf = Launcher.in("token-cli-it");
        Path work = dtf.work();
        String keys = work.resolve("keys").toString();

        Outcome init = dtf.run("keys", "init", "--keys", keys);
        assertEquals(0, init.exitCode(), init.err());
        assertTrue(init.out().contains("next:"), init.out());

        Outcome admin = dtf.run("token", "create", "--role", "admin", "--subject", "operator", "--ttl", "1h",
                "--keys", keys);
        assertEquals(0, admin.exitCode(), admin.err());
        String adminToken = admin.out().strip();
        assertEquals(3, adminToken.split("\\.").length, "a JWT alone on stdout: " + admin.out());

        Outcome node = dtf.run("token", "create", "--role", "node", "--subject", "worker-1", "--ttl", "30d",
                "--tags", "gpu", "--keys", keys, "--out", work.resolve("worker-1.token").toString());
        assertEquals(0, node.exitCode(), node.err());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(work.resolve("worker-1.token"))));
        String nodeTokenId = tokenId(node.err());

        Outcome badRole = dtf.run("token", "create", "--role", "root", "--subject", "x", "--ttl", "1h", "--keys", keys);
        assertEquals(ExitCodes.USAGE, badRole.exitCode());
        assertTrue(badRole.err().contains("--role") && badRole.err().contains("viewer, submitter, admin, node"),
                badRole.err());

        Path nodeLog = work.resolve("node-console.log");
        Path dataDir = work.resolve("node");
        Process grid = dtf.start(nodeLog, "node", "--port", String.valueOf(DISCOVERY), "--comm-port",
                String.valueOf(COMMUNICATION), "--client-port", String.valueOf(CLIENT), "--join",
                "127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 9), "--data-dir", dataDir.toString());
        try {
            Launcher.awaitStarted(grid, nodeLog, Duration.ofSeconds(60), out -> out.contains(" up: "));
            String address = "127.0.0.1:" + CLIENT;

            Outcome status = dtf.run("status", "--grid", address, "--token", adminToken);
            assertEquals(0, status.exitCode(), status.err());

            Outcome revoke = dtf.run("token", "revoke", nodeTokenId, "--ttl", "30d", "--grid", address,
                    "--token", adminToken);
            assertEquals(0, revoke.exitCode(), revoke.err());
            assertTrue(revoke.out().startsWith("token " + nodeTokenId + " revoked until "), revoke.out());

            Outcome pasted = dtf.run("token", "revoke", adminToken, "--grid", address, "--token", adminToken);
            assertEquals(ExitCodes.USAGE, pasted.exitCode());
            assertTrue(pasted.err().contains("that is a token itself, not its id"), pasted.err());
            assertFalse(pasted.err().contains(adminToken) || pasted.out().contains(adminToken));

            Outcome past = dtf.run("token", "revoke", nodeTokenId, "--until", "2020-01-01T00:00:00Z", "--grid",
                    address, "--token", adminToken);
            assertEquals(ExitCodes.USAGE, past.exitCode());
            assertTrue(past.err().contains("until: 2020-01-01T00:00:00Z is not in the future"), past.err());

            Outcome unreachable = dtf.run("token", "revoke", nodeTokenId, "--grid", "127.0.0.1:" + (CLIENT + 9),
                    "--token", adminToken);
            assertEquals(ExitCodes.GRID_ERROR, unreachable.exitCode(), unreachable.err());
            assertFalse(unreachable.err().contains(adminToken), unreachable.err());
        } finally {
            grid.destroy();
            grid.waitFor(30, TimeUnit.SECONDS);
        }

        assertTrue(Files.readString(dataDir.resolve("logs/dtf.log")).contains("revoked until"),
                "the node's log is where we look");
        String signature = adminToken.substring(adminToken.lastIndexOf('.') + 1);
        for (Path log : logs(work)) {
            String text = Files.readString(log);
            assertFalse(text.contains(signature), log + " holds a token");
        }
    }

    private static List<Path> logs(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> logs = files.filter(f -> f.getFileName().toString().endsWith(".log")).toList();
            assertTrue(logs.size() >= 2, "the node's console and its log file: " + logs);
            return logs;
        }
    }

    private static String tokenId(String err) {
        Matcher m = TOKEN_ID.matcher(err);
        assertTrue(m.find(), err);
        return m.group(1);
    }
}
