package io.dtf.results.duckdb;

import static io.dtf.results.TestResults.GRID;
import static io.dtf.results.TestResults.erroredWithNulls;
import static io.dtf.results.TestResults.passed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.history.CsvHistoryImporter;
import io.dtf.model.FailureCategory;
import io.dtf.model.Metric;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.results.IngestConflict;
import io.dtf.results.ResultOrigin;
import io.dtf.results.SeqRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class DuckDbResultStoreTest {
    private Path file;
    private DuckDbResultStore store;

    @BeforeEach
    void openFreshFile(TestInfo test) throws Exception {
        Path dir = Path.of("target", "duckdb-test");
        file = dir.resolve(test.getTestMethod().orElseThrow().getName() + ".duckdb");
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".wal"));
        store = DuckDbResultStore.open(file);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void storedResultsReadBackEqualWithMetricsSamplesParamsAndNulls() {
        TaskResult oddMetrics = new TaskResult(4, "run-a", "nightly", "t4", "odd", Map.of("k", ""), 2, true,
                TaskState.FAILED, Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.parse("2025-01-01T00:00:00Z"),
                "n", "hw", -9, List.of(new Metric("empty", "", List.of()), new Metric("nan", "x", List.of(Double.NaN, -0.5))),
                "", "stderr text\u00e9", "failed: assertion", null, null);
        List<TaskResult> run = List.of(passed(1, "run-a"), erroredWithNulls(2, "run-a"), oddMetrics);

        assertEquals(4, store.ingest(GRID, List.of(oddMetrics, passed(1, "run-a"), passed(3, "run-b"), erroredWithNulls(2, "run-a"))));
        assertEquals(run, store.results("run-a"));
        assertEquals(List.of(passed(3, "run-b")), store.results("run-b"));
        assertEquals(List.of(), store.results("no-such-run"));
    }

    @Test
    void reingestingTheSameResultsStoresNothingNew() {
        List<TaskResult> batch = List.of(passed(1, "r"), passed(2, "r"));
        assertEquals(2, store.ingest(GRID, batch));

        assertEquals(0, store.ingest(GRID, batch));
        assertEquals(1, store.ingest(GRID, List.of(passed(2, "r"), passed(3, "r"))));
        assertEquals(3, store.count());
        assertEquals(List.of(passed(1, "r"), passed(2, "r"), passed(3, "r")), store.results("r"));
    }

    @Test
    void exactCopiesWithinOneBatchAreStoredOnceAndADifferentResultUnderTheSameSeqIsKeptAndRecorded() {
        TaskResult first = passed(7, "r");
        TaskResult sameSeqOtherContent = passed(7, "other-run");

        assertEquals(3, store.ingest(GRID, List.of(first, first, sameSeqOtherContent, passed(8, "r"))));
        assertEquals(List.of(first, passed(8, "r")), store.results("r"));
        assertEquals(List.of(sameSeqOtherContent), store.results("other-run"), "never dropped");
        List<IngestConflict> conflicts = store.conflicts();
        assertEquals(1, conflicts.size());
        assertEquals(GRID, conflicts.get(0).origin());
        assertEquals(7, conflicts.get(0).originSeq());
        assertEquals("other-run", conflicts.get(0).runId());
        assertTrue(conflicts.get(0).storedAs() != conflicts.get(0).existingSeq());
    }

    @Test
    void theSameSeqFromAnotherOriginIsAnotherResultNotADuplicate() {
        ResultOrigin restarted = ResultOrigin.grid("00000000-0000-0000-0000-000000000002");
        assertEquals(3, store.ingest(GRID, List.of(passed(1, "first-run"), passed(2, "first-run"), passed(3, "first-run"))));

        // An in-memory grid restarted numbers from 1 again: its results are new, all of them.
        assertEquals(2, store.ingest(restarted, List.of(passed(1, "second-run"), passed(2, "second-run"))));
        assertEquals(List.of(passed(1, "second-run"), passed(2, "second-run")), store.results("second-run"));
        assertEquals(3, store.results("first-run").size());
        assertEquals(List.of(new SeqRange(1, 3)), store.seqRanges(GRID));
        assertEquals(List.of(new SeqRange(1, 2)), store.seqRanges(restarted));
        assertEquals(2, store.lastSeq(restarted));
        assertEquals(0, store.lastSeq(ResultOrigin.grid("never-seen")));
        assertEquals(List.of(), store.conflicts(), "different origins never conflict");

        assertEquals(0, store.ingest(restarted, List.of(passed(2, "second-run"))), "a redelivery is still skipped");
        assertEquals(5, store.count());
    }

    @Test
    void aDifferentResultUnderAStoredIdentityIsStoredAlertedAndItsRedeliverySkipped() {
        assertEquals(1, store.ingest(GRID, List.of(passed(1, "r"))));
        TaskResult impostor = erroredWithNulls(1, "elsewhere");

        assertEquals(1, store.ingest(GRID, List.of(impostor)));
        assertEquals(List.of(impostor), store.results("elsewhere"));
        assertEquals(List.of(passed(1, "r")), store.results("r"));
        assertEquals(1, store.conflicts().size());
        assertEquals("elsewhere", store.conflicts().get(0).runId());
        assertEquals(store.conflicts(), store.conflicts("elsewhere"), "filed under the run of the row that arrived");
        assertEquals(List.of(), store.conflicts("r"));

        assertEquals(0, store.ingest(GRID, List.of(impostor, passed(1, "r"))), "both copies are held now");
        assertEquals(1, store.conflicts().size());
        assertEquals(List.of(new SeqRange(1, 1)), store.seqRanges(GRID));
        assertEquals(2, store.count());
    }

    @Test
    void aBatchThatCannotBeStoredLeavesNothingBehind() {
        TaskResult unstorable = new TaskResult(2, "r", "s", "t", "n", Map.of(), 1, true, TaskState.PASSED,
                Instant.MAX, null, null, null, null, List.of(), null, null, null, null, null);

        assertThrows(RuntimeException.class, () -> store.ingest(GRID, List.of(passed(1, "r"), unstorable)));
        assertEquals(0, store.count());
        assertEquals(1, store.ingest(GRID, List.of(passed(1, "r"))));
        assertEquals(List.of(passed(1, "r")), store.results("r"));
    }

    @Test
    void reopeningTheFileKeepsEveryResult() {
        store.ingest(GRID, List.of(passed(1, "r"), erroredWithNulls(5, "r")));
        store.close();

        store = DuckDbResultStore.open(file);
        assertEquals(List.of(passed(1, "r"), erroredWithNulls(5, "r")), store.results("r"));
        assertEquals(1, store.ingest(GRID, List.of(erroredWithNulls(5, "r"), passed(6, "r"))));
        assertEquals(3, store.count());
    }

    @Test
    void lastSeqIsZeroWhenEmptyThenTheHighestStored() {
        assertEquals(0, store.lastSeq(GRID));
        store.ingest(GRID, List.of(passed(10, "r"), passed(3, "r")));
        store.ingest(GRID, List.of(passed(5, "r")));
        assertEquals(10, store.lastSeq(GRID));
    }

    @Test
    void seqRangesDescribeWhatIsStoredAroundTheGaps() {
        assertEquals(List.of(), store.seqRanges(GRID));
        store.ingest(GRID, List.of(passed(1, "r"), passed(2, "r"), passed(3, "r"), passed(8, "r"), passed(7, "r"),
                passed(10, "r")));
        assertEquals(List.of(new SeqRange(1, 3), new SeqRange(7, 8), new SeqRange(10, 10)), store.seqRanges(GRID));
    }

    @Test
    void runIdsListTheNewestRunFirstByItsEarliestAttempt() {
        TaskResult undated = new TaskResult(70, "undated-at-first", "s", "t", "n", Map.of(), 1, false,
                TaskState.ERROR, null, null, null, null, null, List.of(), null, null, "never started", null, null);
        store.ingest(GRID, List.of(passed(60, "older"), passed(900, "newer"), undated));
        store.ingest(GRID, List.of(passed(20, "oldest"), passed(55, "middle")));
        assertEquals(List.of("newer", "older", "middle", "oldest", "undated-at-first"), store.runIds());

        store.ingest(GRID, List.of(passed(50, "older"), passed(10, "undated-at-first")));
        assertEquals(List.of("newer", "middle", "older", "oldest", "undated-at-first"), store.runIds());
    }

    @Test
    void metricsReportedTwiceUnderOneNameAreJoined() {
        TaskResult twice = new TaskResult(1, "r", "s", "t", "n", Map.of(), 1, true, TaskState.PASSED, null, null,
                null, null, null, List.of(new Metric("ops", "ops/s", List.of(1.0, 2.0)), new Metric("ops", "other", List.of(3.0))),
                null, null, null, null, null);

        store.ingest(GRID, List.of(twice));
        assertEquals(List.of(new Metric("ops", "ops/s", List.of(1.0, 2.0, 3.0))), store.results("r").get(0).metrics());
    }

    @Test
    void metricSummaryGivesStatisticsPerResultAndMetric() throws Exception {
        store.ingest(GRID, List.of(passed(1, "r")));
        store.close();

        try (Connection c = readOnlyJdbc(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT metric, unit, n, mean, median, min, max, stddev FROM metric_summary
                     WHERE seq = 1 ORDER BY metric""")) {
            assertTrue(rs.next());
            assertEquals("latency", rs.getString(1));
            assertEquals(3, rs.getLong(3));
            assertEquals(1.5, rs.getDouble(4), 1e-12);
            assertEquals(1.5, rs.getDouble(5), 1e-12);
            assertEquals(0.25, rs.getDouble(8), 1e-12);
            assertTrue(rs.next());
            assertEquals("throughput", rs.getString(1));
            assertEquals("MB/s", rs.getString(2));
            assertEquals(5, rs.getLong(3));
            assertEquals(99.25, rs.getDouble(6), 1e-12);
            assertEquals(102.0, rs.getDouble(7), 1e-12);
        }
        store = DuckDbResultStore.open(file);
    }

    @Test
    void readOnlyStoreReadsButRefusesToIngest() {
        store.ingest(GRID, List.of(passed(1, "r")));
        store.close();

        try (DuckDbResultStore readOnly = DuckDbResultStore.openReadOnly(file)) {
            assertEquals(List.of(passed(1, "r")), readOnly.results("r"));
            assertEquals(1, readOnly.lastSeq(GRID));
            assertThrows(IllegalStateException.class, () -> readOnly.ingest(GRID, List.of(passed(2, "r"))));
        }
        store = DuckDbResultStore.open(file);
    }

    @Test
    void aDatabaseFromANewerSchemaIsRefused() throws Exception {
        store.close();
        try (Connection c = jdbc(new Properties());
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version VALUES (" + (DuckDbSchema.LATEST + 1) + ", now()::TIMESTAMP)");
        }

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> DuckDbResultStore.open(file));
        assertTrue(refused.getMessage().contains("newer"), refused.getMessage());
        try (Connection c = jdbc(new Properties());
             Statement s = c.createStatement()) {
            s.execute("DELETE FROM schema_version WHERE version > " + DuckDbSchema.LATEST);
        }
        store = DuckDbResultStore.open(file);
    }

    @Test
    void aHundredThousandResultsIngestInBatches() {
        long started = System.nanoTime();
        List<TaskResult> batch = new ArrayList<>();
        for (long seq = 1; seq <= 100_000; seq++) {
            batch.add(passed(seq, "run-" + seq / 10_000));
            if (batch.size() == 2_000) {
                assertEquals(2_000, store.ingest(GRID, batch));
                batch.clear();
            }
        }
        long ingestMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(100_000, store.count());
        assertEquals(List.of(new SeqRange(1, 100_000)), store.seqRanges(GRID));
        assertEquals(10_000, store.results("run-3").size());
        System.out.printf("100k results (800k samples) ingested in %d ms%n", ingestMillis);
    }

    @Test
    void everyCategoryAndADecisionRoundTrip() {
        Instant at = Instant.parse("2025-03-01T10:00:00Z");
        List<TaskResult> attempts = new ArrayList<>();
        long seq = 1;
        for (FailureCategory category : FailureCategory.values()) {
            attempts.add(new TaskResult(seq, "r", "s", "t", "n", Map.of(), (int) seq, false, TaskState.FAILED, at, at,
                    "node", "hw", 1, List.of(), "", "", "why", category, "decision " + seq));
            seq++;
        }
        attempts.add(new TaskResult(seq, "r", "s", "t", "n", Map.of(), (int) seq, true, TaskState.FLAKY, at, at,
                "node", "hw", 0, List.of(), "", "", null, null, "final: passed after 1 failed attempt(s), so FLAKY"));

        store.ingest(GRID, attempts);
        assertEquals(attempts, store.results("r"));
    }

    /**
     * Batches read only the stored rows their origin seqs can collide with; more than one of DuckDB's
     * row groups (122,880 rows) lies between the copy and the rows stored last.
     */
    @Test
    void aRedeliveryOfAResultStoredLongAgoIsStillRecognisedAndItsChangedCopyRecorded() {
        long seq = 0;
        while (seq < 130_000) {
            List<TaskResult> batch = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                batch.add(passed(++seq, "r" + seq / 10_000));
            }
            store.ingest(GRID, batch);
        }

        assertEquals(0, store.ingest(GRID, List.of(passed(5, "r0"))));
        assertEquals(0, store.ingest(GRID, List.of(passed(seq, "r" + seq / 10_000), passed(5, "r0"))));
        assertEquals(1, store.ingest(GRID, List.of(passed(5, "changed"))));
        assertEquals(seq + 1, store.count());
        assertEquals(List.of(5L), store.conflicts().stream().map(IngestConflict::originSeq).toList());
    }

    /** A history import between two batches stores keys above this writer's last: the next batch goes above them. */
    @Test
    void keysStayAboveRowsAnImportStoredAfterTheLastBatch() throws Exception {
        store.ingest(GRID, List.of(passed(1, "r"), passed(2, "r")));
        Path csv = Files.createTempFile(file.getParent(), "history", ".csv");
        Files.writeString(csv, String.join(",", CsvHistoryImporter.REQUIRED) + "\n"
                + "old-1,2024-05-01T00:00:00Z,sort,n=1,time,ms,x86,3.5\n"
                + "old-2,2024-05-02T00:00:00Z,sort,n=1,time,ms,x86,3.25\n");
        new CsvHistoryImporter().importFile(csv, store);

        assertEquals(1, store.ingest(GRID, List.of(passed(3, "r"))));
        assertEquals(5, store.count());
        assertEquals(List.of(passed(1, "r"), passed(2, "r"), passed(3, "r")), store.results("r"));
    }

    @Test
    void aCategoryThisVersionDoesNotKnowReadsAsNone() {
        assertNull(ResultRows.category("DISK_ON_FIRE"));
        assertEquals(FailureCategory.TIMEOUT, ResultRows.category("TIMEOUT"));
    }

    private Connection readOnlyJdbc() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        return jdbc(properties);
    }

    private Connection jdbc(Properties properties) throws Exception {
        return new DuckDBDriver().connect("jdbc:duckdb:" + file.toAbsolutePath(), properties);
    }
}
