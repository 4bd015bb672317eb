package io.dtf.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dtf.model.DurationQuery;
import io.dtf.model.DurationSample;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.results.TestResults;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task durations per hardware class in a real DuckDB file: what placement learns from. */
class TaskDurationReaderTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    static Path dir;
    static DuckDbResultStore store;
    static TaskDurationReader reader;
    private static long seq;

    /**
     * Suite "unit", 14 runs an hour apart: task "build" takes 1,000 + run ms on x86 (the first four runs
     * took 60 s: an old, slow build) and twice as long on arm; "lint" ran only in run 1 (the oldest key).
     * Every run also has failed, timed-out, cancelled and never-started attempts of "build" that last
     * 9 minutes, a FLAKY final attempt of "flaky" (it passed: counted) and a result of another suite.
     */
    @BeforeAll
    static void storeHistory() {
        store = DuckDbResultStore.open(dir.resolve("durations.duckdb"));
        reader = new TaskDurationReader(store);
        List<TaskResult> results = new ArrayList<>();
        for (int run = 1; run <= 14; run++) {
            Instant at = T0.plusSeconds(3_600L * run);
            long build = run <= 4 ? 60_000 : 1_000 + run;
            results.add(attempt("unit", run, "build", "x86", TaskState.PASSED, at, build));
            results.add(attempt("unit", run, "build", "arm", TaskState.PASSED, at, 2 * build));
            for (TaskState failed : List.of(TaskState.FAILED, TaskState.TIMED_OUT, TaskState.CANCELLED)) {
                results.add(attempt("unit", run, "build", "x86", failed, at.plusSeconds(1), 540_000));
            }
            results.add(attempt("unit", run, "build", "x86", TaskState.ERROR, null, 0));
            results.add(attempt("unit", run, "flaky", "x86", TaskState.FLAKY, at, 300));
            results.add(attempt("other", run, "build", null, TaskState.PASSED, at, 7));
        }
        results.add(attempt("unit", 1, "lint", "x86", TaskState.PASSED, T0, 50));
        store.ingest(TestResults.GRID, results);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void eachKeyTakesTheMedianOfItsLatestPassingAttemptsMostRecentKeysFirst() {
        // Runs 5..14 on x86: 1,005..1,014 ms, median 1,009.5; the 60 s builds of runs 1-4 fall outside the last 10.
        assertEquals(List.of(
                        new DurationSample("unit", "build", "arm", 10, 2_019),
                        new DurationSample("unit", "build", "x86", 10, 1_010),
                        new DurationSample("unit", "flaky", "x86", 10, 300),
                        new DurationSample("unit", "lint", "x86", 1, 50)),
                reader.read(new DurationQuery("unit", 20, 10, 100)));
    }

    @Test
    void moreAttemptsPerKeyReachFurtherBackAndTheLimitKeepsTheMostRecentKeys() {
        // The latest 14 builds on x86: 1,005..1,014 and four of 60 s; the median is their middle two, 1,011.5.
        List<DurationSample> all = reader.read(new DurationQuery("unit", 20, 14, 2));
        assertEquals(List.of(new DurationSample("unit", "build", "arm", 14, 2_023),
                new DurationSample("unit", "build", "x86", 14, 1_012)), all);
    }

    @Test
    void onlyEachSuitesLatestRunsAreRead() {
        // Runs 13 and 14 of "unit": builds of 1,013 and 1,014 ms (2,026 and 2,028 on arm); lint ran in run 1 only.
        assertEquals(List.of(
                        new DurationSample("unit", "build", "arm", 2, 2_027),
                        new DurationSample("unit", "build", "x86", 2, 1_014),
                        new DurationSample("unit", "flaky", "x86", 2, 300),
                        new DurationSample("other", "build", null, 2, 7)),
                reader.read(new DurationQuery(null, 2, 10, 100)));
    }

    @Test
    void withoutASuiteEverySuiteAnswersAndAResultWithoutHardwareClassKeepsANullClass() {
        List<DurationSample> all = reader.read(DurationQuery.recent());
        assertEquals(5, all.size(), all.toString());
        assertEquals(new DurationSample("other", "build", null, 10, 7), all.get(3));
    }

    @Test
    void aSuiteWithNoPassingAttemptAnswersNothingAndBadQueriesAreRefusedByField() {
        assertEquals(List.of(), reader.read(new DurationQuery("no-such-suite", 20, 10, 10)));
        assertEquals("runs: 0 is not between 1 and 1000",
                assertThrows(IllegalArgumentException.class, () -> new DurationQuery(null, 0, 1, 10)).getMessage());
        assertEquals("latest: 0 is not between 1 and 100",
                assertThrows(IllegalArgumentException.class, () -> new DurationQuery(null, 1, 0, 10)).getMessage());
        assertEquals("limit: 100001 is not between 1 and 100000",
                assertThrows(IllegalArgumentException.class, () -> new DurationQuery(null, 1, 1, 100_001))
                        .getMessage());
    }

    private static TaskResult attempt(String suite, int run, String taskId, String hwClass, TaskState status,
                                      Instant start, long millis) {
        seq++;
        return new TaskResult(seq, suite + "-r" + run, suite, taskId, taskId, Map.of(), 1,
                status != TaskState.ERROR, status, start, start == null ? T0 : start.plusMillis(millis), "n-" + hwClass,
                hwClass, 0, List.of(), "", "", null, null, null, null, List.of());
    }
}
