package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.cli.Launcher;
import io.dtf.cli.Launcher.Outcome;
import io.dtf.wire.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code dtf audit} with a {@code dtf node} of its own: through the grid while the node holds the DuckDB
 * file (without {@code --grid} it says who holds the file and what to add), and from the file, with the
 * same answer, once the node has stopped. Ports 32210, 32230, 32310.
 */
class AuditThroughTheLauncherIT {
    private static final String GRID = "127.0.0.1:32310";

    @Test
    void submissionsAndRefusedCancelsAreReadThroughTheGridAndFromTheFileAlike() throws Exception {
        Launcher dtf = Launcher.in("grids/audit-launcher");
        Path root = dtf.work();
        Path data = Files.createDirectories(root.resolve("dtf-data"));
        Path suite = Files.writeString(root.resolve("suite.yaml"), """
                suite: audited
                tasks:
                  - name: hello
                    type: command
                    command: [sh, -c, "echo hello"]
                """);
        JsonNode live;
        try (NodeProcess node = NodeProcess.start(data, "--port", "32210", "--comm-port", "32230",
                "--client-port", "32310", "--join", "127.0.0.1:32210", "--allow-commands=sh")) {
            Outcome run = dtf.run("run", suite.toString(), "--grid", GRID);
            assertEquals(0, run.exitCode(), run.out() + run.err());
            Outcome cancel = dtf.run("cancel", "no-such-run", "--grid", GRID);
            assertEquals(2, cancel.exitCode(), cancel.out() + cancel.err());

            live = awaitAudit(dtf);
            assertEquals("submit", live.get(0).get("action").asText(), live.toString());
            assertEquals("anonymous", live.get(0).get("subject").asText());
            assertTrue(live.get(0).get("detail").asText().startsWith("run audited-"), live.toString());
            assertEquals("cancel", live.get(1).get("action").asText());
            assertFalse(live.get(1).get("allowed").asBoolean());

            Outcome table = dtf.run("audit", "--grid", GRID, "--refused");
            assertEquals(0, table.exitCode(), table.err());
            assertTrue(table.out().contains("REFUSED") && table.out().contains("no-such-run")
                    && !table.out().contains("submit"), table.out());

            Outcome locked = dtf.run("audit");
            assertEquals(2, locked.exitCode(), locked.out() + locked.err());
            assertTrue(locked.err().contains("dtf-data/dtf.duckdb is held open by a running DTF node")
                    && locked.err().contains("add --grid " + GRID), locked.err());
            node.stop();
        }

        Outcome offline = dtf.run("audit", "--data-dir", data.toString(), "--json");
        assertEquals(0, offline.exitCode(), offline.err());
        assertEquals(live, Json.mapper().readTree(offline.out()), "the file answers as the grid did");
    }

    /** Asks the grid until the submission and the refused cancel are stored, and returns that answer. */
    private static JsonNode awaitAudit(Launcher dtf) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Outcome json = dtf.run("audit", "--grid", GRID, "--json");
            JsonNode entries = json.exitCode() == 0 ? Json.mapper().readTree(json.out()) : null;
            if (entries != null && entries.size() == 2) {
                return entries;
            }
            assertTrue(Instant.now().isBefore(deadline), "not stored: " + json);
        }
    }
}
