package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.FailureCategory;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
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

/** {@code dtf logs} reading a DuckDB file, as after a {@code dtf run}. */
class LogsCommandTest {
    private static Path db;

    @BeforeAll
    static void aRunWithAFlakyTaskAndASilentOne() throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "cli-tests")), "logs");
        db = dir.resolve("dtf.duckdb");
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        try (DuckDbResultStore store = DuckDbResultStore.open(db)) {
            store.ingest(ResultOrigin.grid("logs-test"), List.of(
                    result(1, "bench[n=1]", "bench", 1, false, TaskState.FAILED, "first try\n", "boom\n", t),
                    result(2, "bench[n=1]", "bench", 2, true, TaskState.FLAKY, "second try\n", "", t),
                    result(3, "quiet", "quiet", 1, true, TaskState.PASSED, "", "", t),
                    result(4, "bench[n=2]", "bench", 1, true, TaskState.PASSED, "other\n", "", t),
                    result(5, "solo[x=1]", "solo", 1, true, TaskState.PASSED, "solo out\n", "", t)));
        }
    }

    private static TaskResult result(long seq, String id, String name, int attempt, boolean last, TaskState status,
                                     String out, String err, Instant at) {
        return new TaskResult(seq, "run-1", "s", id, name, Map.of(), attempt, last, status, at, at.plusSeconds(1),
                "node-1", "hw", status == TaskState.FAILED ? 3 : 0, List.of(), out, err,
                status == TaskState.FAILED ? "exit 3" : null,
                status == TaskState.FAILED ? FailureCategory.TEST_FAILURE : null, null);
    }

    private static Launcher.Outcome dtf(String... args) {
        return InProcessCli.dtf(args);
    }

    @Test
    void everyAttemptIsPrintedUnderAHeaderAndOneAttemptAsItIs() {
        Launcher.Outcome all = dtf("logs", "run-1", "bench[n=1]", "--db", db.toString());
        assertEquals(0, all.exitCode(), all.err());
        assertEquals("""
                == bench[n=1] attempt 1: FAILED, exit 3 on hw (standard output) ==
                first try
                == bench[n=1] attempt 2: FLAKY, exit 0 on hw (standard output) ==
                second try
                """, all.out());

        assertEquals("solo out\n", dtf("logs", "run-1", "solo", "--db", db.toString()).out(),
                "a task name with one id stands for it");
        Launcher.Outcome ambiguous = dtf("logs", "run-1", "bench", "--db", db.toString());
        assertEquals(ExitCodes.USAGE, ambiguous.exitCode());
        assertEquals("dtf: 'bench' names 2 tasks of run 'run-1': [bench[n=1], bench[n=2]]; give one of them\n",
                ambiguous.err());
        assertEquals("second try\n", dtf("logs", "run-1", "bench[n=1]", "--attempt", "2", "--db", db.toString()).out());
        assertEquals("boom\n", dtf("logs", "run-1", "bench[n=1]", "--attempt", "1", "--stderr", "--db", db.toString())
                .out());
    }

    @Test
    void nothingPrintedIsSaidClearlyAndUnknownTasksAreUsageErrors() {
        Launcher.Outcome quiet = dtf("logs", "run-1", "quiet", "--db", db.toString());
        assertEquals(0, quiet.exitCode());
        assertEquals("", quiet.out());
        assertEquals("dtf: task 'quiet' of run 'run-1' printed nothing on its standard output (attempt 1); --stderr "
                + "shows its error output\n", quiet.err());

        Launcher.Outcome noAttempt = dtf("logs", "run-1", "quiet", "--attempt", "5", "--db", db.toString());
        assertEquals(ExitCodes.USAGE, noAttempt.exitCode());
        assertTrue(noAttempt.err().contains("has no ended attempt 5"), noAttempt.err());

        Launcher.Outcome noRun = dtf("logs", "run-9", "quiet", "--db", db.toString());
        assertEquals(ExitCodes.USAGE, noRun.exitCode());
        assertTrue(noRun.err().contains("no results of run 'run-9'"), noRun.err());
    }
}
