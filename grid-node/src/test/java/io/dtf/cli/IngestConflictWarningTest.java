package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.results.IngestConflict;
import io.dtf.results.ResultOrigin;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A result delivered twice with different content is told where users look: {@code dtf results} and {@code dtf analyze}. */
class IngestConflictWarningTest {
    private static final ResultOrigin GRID = ResultOrigin.grid("conflict-test");
    private static Path withConflict;
    private static Path clean;
    private static long conflictKey;

    @BeforeAll
    static void oneFileWithAConflictAndOneWithout() throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "cli-tests")), "conflicts");
        withConflict = dir.resolve("conflict.duckdb");
        clean = dir.resolve("clean.duckdb");
        try (DuckDbResultStore store = DuckDbResultStore.open(withConflict)) {
            store.ingest(GRID, List.of(result(1, "run-1", "first", 0), result(2, "run-1", "other", 0)));
            // The same origin and seq again, with other content: stored beside the first, and recorded.
            store.ingest(GRID, List.of(result(1, "run-1", "first", 7)));
            List<IngestConflict> conflicts = store.conflicts();
            assertEquals(1, conflicts.size());
            conflictKey = conflicts.get(0).storedAs();
        }
        try (DuckDbResultStore store = DuckDbResultStore.open(clean)) {
            store.ingest(GRID, List.of(result(1, "run-1", "first", 0), result(2, "run-1", "other", 0)));
            store.ingest(GRID, List.of(result(1, "run-1", "first", 0)));
        }
    }

    private static TaskResult result(long seq, String run, String task, int exitCode) {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        TaskState status = exitCode == 0 ? TaskState.PASSED : TaskState.FAILED;
        return new TaskResult(seq, run, "s", task, task, Map.of(), 1, true, status, at, at.plusSeconds(1), "node-1",
                "hw", exitCode, List.of(), "", "", null, null, null);
    }

    private static Launcher.Outcome dtf(String... args) {
        return InProcessCli.dtf(args);
    }

    @Test
    void resultsWarnsOnStderrNamingTheKeysAndStillPrintsEveryRow() {
        Launcher.Outcome results = dtf("results", "run-1", "--db", withConflict.toString(), "--format", "csv");
        assertEquals(0, results.exitCode(), results.err());
        assertEquals("dtf: warning: 1 result of this run was delivered twice with different content; both are kept "
                + "(key " + conflictKey + "): see ingest_conflicts in the DuckDB file\n", results.err());
        assertEquals(4, results.out().lines().count(), "the header and all three rows, both copies kept");
    }

    @Test
    void aFileWithoutConflictsPrintsNoWarning() {
        Launcher.Outcome results = dtf("results", "run-1", "--db", clean.toString());
        assertEquals(0, results.exitCode(), results.err());
        assertEquals("", results.err());
    }

    @Test
    void analyzeCountsTheFilesConflictsInJsonAndSaysSoInMarkdown() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Launcher.Outcome conflicted = dtf("analyze", "--db", withConflict.toString());
        assertEquals(0, conflicted.exitCode(), conflicted.err());
        assertEquals(1, json.readTree(conflicted.out()).path("ingestConflicts").asInt(-1));
        JsonNode none = json.readTree(dtf("analyze", "--db", clean.toString()).out());
        assertEquals(0, none.path("ingestConflicts").asInt(-1));

        String md = dtf("analyze", "--db", withConflict.toString(), "--format", "md").out();
        assertTrue(md.contains("## Ingest conflicts\n\n1 result was delivered twice with different content"), md);
        assertFalse(md.contains("Nothing needs attention."), md);
        assertFalse(dtf("analyze", "--db", clean.toString(), "--format", "md").out().contains("Ingest conflicts"));
    }
}
