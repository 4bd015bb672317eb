package io.dtf.results.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dtf.model.FailureCategory;
import io.dtf.model.Metric;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TestStatus;
import io.dtf.results.ResultOrigin;
import io.dtf.results.SeqRange;
import io.dtf.results.TestResults;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationTest {
    private static final Instant START = Instant.parse("2025-03-01T10:15:30.123456Z");

    @TempDir
    Path dir;

    /**
     * A file as schema 3 left it: two attempts of one task, the first lost with its node, with a metric,
     * its samples, the run and the node. Rows go in positionally, as that version's ingest copied them.
     */
    private Path version3File() throws Exception {
        Path file = dir.resolve("v3.duckdb");
        try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:" + file.toAbsolutePath(), new Properties());
             Statement s = c.createStatement()) {
            DuckDbSchema.migrate(c, 3);
            s.execute("""
                    INSERT INTO results VALUES
                    (1, 'r', 'nightly', 't1', 'copy', MAP {'size': '1M'}, 1, false, 'ERROR',
                     TIMESTAMP '2025-03-01 10:15:30.123456', TIMESTAMP '2025-03-01 10:15:31.123456', 1000.0,
                     'n1', 'x86', NULL, 'worker left the grid', NULL, NULL),
                    (2, 'r', 'nightly', 't1', 'copy', MAP {'size': '1M'}, 2, true, 'PASSED',
                     TIMESTAMP '2025-03-01 10:15:32.123456', TIMESTAMP '2025-03-01 10:15:33.123456', 1000.0,
                     'n2', 'x86', 0, NULL, 'done', '')""");
            s.execute("INSERT INTO metrics VALUES (2, 'throughput', 'MB/s', 0)");
            s.execute("INSERT INTO samples VALUES (2, 'throughput', 'MB/s', 0, 101.5), (2, 'throughput', 'MB/s', 1, 99.5)");
            s.execute("INSERT INTO runs VALUES ('r', 'nightly', 1, TIMESTAMP '2025-03-01 10:15:30.123456')");
            s.execute("INSERT INTO nodes VALUES ('n1', 'x86', '{\"dtf.cpu.cores\": \"2\"}', now()::TIMESTAMP, now()::TIMESTAMP)");
        }
        return file;
    }

    private static TaskResult v3Row(long seq, int attempt, boolean isFinal, TaskState status, String node,
                                    Integer exit, List<Metric> metrics, String stdout, String stderr, String error) {
        Instant started = START.plusSeconds(2 * (seq - 1));
        return new TaskResult(seq, "r", "nightly", "t1", "copy", Map.of("size", "1M"), attempt, isFinal, status,
                started, started.plusSeconds(1), node, "x86", exit, metrics, stdout, stderr, error, null, null);
    }

    @Test
    void aVersion3FileIsMigratedInPlaceKeepingEveryRow() throws Exception {
        Path file = version3File();

        try (DuckDbResultStore store = DuckDbResultStore.open(file)) {
            List<TaskResult> expected = List.of(
                    v3Row(1, 1, false, TaskState.ERROR, "n1", null, List.of(), null, null, "worker left the grid"),
                    v3Row(2, 2, true, TaskState.PASSED, "n2", 0,
                            List.of(new Metric("throughput", "MB/s", List.of(101.5, 99.5))), "done", "", null));
            assertEquals(expected, store.results("r"), "old rows read back, with no category and no decision");
            assertEquals(List.of("r"), store.runIds());
            assertEquals(IntStream.rangeClosed(1, DuckDbSchema.LATEST).boxed().toList(),
                    store.query(c -> ints(c, "SELECT version FROM schema_version ORDER BY 1")));
            assertEquals(List.of(2), store.query(c -> ints(c,
                    "SELECT n::INTEGER FROM metric_summary WHERE metric = 'throughput'")), "the view still reads");

            TaskResult categorised = new TaskResult(3, "r2", "nightly", "t1", "copy", Map.of(), 1, false,
                    TaskState.ERROR, START, START.plusSeconds(1), "n1", "x86", null, List.of(), null, null,
                    "node left", FailureCategory.NODE_LEFT, "retry on another node in 0.7 s (node left, 1 of 3)");
            assertEquals(1, store.ingest(TestResults.GRID, List.of(categorised)));
            assertEquals(List.of(categorised), store.results("r2"), "the migrated file stores the new columns");
        }
    }

    /**
     * A file as schema 4 left it after one run of an in-memory grid: results numbered 1 and 2, as
     * every grid incarnation numbers them, and an imported row at -1.
     */
    private Path version4File() throws Exception {
        Path file = dir.resolve("v4.duckdb");
        try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:" + file.toAbsolutePath(), new Properties());
             Statement s = c.createStatement()) {
            DuckDbSchema.migrate(c, 4);
            s.execute("""
                    INSERT INTO results VALUES
                    (1, 'first-run', 'quickstart', 't1', 'copy', MAP {}, 1, true, 'PASSED',
                     TIMESTAMP '2025-03-01 10:15:30.123456', TIMESTAMP '2025-03-01 10:15:31.123456', 1000.0,
                     'n1', 'x86', 0, NULL, '', '', NULL, 'final'),
                    (2, 'first-run', 'quickstart', 't2', 'copy', MAP {}, 1, true, 'PASSED',
                     TIMESTAMP '2025-03-01 10:15:32.123456', TIMESTAMP '2025-03-01 10:15:33.123456', 1000.0,
                     'n1', 'x86', 0, NULL, '', '', NULL, 'final'),
                    (-1, 'imported', 'imported', 'copy', 'copy', MAP {}, 1, true, 'PASSED',
                     TIMESTAMP '2020-01-01 00:00:00', TIMESTAMP '2020-01-01 00:00:00', 0,
                     NULL, 'x86', NULL, NULL, NULL, NULL, NULL, NULL)""");
            s.execute("INSERT INTO runs VALUES ('first-run', 'quickstart', 1, TIMESTAMP '2025-03-01 10:15:30.123456'), "
                    + "('imported', 'imported', -1, TIMESTAMP '2020-01-01 00:00:00')");
        }
        return file;
    }

    @Test
    void aVersion4FileKeepsItsRowsAsLegacyAndTheNextGridsSeqsAreNotMistakenForThem() throws Exception {
        Path file = version4File();

        try (DuckDbResultStore store = DuckDbResultStore.open(file)) {
            assertEquals(List.of(1L, 2L), store.results("first-run").stream().map(TaskResult::seq).toList());
            assertEquals(List.of(-1L), store.results("imported").stream().map(TaskResult::seq).toList());
            assertEquals(List.of(new SeqRange(-1, -1), new SeqRange(1, 2)),
                    store.seqRanges(ResultOrigin.LEGACY));
            assertEquals(List.of(), store.seqRanges(TestResults.GRID));

            // The next in-memory grid numbers from 1 again: schema 4 skipped these as "already stored".
            List<TaskResult> secondRun = List.of(TestResults.passed(1, "second-run"), TestResults.passed(2, "second-run"));
            assertEquals(2, store.ingest(TestResults.GRID, secondRun));
            assertEquals(secondRun, store.results("second-run"));
            assertEquals(2, store.results("first-run").size());
            assertEquals(List.of(), store.conflicts());
            assertEquals(List.of(3, 4), store.query(c -> ints(c,
                    "SELECT seq::INTEGER FROM results WHERE run_id = 'second-run' ORDER BY seq")),
                    "new rows take keys above the highest in the file");
        }
    }

    @Test
    void aVersion3FileOpenedReadOnlyIsMigratedFirstSoReadingToolsWorkAfterAnUpgrade() throws Exception {
        Path file = version3File();

        try (DuckDbResultStore readOnly = DuckDbResultStore.openReadOnly(file)) {
            assertEquals(2, readOnly.count());
            assertNull(readOnly.results("r").get(0).category());
        }
    }

    @Test
    void theNewColumnsComeLastInResultsWhetherTheFileIsNewOrMigrated() throws Exception {
        Path fresh = dir.resolve("fresh.duckdb");
        DuckDbResultStore.open(fresh).close();
        Path migrated = version3File();
        DuckDbResultStore.open(migrated).close();

        List<String> freshColumns = columns(fresh);
        assertEquals(List.of("failure_category", "decision", "origin", "origin_seq", "content_hash"),
                freshColumns.subList(freshColumns.size() - 5, freshColumns.size()));
        assertEquals(freshColumns, columns(migrated), "ingest copies rows into results by position");
    }

    @Test
    void aVersion6FileGainsTestCasesKeepingItsRowsAndStoresTestsFromThenOn() throws Exception {
        Path file = dir.resolve("v6.duckdb");
        TaskResult old = new TaskResult(1, "before", "nightly", "t0", "copy", Map.of(), 1, true, TaskState.PASSED,
                null, null, null, null, 0, List.of(), null, null, null, null, null);
        try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:" + file.toAbsolutePath(), new Properties())) {
            DuckDbSchema.migrate(c, 6);
            storeAsVersion6(c, old);
        }

        try (DuckDbResultStore store = DuckDbResultStore.open(file)) {
            assertEquals(List.of(old), store.results("before"), "the old row reads back, with no tests");
            assertEquals(7, DuckDbSchema.LATEST);
            assertEquals(List.of(7), store.query(c -> ints(c, "SELECT max(version) FROM schema_version")));
            TaskResult junit = TestResults.junit(2, "after", "unit", "t1", 1, true, TaskState.FAILED, "x86",
                    List.of(TestResults.test("com.example.ATest", "fails", TestStatus.FAILED, 5)));
            assertEquals(1, store.ingest(TestResults.GRID, List.of(old, junit)), "the old result is already stored");
            assertEquals(List.of(junit), store.results("after"));
        }
    }

    /** Stores a result without metrics into a schema-6 file as that version's ingest did, content digest included. */
    private static void storeAsVersion6(Connection c, TaskResult r) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO results VALUES (1, '%s', '%s', '%s', '%s', MAP {}, 1, true, 'PASSED',
                    NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, '%s', %d, '%s')"""
                    .formatted(r.runId(), r.suite(), r.taskId(), r.taskName(), TestResults.GRID.id(), r.seq(),
                            ContentHash.of(r)));
            s.execute("INSERT INTO runs VALUES ('" + r.runId() + "', '" + r.suite() + "', 1, NULL)");
        }
    }

    private static List<Integer> ints(Connection c, String sql) throws java.sql.SQLException {
        List<Integer> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    private static List<String> columns(Path file) throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        List<String> names = new ArrayList<>();
        try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:" + file.toAbsolutePath(), readOnly);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT column_name FROM duckdb_columns()
                     WHERE table_name = 'results' ORDER BY column_index""")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
